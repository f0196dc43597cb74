using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Accounts;

/// <summary>
/// A person's own second factor (readme, flow 6 and rule 5): enrolling an authenticator app, new recovery codes, and
/// turning it off, which staff may not. Each change is recorded as an <c>account.2fa-*</c> event, and each renews the
/// security stamp, so the person's API tokens stop at once (rule 9); this session is signed in again to stay valid.
/// </summary>
public sealed class TwoFactorEnrolment(UserManager<RapportUser> users, SignInManager<RapportUser> signIn, Auditor audit)
{
    public const int RecoveryCodeCount = 10;

    /// <summary>The authenticator key to show for enrolment, created the first time it is asked for.</summary>
    public async Task<string> AuthenticatorKeyAsync(RapportUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // Creating the key renews the security stamp; re-issue this session's cookie so it stays valid.
            await users.ResetAuthenticatorKeyAsync(user);
            await signIn.RefreshSignInAsync(user);
            key = (await users.GetAuthenticatorKeyAsync(user))!;
        }
        return key;
    }

    /// <summary>Turns the second factor on when <paramref name="code"/> is the app's current one; answers the recovery codes, or null for a wrong code.</summary>
    public async Task<IReadOnlyList<string>?> EnableAsync(RapportUser user, string? code, CancellationToken ct)
    {
        var digits = PasswordSignIn.WithoutSeparators(code);
        if (digits.Length != 6 || !digits.All(char.IsAsciiDigit)
            || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, digits))
        {
            await audit.RecordAsync(AuditAction.TwoFactorEnabled, AuditOutcome.Failure, user.Id, detail: "wrong code", ct: ct);
            return null;
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        var recoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToArray();
        // This session has now proven the second factor: mark it as such so staff pages open.
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "mfa")]);
        await audit.RecordAsync(AuditAction.TwoFactorEnabled, userId: user.Id, detail: "totp", ct: ct);
        return recoveryCodes;
    }

    /// <summary>New recovery codes; the old ones stop working.</summary>
    public async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(RapportUser user, CancellationToken ct)
    {
        var recoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToArray();
        await audit.RecordAsync(AuditAction.RecoveryCodesGenerated, userId: user.Id, ct: ct);
        return recoveryCodes;
    }

    /// <summary>Turns the second factor off and forgets the app's key; false (and recorded as denied) for staff, who must keep it.</summary>
    public async Task<bool> DisableAsync(RapportUser user, CancellationToken ct)
    {
        if (await IsStaffAsync(user))
        {
            await audit.RecordAsync(AuditAction.TwoFactorDisabled, AuditOutcome.Denied, user.Id, ct: ct);
            return false;
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        await audit.RecordAsync(AuditAction.TwoFactorDisabled, userId: user.Id, ct: ct);
        return true;
    }

    public async Task<bool> IsStaffAsync(RapportUser user) =>
        await users.IsInRoleAsync(user, Roles.Therapist) || await users.IsInRoleAsync(user, Roles.Admin);
}
