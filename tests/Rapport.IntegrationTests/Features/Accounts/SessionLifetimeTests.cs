using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Booking;

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

    [Fact]
    public async Task StayingSignedInRenewsTheStaffSessionForAnotherFifteenMinutes()
    {
        var therapist = await app.CreateAccountAsync(Roles.Therapist);
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);
        // Less than half the limit: the cookie's own sliding renewal would not start over yet.
        app.Clock.Advance(TimeSpan.FromMinutes(3));

        var stay = await browser.Http.PostAsync(AccountsSetup.KeepAlivePath, null);
        app.Clock.Advance(TimeSpan.FromMinutes(14));

        Assert.Equal(HttpStatusCode.OK, stay.StatusCode);
        Assert.Equal(900, (await stay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secondsLeft").GetInt32());
        Assert.True(await browser.CanOpenAsync("/therapist"), "signed out 17 minutes after signing in, 14 after staying");
    }

    [Fact]
    public async Task StayingSignedInAfterTheIdleSignOutIsRefused()
    {
        var therapist = await app.CreateAccountAsync(Roles.Therapist);
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);
        app.Clock.Advance(TimeSpan.FromMinutes(16));

        var stay = await browser.Http.PostAsync(AccountsSetup.KeepAlivePath, null);

        Assert.Equal(HttpStatusCode.Unauthorized, stay.StatusCode);
        Assert.False(await browser.CanOpenAsync("/therapist"));
    }

    /// <summary>
    /// A therapist opens a session note of a middle-phase course, stays idle past the sign-out and then saves
    /// <paramref name="fields"/> in <paramref name="browser"/>.
    /// </summary>
    private async Task<(TestAccount Therapist, Appointment Booked, string Url, HttpResponseMessage Late)> SaveANoteAfterTheIdleSignOutAsync(
        Visitor browser, Dictionary<string, string> fields)
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await app.CourseInMiddlePhaseAsync(therapist, patient);
        var booked = await app.QueryAsync(db => db.Appointments.AsNoTracking().Where(a => a.PatientId == patient.Id).OrderBy(a => a.StartUtc).FirstAsync());
        var url = $"/therapist/patients/{patient.Id}/course/sessions/{booked.Id}";
        await browser.SignInAsync(therapist);
        var opened = await browser.GetAsync(url);
        var token = WebUtility.HtmlDecode(Regex.Match(opened.Html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);
        app.Clock.Advance(TimeSpan.FromMinutes(16));
        fields["__RequestVerificationToken"] = token;
        fields["Form.Version"] = "0";
        var late = await browser.Http.PostAsync(url + "?handler=Save", new FormUrlEncodedContent(fields));
        return (therapist, booked, url, late);
    }

    [Fact]
    public async Task ANoteSavedAfterTheIdleSignOutIsKeptAndRestoredToItsWriterAfterSigningInAgain()
    {
        using var browser = app.NewClient();
        var (therapist, booked, url, late) = await SaveANoteAfterTheIdleSignOutAsync(browser, new()
        {
            ["Form.MoodSinceLastTime"] = "Low all week, slept badly after the row with Sam",
            ["Form.BetweenSessionTask"] = "Ask Sam for one evening",
        });

        Assert.Equal(HttpStatusCode.Redirect, late.StatusCode);
        var signIn = late.Headers.Location!.OriginalString;
        Assert.StartsWith("/account/sign-in", signIn, StringComparison.Ordinal);
        Assert.DoesNotContain("Sam", signIn, StringComparison.Ordinal);
        Assert.DoesNotContain("Low", string.Join(";", late.Headers.GetValues("Set-Cookie")), StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.SessionNotes.AnyAsync(n => n.AppointmentId == booked.Id)));

        await browser.SignInAsync(therapist);
        var restored = await browser.GetAsync(url);

        Assert.Contains("Your unsaved text was kept; save it now.", restored.Words, StringComparison.Ordinal);
        Assert.Contains(">Low all week, slept badly after the row with Sam</textarea>", restored.Form, StringComparison.Ordinal);
        Assert.Contains(">Ask Sam for one evening</textarea>", restored.Form, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.SessionNotes.AnyAsync(n => n.AppointmentId == booked.Id)));

        var saved = await browser.PostFormAsync(url, new Dictionary<string, string>
        {
            ["Form.Version"] = "0",
            ["Form.MoodSinceLastTime"] = "Low all week, slept badly after the row with Sam",
        }, url + "?handler=Save");
        var after = await browser.GetAsync(saved.Location!);
        Assert.Contains("Draft saved.", after.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("Your unsaved text was kept", after.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TextKeptAfterTheIdleSignOutIsNotShownToAnotherPersonSigningInOnTheSameBrowser()
    {
        using var browser = app.NewClient();
        var (therapist, _, url, _) = await SaveANoteAfterTheIdleSignOutAsync(browser, new()
        {
            ["Form.MoodSinceLastTime"] = "Words only their writer may see again",
        });

        // A supervisor may open the note page; the kept text is not theirs.
        var supervisor = await app.CreatePracticeTherapistAsync();
        await app.AssignSupervisorAsync(supervisor, therapist);
        await browser.SignInAsync(supervisor);
        var page = await browser.GetAsync(url);

        Assert.DoesNotContain("Words only their writer may see again", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Your unsaved text was kept", page.Words, StringComparison.Ordinal);
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
