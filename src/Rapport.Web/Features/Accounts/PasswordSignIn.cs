using Microsoft.AspNetCore.Identity;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Accounts;

/// <summary>
/// The password step of every sign-in (the web page and the API's token endpoint). An unknown address, a wrong
/// password, an account that must wait (back-off) and a locked account get the same answer after the same work:
/// exactly one password hash check each, so neither the answer nor its timing tells a stranger that an address
/// has an account. Wrong tries slow further tries on that account down exponentially instead of locking it, so
/// nobody can lock another person out (Accounts readme, rule 2). The one exception tells nothing to a stranger: the
/// right password during the wait is answered <see cref="Outcome.Paused"/>, since only the owner knows it, and
/// otherwise they would read "not right" for a password that is right (rule 2a).
/// </summary>
public sealed class PasswordSignIn(
    UserManager<RapportUser> users, SignInManager<RapportUser> signIn, IPasswordHasher<RapportUser> hasher, Auditor audit, TimeProvider clock)
{
    /// <summary>Wrong tries that cost nothing; from the next one on each try waits.</summary>
    public const int FreeFailures = 5;
    public static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(15);

    private static readonly RapportUser Nobody = new();
    private static string? s_nobodysHash;

    public enum Outcome
    {
        Succeeded,
        RequiresTwoFactor,
        NeedsConfirmation,
        /// <summary>The right password while the account waits after wrong tries: say so, and until when (<see cref="PausedUntil"/>).</summary>
        Paused,
        Failed,
    }

    /// <summary>After <paramref name="failures"/> wrong tries in a row: none for the first few, then 2^failures seconds, at most <see cref="LongestWait"/>.</summary>
    public static TimeSpan WaitAfter(int failures) =>
        failures < FreeFailures ? TimeSpan.Zero
        : failures >= 20 ? LongestWait
        : TimeSpan.FromSeconds(Math.Min(Math.Pow(2, failures), LongestWait.TotalSeconds));

    public TimeSpan WaitLeft(RapportUser user)
    {
        if (PausedUntil(user) is not { } until)
        {
            return TimeSpan.Zero;
        }
        var left = until - clock.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>When the wait after the last wrong try ends (in the past once it is over); null before any wrong try.</summary>
    public static DateTimeOffset? PausedUntil(RapportUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.LastSignInFailureAt is { } last ? last + WaitAfter(user.AccessFailedCount) : null;
    }

    /// <summary>
    /// Checks the password; with <paramref name="signInWithCookie"/> also signs in with the session cookie (or starts the
    /// second step when the account has a second factor). Failures are audited here, and so is a sign-in with the cookie,
    /// which happens here; a password check alone (the token endpoint) is recorded by its caller once it hands out a token.
    /// </summary>
    public async Task<(Outcome Outcome, RapportUser? User)> AttemptAsync(string email, string password, bool signInWithCookie, string? detail, CancellationToken ct)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            hasher.VerifyHashedPassword(Nobody, NobodysHash(), password);
            await audit.RecordAsync(AuditAction.SignInFailed, AuditOutcome.Failure, subject: email, detail: detail, ct: ct);
            return (Outcome.Failed, null);
        }
        var locked = await users.IsLockedOutAsync(user);
        if (locked || WaitLeft(user) > TimeSpan.Zero)
        {
            // The same one hash check as a real try. During the wait its answer matters only when the password is right:
            // then the owner is told of the pause (rule 2a); a deliberate lock stays unexplained (rule 2).
            var check = hasher.VerifyHashedPassword(user, user.PasswordHash ?? NobodysHash(), password);
            var right = user.PasswordHash is not null && check != PasswordVerificationResult.Failed;
            await audit.RecordAsync(AuditAction.LockedOut, AuditOutcome.Denied, user.Id, subject: email,
                detail: right && !locked ? Join(detail, "right password during the wait") : detail, ct: ct);
            return (right && !locked ? Outcome.Paused : Outcome.Failed, user);
        }
        // Failures are counted below, with their time, in one write (CountFailureAsync).
        var result = signInWithCookie
            ? await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: false)
            : await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            if (signInWithCookie)
            {
                await audit.RecordAsync(AuditAction.SignIn, userId: user.Id, detail: Join(detail, "password"), ct: ct);
            }
            return (Outcome.Succeeded, user);
        }
        if (result.RequiresTwoFactor)
        {
            return (Outcome.RequiresTwoFactor, user);
        }
        if (result.IsNotAllowed)
        {
            // Identity refused before looking at the password (unconfirmed address): only someone who knows it learns why.
            if (await users.CheckPasswordAsync(user, password))
            {
                return (Outcome.NeedsConfirmation, user);
            }
        }
        await CountFailureAsync(user);
        await audit.RecordAsync(AuditAction.SignInFailed, AuditOutcome.Failure, user.Id, subject: email, detail: detail, ct: ct);
        return (Outcome.Failed, user);
    }

    public enum SecondStep
    {
        Succeeded,
        /// <summary>Wrong codes before this one: it waits as a password would (rule 2), whatever it is.</summary>
        Paused,
        LockedOut,
        Failed,
    }

    /// <summary>
    /// The second step of a sign-in with the session cookie, for the account whose password step passed: an authenticator
    /// code, or one of its recovery codes. Every outcome is recorded here; a wrong code counts towards the wait as a wrong
    /// password does, since six digits must not be guessable at leisure.
    /// </summary>
    public async Task<SecondStep> SecondStepAsync(RapportUser user, string code, bool recoveryCode, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (WaitLeft(user) > TimeSpan.Zero)
        {
            await audit.RecordAsync(AuditAction.LockedOut, AuditOutcome.Denied, user.Id, detail: "second factor", ct: ct);
            return SecondStep.Paused;
        }
        var result = recoveryCode
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(RecoveryCodeAsIssued(code))
            : await signIn.TwoFactorAuthenticatorSignInAsync(WithoutSeparators(code), isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            await audit.RecordAsync(recoveryCode ? AuditAction.RecoveryCodeUsed : AuditAction.SignIn, userId: user.Id,
                detail: recoveryCode ? "recovery code" : "password+totp", ct: ct);
            return SecondStep.Succeeded;
        }
        if (result.IsLockedOut)
        {
            await audit.RecordAsync(AuditAction.LockedOut, AuditOutcome.Denied, user.Id, ct: ct);
            return SecondStep.LockedOut;
        }
        // SignInManager has counted the failure; start its wait.
        user.NoteSignInFailure(clock.GetUtcNow());
        await users.UpdateAsync(user);
        await audit.RecordAsync(AuditAction.SignInFailed, AuditOutcome.Failure, user.Id, detail: "wrong second-factor code", ct: ct);
        return SecondStep.Failed;
    }

    /// <summary>
    /// The second factor sent with the password to the token endpoint: an authenticator code, or else a recovery code
    /// (used up). A wrong one counts towards the wait and is recorded; a recovery code used is recorded too. The sign-in
    /// itself is recorded by the caller once it hands out a token.
    /// </summary>
    public async Task<bool> ProveSecondFactorAsync(RapportUser user, string subject, string? code, string? recoveryCode, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var recovery = string.IsNullOrEmpty(code);
        var proven = recovery
            ? (await users.RedeemTwoFactorRecoveryCodeAsync(user, RecoveryCodeAsIssued(recoveryCode))).Succeeded
            : await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, WithoutSeparators(code));
        if (!proven)
        {
            await CountFailureAsync(user);
            await audit.RecordAsync(AuditAction.SignInFailed, AuditOutcome.Failure, user.Id, subject: subject, detail: "api token: wrong second-factor code", ct: ct);
            return false;
        }
        await users.ResetAccessFailedCountAsync(user);
        if (recovery)
        {
            await audit.RecordAsync(AuditAction.RecoveryCodeUsed, userId: user.Id, detail: "api token", ct: ct);
        }
        return true;
    }

    /// <summary>An authenticator code as typed ("123 456", "123-456") down to its digits.</summary>
    public static string WithoutSeparators(string? code) =>
        (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);

    // Recovery codes are issued in capitals; people type either.
    private static string RecoveryCodeAsIssued(string? code) => (code ?? "").Trim().ToUpperInvariant();

    /// <summary>Counts a wrong password or code and starts the wait: one write of the count and its time.</summary>
    private async Task CountFailureAsync(RapportUser user)
    {
        user.NoteSignInFailure(clock.GetUtcNow());
        await users.AccessFailedAsync(user);
    }

    /// <summary>
    /// What the owner reads when they give the right password during the wait (rule 2a): that the account is paused, why,
    /// and until when on their own clock (their profile's time zone, or UTC said as such).
    /// </summary>
    public static string PausedMessage(DateTimeOffset until, string? timeZoneId)
    {
        var zone = ProfileChoices.ZoneOrUtc(timeZoneId);
        // Rounded up, so a try at the time shown is never still inside the wait.
        var ticks = TimeSpan.TicksPerSecond;
        var end = TimeZoneInfo.ConvertTime(new DateTimeOffset((until.UtcTicks + ticks - 1) / ticks * ticks, TimeSpan.Zero), zone);
        var zoneName = zone.Id is "UTC" or "Etc/UTC" ? "UTC" : $"{zone.Id} time";
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Your password is right, but signing in to this account is paused after several wrong tries, until {end:HH:mm:ss} on {end:d MMMM yyyy} ({zoneName}). Sign in again from then; nothing else is needed.");
    }

    private static string Join(string? detail, string more) => detail is null ? more : $"{detail}: {more}";

    private string NobodysHash() => s_nobodysHash ??= hasher.HashPassword(Nobody, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));
}
