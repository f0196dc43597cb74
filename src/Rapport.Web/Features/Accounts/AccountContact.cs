using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Accounts;

/// <summary>
/// Where a person is and how to reach them, changed by another feature's use case (the intake): the account's country,
/// which the crisis lines follow, and its phone number, checked by <see cref="RapportUser.ChangePhoneNumber"/> and
/// audited when it changes. Only stages the change in the caller's unit of work; the caller saves, so it commits with
/// the rest or not at all. The account stays this feature's own (docs/architecture.md, "Layers").
/// </summary>
public sealed class AccountContact(AppDbContext db, Auditor audit)
{
    /// <param name="source">What changed it, for the audit entry ("intake").</param>
    public async Task StageAsync(Guid userId, string countryCode, string? phoneNumber, string source, CancellationToken ct)
    {
        var user = await db.Users.SingleAsync(u => u.Id == userId, ct);
        user.CountryCode = countryCode;
        StagePhone(user, phoneNumber, source);
    }

    /// <summary>Sets the person's phone (refused when it cannot be dialled) and stages its audit entry when it changed.</summary>
    /// <param name="source">What changed it, for the audit entry; null for the person's own details page.</param>
    public void StagePhone(RapportUser user, string? phoneNumber, string? source)
    {
        ArgumentNullException.ThrowIfNull(user);
        var phoneBefore = user.PhoneNumber;
        user.ChangePhoneNumber(phoneNumber);
        if (user.PhoneNumber != phoneBefore)
        {
            audit.Stage(AuditAction.PhoneNumberChanged, userId: user.Id, detail: source);
        }
    }
}
