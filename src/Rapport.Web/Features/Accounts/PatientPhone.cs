using Rapport.Web.Data;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Accounts;

/// <summary>
/// A person changes their own phone number: the entity's rule (Accounts.PhoneNumberInvalid), the save and the audit row
/// in one use case, so every entry point (the details page today, an API later) gets all three.
/// </summary>
public sealed class PatientPhone(AppDbContext db, Auditor audit)
{
    /// <summary>Changes the number; a refusal (<see cref="RuleViolationException"/>) leaves the old one stored.</summary>
    public async Task ChangeAsync(RapportUser person, string? written, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(person);
        person.ChangePhoneNumber(written);
        audit.Stage(AuditAction.PhoneNumberChanged, userId: person.Id);
        await db.SaveChangesAsync(ct);
    }
}
