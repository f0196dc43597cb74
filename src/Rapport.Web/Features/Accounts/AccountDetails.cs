using Rapport.Web.Data;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Accounts;

/// <summary>
/// A person changes their own details: name, time zone, language, country and phone. The entity's rules
/// (<see cref="RapportUser.ChangeDetails"/>, <see cref="RapportUser.ChangePhoneNumber"/>), the save and the audit rows in
/// one use case, so every entry point (the details page today, an API later) gets all of them; a refusal
/// (<see cref="RuleViolationException"/>) saves nothing.
/// </summary>
public sealed class AccountDetails(AppDbContext db, AccountContact contact, Auditor audit)
{
    public sealed record Change(string? DisplayName, string? TimeZoneId, string? PreferredLanguage, string? CountryCode, string? PhoneNumber);

    public async Task ChangeAsync(RapportUser person, Change change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(change);
        // The country first: a number written without its country code is read as one of the country now chosen.
        var changed = person.ChangeDetails(change.DisplayName, change.TimeZoneId, change.PreferredLanguage, change.CountryCode);
        if (string.IsNullOrWhiteSpace(change.PhoneNumber) && person.PhoneNumber is not null)
        {
            throw new RuleViolationException(AccountRules.PhoneNumberNeeded,
                "Keep a phone number here: if something goes wrong during a session, your therapist must be able to call you.");
        }
        if (!string.IsNullOrWhiteSpace(change.PhoneNumber))
        {
            contact.StagePhone(person, change.PhoneNumber, source: null);
        }
        if (changed.Count > 0)
        {
            audit.Stage(AuditAction.DetailsChanged, userId: person.Id, detail: string.Join(", ", changed));
        }
        await db.SaveChangesAsync(ct);
    }
}
