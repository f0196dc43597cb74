using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;

namespace Rapport.IntegrationTests.Features.Accounts;

/// <summary>Automatic logoff (HIPAA 164.312(a)(2)(iii)) and server-side sign-out, with a clock the test moves.</summary>
public abstract class SessionLifetimeTests(RapportApp app)
{
    [Fact]
    public async Task AnActiveStaffSessionKeepsItsSecondFactorPastTheMinutelyStampCheck()
    {
        var therapist = await app.CreateAccountAsync(Roles.Therapist);
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        for (var minute = 0; minute < 5; minute++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(2));
            Assert.True(await browser.CanOpenAsync("/therapist"), $"sent away after {2 * (minute + 1)} active minutes");
        }
    }

    [Fact]
    public async Task AStaffSessionEndsAfterFifteenIdleMinutesButAPatientsDoesNot()
    {
        var therapist = await app.CreateAccountAsync(Roles.Therapist);
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var staffBrowser = app.NewClient();
        using var patientBrowser = app.NewClient();
        await staffBrowser.SignInAsync(therapist);
        await patientBrowser.SignInAsync(patient);
        Assert.True(await staffBrowser.CanOpenAsync("/therapist"));

        app.Clock.Advance(TimeSpan.FromMinutes(16));

        Assert.False(await staffBrowser.CanOpenAsync("/therapist"));
        Assert.True(await patientBrowser.CanOpenAsync("/patient"));

        app.Clock.Advance(TimeSpan.FromMinutes(31));

        Assert.False(await patientBrowser.CanOpenAsync("/patient"));
    }
}

public sealed class SessionLifetimeTestsOnSqlite(IsolatedSqliteApp app) : SessionLifetimeTests(app), IClassFixture<IsolatedSqliteApp>;

public sealed class SessionLifetimeTestsOnPostgres(IsolatedPostgresApp app) : SessionLifetimeTests(app), IClassFixture<IsolatedPostgresApp>;

/// <summary>Sign-out reaches every copy of the session (security stamp), in an app of its own because it moves the clock.</summary>
public abstract class ServerSideSignOutTests(RapportApp app)
{
    [Fact]
    public async Task ACopyOfTheSessionCookieStopsWorkingAfterSignOut()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();
        var signIn = await browser.SignInAsync(patient);
        var cookie = signIn.Response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-rapport=", StringComparison.Ordinal)).Split(';')[0];
        using var thief = app.NewClient();
        thief.Http.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.True(await thief.CanOpenAsync("/patient"));

        await browser.PostFormAsync("/patient", new Dictionary<string, string>(), "/account/sign-out");
        app.Clock.Advance(TimeSpan.FromSeconds(61)); // the security stamp is re-checked every minute

        Assert.False(await thief.CanOpenAsync("/patient"));
    }

    [Fact]
    public async Task ACopyOfTheSessionCookieStopsWorkingAfterAPasswordReset()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();
        var signIn = await browser.SignInAsync(patient);
        var cookie = signIn.Response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-rapport=", StringComparison.Ordinal)).Split(';')[0];
        using var thief = app.NewClient();
        thief.Http.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.True(await thief.CanOpenAsync("/patient"));

        using var owner = app.NewClient();
        await owner.PostFormAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = patient.Email });
        var link = (await app.Mail.WaitForAsync(patient.Email)).PathOfLink("/account/reset-password");
        await owner.PostFormAsync(link, new Dictionary<string, string> { ["Password"] = "a brand new lantern" });
        app.Clock.Advance(TimeSpan.FromSeconds(61)); // the security stamp is re-checked every minute

        Assert.False(await thief.CanOpenAsync("/patient"));
    }
}

public sealed class ServerSideSignOutTestsOnSqlite(IsolatedSqliteApp app) : ServerSideSignOutTests(app), IClassFixture<IsolatedSqliteApp>;

public sealed class ServerSideSignOutTestsOnPostgres(IsolatedPostgresApp app) : ServerSideSignOutTests(app), IClassFixture<IsolatedPostgresApp>;
