using Microsoft.AspNetCore.Identity;
using Rapport.Web.Data;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Accounts;

/// <summary>
/// Confirming an address from its e-mailed link (readme, flow 2), and sending a new link. Confirming is recorded as
/// <c>account.email-confirmed</c>; asking for a new link answers alike whether or not the address has an account (rule 4).
/// </summary>
public sealed class EmailConfirmation(UserManager<RapportUser> users, AppDbContext db, AccountMail mail, Auditor audit)
{
    /// <summary>True once the address is confirmed (also when it already was); false for a link that is not valid.</summary>
    public async Task<bool> ConfirmAsync(Guid userId, string? code, CancellationToken ct)
    {
        var user = userId == Guid.Empty ? null : await users.FindByIdAsync(userId.ToString());
        var token = AccountMail.TokenFrom(code);
        if (user is null || token.Length == 0)
        {
            return false;
        }
        if (user.EmailConfirmed)
        {
            return true;
        }
        var result = await users.ConfirmEmailAsync(user, token);
        await audit.RecordAsync(AuditAction.EmailConfirmed, result.Succeeded ? AuditOutcome.Success : AuditOutcome.Failure, user.Id, ct: ct);
        return result.Succeeded;
    }

    /// <summary>E-mails a new link to an account whose address is not confirmed yet; for any other address, nothing.</summary>
    public async Task ResendAsync(string email, CancellationToken ct)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is { EmailConfirmed: false })
        {
            mail.QueueConfirmation(user, await users.GenerateEmailConfirmationTokenAsync(user));
            await db.SaveChangesAsync(ct);
            mail.SendSoon();
        }
    }
}
