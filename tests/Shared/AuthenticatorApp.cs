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
    private static readonly ConcurrentDictionary<string, long> LastUsedStep = new();

    /// <param name="clock">The server's clock when a test moves it; the person's phone agrees with the server.</param>
    public static string NextCode(string base32Key, TimeProvider? clock = null)
    {
        var now = (clock ?? TimeProvider.System).GetUtcNow().ToUnixTimeSeconds() / 30;
        var step = LastUsedStep.AddOrUpdate(base32Key, now, (_, last) => Math.Max(now, last + 1));
        if (step > now + 2)
        {
            // More codes used within a minute than the drift window holds: wait as a person would.
            Thread.Sleep(TimeSpan.FromSeconds((step - 2 - now) * 30));
            now = step - 2;
        }
        return new Totp(Base32Encoding.ToBytes(base32Key)).ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(step * 30).UtcDateTime);
    }
}
