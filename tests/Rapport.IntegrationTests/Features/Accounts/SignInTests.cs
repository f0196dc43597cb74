using System.Net;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.IntegrationTests.Features.Accounts;

public abstract class SignInTests(RapportApp app)
{
    private static Dictionary<string, string> Credentials(string email, string password) => new()
    {
        ["Input.Email"] = email,
        ["Input.Password"] = password,
    };

    [Fact]
    public async Task APatientSignsInAndLandsOnTheirHome()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();

        var signedIn = await browser.SignInAsync(patient);
        var (home, url) = await browser.GetFollowingAsync(signedIn.Location!);

        Assert.Equal("/patient", url);
        Assert.Contains("My care", home.Text, StringComparison.Ordinal);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.UserId == patient.Id && e.Action == AuditAction.SignIn)));
    }

    [Fact]
    public async Task SigningInIssuesANewSessionCookieEvenOverOneAlreadyInTheBrowser()
    {
        var planted = await app.CreateAccountAsync(Roles.Patient);
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();
        static string SessionCookie(Visitor.Page page) =>
            page.Response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-rapport=", StringComparison.Ordinal)).Split(';')[0];
        var before = SessionCookie(await browser.SignInAsync(planted));

        var after = SessionCookie(await browser.SignInAsync(patient));

        Assert.NotEqual(before, after);
    }

    [Fact]
    public async Task AWrongPasswordShowsAGenericMessageAndIsAudited()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();

        var page = await browser.PostFormAsync("/account/sign-in", Credentials(patient.Email, "not the right one"));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("The e-mail address or password is not right.", page.Text, StringComparison.Ordinal);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e =>
            e.UserId == patient.Id && e.Action == AuditAction.SignInFailed && e.Outcome == AuditOutcome.Failure)));
    }

    [Fact]
    public async Task AnUnknownAddressGetsTheSameAnswerAsAWrongPassword()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();

        var unknown = await browser.PostFormAsync("/account/sign-in", Credentials($"nobody-{Guid.NewGuid():N}@example.com", "some password here"));
        var wrong = await browser.PostFormAsync("/account/sign-in", Credentials(patient.Email, "some password here"));

        Assert.Equal(wrong.Status, unknown.Status);
        Assert.Contains(Web.Features.Accounts.Pages.SignInModel.FailedMessage, unknown.Text, StringComparison.Ordinal);
        Assert.Contains(Web.Features.Accounts.Pages.SignInModel.FailedMessage, wrong.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AVeryLongAddressIsRefusedCleanlyAndStillAudited()
    {
        using var browser = app.NewClient();
        var email = new string('a', 230) + "@example.com";

        var page = await browser.PostFormAsync("/account/sign-in", Credentials(email, "some password here"));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.SignInFailed && e.Subject!.StartsWith("aaaaaaaaaa"))));
    }

    [Fact]
    public async Task AForgottenPasswordIsResetThroughTheEmailedLinkAndTheOldOneStopsWorking()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();

        var asked = await browser.PostFormAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = patient.Email });
        Assert.Contains("If an account uses that address", asked.Text, StringComparison.Ordinal);
        var link = (await app.Mail.WaitForAsync(patient.Email)).PathOfLink("/account/reset-password");
        var reset = await browser.PostFormAsync(link, new Dictionary<string, string> { ["Password"] = "a brand new lantern" });
        Assert.Contains("Your password is changed", reset.Text, StringComparison.Ordinal);

        var old = await browser.PostFormAsync("/account/sign-in", Credentials(patient.Email, patient.Password));
        Assert.Contains("not right", old.Text, StringComparison.Ordinal);
        await browser.SignInAsync(patient with { Password = "a brand new lantern" });
    }

    [Fact]
    public async Task AskingToResetAnUnknownAddressLooksTheSameAndSendsNothing()
    {
        using var browser = app.NewClient();
        var email = $"nobody-{Guid.NewGuid():N}@example.com";

        var page = await browser.PostFormAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = email });

        Assert.Contains("If an account uses that address", page.Text, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.OutboxMessages.AnyAsync(m => m.ToAddress == email)));
    }

    [Fact]
    public async Task AResetLinkWithAForgedCodeIsRefused()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();

        var page = await browser.PostFormAsync($"/account/reset-password?userId={patient.Id}&code=Zm9yZ2Vk",
            new Dictionary<string, string> { ["Password"] = "a brand new lantern" });

        Assert.Contains("This reset link is not valid or has expired", page.Text, StringComparison.Ordinal);
        await browser.SignInAsync(patient);
    }

    [Fact]
    public async Task SigningOutEndsTheSession()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);

        var signedOut = await browser.PostFormAsync("/patient", new Dictionary<string, string>(), "/account/sign-out");
        var after = await browser.GetAsync("/patient");

        Assert.Equal("/account/signed-out", signedOut.Location);
        Assert.Equal(HttpStatusCode.Redirect, after.Status);
        Assert.StartsWith("https://rapport.test/account/sign-in", after.Location, StringComparison.Ordinal);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.UserId == patient.Id && e.Action == AuditAction.SignOut)));
    }
}

public sealed class SignInTestsOnSqlite(SqliteApp app) : SignInTests(app);

public sealed class SignInTestsOnPostgres(PostgresApp app) : SignInTests(app);
