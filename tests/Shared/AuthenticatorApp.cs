using System.Collections.Concurrent;
using OtpNet;

namespace Rapport.Tests.Shared;

/// <summary>
/// What a person's authenticator app gives them (shared by the integration and browser tests). Rapport accepts each code once, so after using a code
/// the person waits for the next one; here that is the next 30-second step's code, which Rapport accepts
/// at once because it allows two steps of clock drift either way.
/// </summary>
public static class AuthenticatorApp
{
    private const int StepSeconds = 30;

    /// <summary>
    /// The last step used per server and key: each server (its database) remembers the codes it accepted, so two apps
    /// seeded from one template (the browser tests' demo clinic) share a key but not the codes already used.
    /// </summary>
    private static readonly ConcurrentDictionary<(string Server, string Key), long> LastUsedStep = new();

    /// <param name="clock">The server's clock when a test moves it; the person's phone agrees with the server.</param>
    /// <param name="server">Which server the code is for (for example its database), when one key signs in to several.</param>
    public static string NextCode(string base32Key, TimeProvider? clock = null, string server = "")
    {
        clock ??= TimeProvider.System;
        var now = clock.GetUtcNow().ToUnixTimeSeconds() / StepSeconds;
        // The first code is the previous step's, as on a phone running a little slow: the server accepts two steps either
        // way, so a person gets four codes (previous, current and two ahead) before they must wait, and the previous
        // step's code stays valid for at least another 30 s after it is read.
        var step = LastUsedStep.AddOrUpdate((server, base32Key), now - 1, (_, last) => Math.Max(now - 1, last + 1));
        if (step > now + 2)
        {
            // More codes used within a minute than the drift window holds: wait as a person would, until the step
            // boundary that brings this code into the window (not a whole step longer).
            var due = DateTimeOffset.FromUnixTimeSeconds((step - 2) * StepSeconds);
            var wait = due - clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                Thread.Sleep(wait + TimeSpan.FromMilliseconds(50));
            }
        }
        return new Totp(Base32Encoding.ToBytes(base32Key)).ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(step * StepSeconds).UtcDateTime);
    }
}
