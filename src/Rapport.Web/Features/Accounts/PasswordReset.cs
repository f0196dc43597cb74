using Microsoft.AspNetCore.Identity;
using Rapport.Web.Data;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Accounts;

/// <summary>
/// A forgotten password (readme, flow 4): the reset link is e-mailed only to a confirmed address, with the same answer for
/// any other (rule 4); the new password set from the link renews the security stamp, which ends every session and API
/// token of the account (rules 7 and 9), and is recorded as <c>account.password-reset</c>.
/// </summary>
public sealed class PasswordReset(UserManager<RapportUser> users, AppDbContext db, AccountMail mail, Auditor audit)
{
    /// <summary>The refusal of a link that is forged, cut, used or expired.</summary>
    public const string InvalidToken = "InvalidToken";

    public async Task RequestAsync(string email, CancellationToken ct)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is { EmailConfirmed: true })
        {
            mail.QueuePasswordReset(user, await users.GeneratePasswordResetTokenAsync(user));
            await db.SaveChangesAsync(ct);
            mail.SendSoon();
        }
    }

    /// <summary>Sets <paramref name="password"/>; a link that is not valid fails with <see cref="InvalidToken"/>, a refused password with its reasons.</summary>
    public async Task<IdentityResult> ResetAsync(Guid userId, string? code, string password, CancellationToken ct)
    {
        var user = userId == Guid.Empty ? null : await users.FindByIdAsync(userId.ToString());
        var token = AccountMail.TokenFrom(code);
        if (user is null || token.Length == 0)
        {
            return IdentityResult.Failed(new IdentityError { Code = InvalidToken, Description = "" });
        }
        // ResetPasswordAsync also renews the security stamp, which ends every other session of this account.
        var result = await users.ResetPasswordAsync(user, token, password);
        if (!result.Succeeded)
        {
            return result;
        }
        // Following the e-mailed link proves the address, so it also ends any wait after wrong tries (the sign-in page offers this way out).
        await users.ResetAccessFailedCountAsync(user);
        await audit.RecordAsync(AuditAction.PasswordReset, userId: user.Id, ct: ct);
        return result;
    }
}
