using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.IntegrationTests.Features.Accounts;

public abstract partial class InvitationTests(RapportApp app)
{
    private static Dictionary<string, string> Acceptance(string name = "Dr Jo Test", string password = RapportApp.Password) => new()
    {
        ["Input.DisplayName"] = name,
        ["Input.Password"] = password,
        ["Profile.TimeZoneId"] = "Australia/Sydney",
        ["Profile.PreferredLanguage"] = "en",
        ["Profile.CountryCode"] = "AU",
    };

    private async Task<string> InviteAsync(string email, string role = Roles.Therapist)
    {
        var admin = await app.CreateAccountAsync(Roles.Admin);
        using var adminBrowser = app.NewClient();
        await adminBrowser.SignInAsync(admin);
        var sent = await adminBrowser.PostFormAsync("/admin/invitations", new Dictionary<string, string> { ["Email"] = email, ["Role"] = role });
        Assert.Contains($"Invitation sent to {email}", sent.Text, StringComparison.Ordinal);
        return (await app.Mail.WaitForAsync(email)).PathOfLink("/account/invitation");
    }

    [Fact]
    public async Task AnInvitedTherapistMustEnrolASecondFactorBeforeSeeingTheirPractice()
    {
        var email = $"dr-{Guid.NewGuid():N}@example.com";
        var link = await InviteAsync(email);
        using var browser = app.NewClient();

        var accepted = await browser.PostFormAsync(link, Acceptance());
        Assert.Equal("/account/two-factor", accepted.Location);

        var gate = await browser.GetAsync("/therapist");
        Assert.Equal(HttpStatusCode.Redirect, gate.Status);
        Assert.Equal("/account/two-factor", gate.Location);

        var enrol = await browser.GetAsync("/account/two-factor");
        Assert.Contains("Set it up now to continue", enrol.Text, StringComparison.Ordinal);
        var key = SharedKey().Match(enrol.Html).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var code = AuthenticatorApp.NextCode(key, app.Clock);
        var enrolled = await browser.PostFormAsync("/account/two-factor", new Dictionary<string, string> { ["Code"] = code }, "/account/two-factor?handler=Enable");
        Assert.Contains("Your recovery codes", enrolled.Text, StringComparison.Ordinal);

        var practice = await browser.GetAsync("/therapist");
        Assert.Equal(HttpStatusCode.OK, practice.Status);
        Assert.Contains("Welcome, Dr Jo Test", practice.Text, StringComparison.Ordinal);

        var userId = await app.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        var actions = await app.QueryAsync(db => db.AuditEvents.Where(e => e.UserId == userId).Select(e => e.Action).ToListAsync());
        Assert.Contains(AuditAction.InvitationAccepted, actions);
        Assert.Contains(AuditAction.RoleGranted, actions);
        Assert.Contains(AuditAction.TwoFactorEnabled, actions);
    }

    [Fact]
    public async Task AWrongEnrolmentCodeIsRefusedAndTheSecondFactorStaysOff()
    {
        var email = $"dr-{Guid.NewGuid():N}@example.com";
        var link = await InviteAsync(email);
        using var browser = app.NewClient();
        await browser.PostFormAsync(link, Acceptance());

        var page = await browser.PostFormAsync("/account/two-factor", new Dictionary<string, string> { ["Code"] = "000000" }, "/account/two-factor?handler=Enable");

        Assert.Contains("That code is not right", page.Text, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.TwoFactorEnabled).SingleAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/therapist")).Status);
    }

    [Fact]
    public async Task AnInvitationLinkWorksOnlyOnce()
    {
        var email = $"dr-{Guid.NewGuid():N}@example.com";
        var link = await InviteAsync(email);
        using var first = app.NewClient();
        await first.PostFormAsync(link, Acceptance());
        using var second = app.NewClient();

        var again = await second.GetAsync(link);
        var secondAcceptance = await second.PostFormAsync("/account/sign-in", Acceptance("Someone Else"), link);

        Assert.Contains("This invitation has already been used", again.Text, StringComparison.Ordinal);
        Assert.Contains("This invitation has already been used", secondAcceptance.Text, StringComparison.Ordinal);
        Assert.Equal(1, await app.QueryAsync(db => db.Users.CountAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task ACommonPasswordIsRefusedAtAcceptanceAndLeavesNoAccountNoProfileAndTheLinkStillUsable()
    {
        var email = $"dr-{Guid.NewGuid():N}@example.com";
        var link = await InviteAsync(email);
        using var browser = app.NewClient();

        var refused = await browser.PostFormAsync(link, Acceptance(password: "password123"));
        var accepted = await browser.PostFormAsync(link, Acceptance());

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Equal("/account/two-factor", accepted.Location);
        var userId = await app.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        // The one account has one profile and one acceptance on record: the refused attempt left nothing behind.
        Assert.Equal(1, await app.QueryAsync(db => db.TherapistProfiles.CountAsync(p => p.UserId == userId)));
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.UserId == userId && e.Action == AuditAction.InvitationAccepted)));
    }

    [Fact]
    public async Task AnExpiredInvitationIsRefusedAndCreatesNoAccount()
    {
        var email = $"dr-{Guid.NewGuid():N}@example.com";
        var (invitation, token) = StaffInvitation.Issue(email, Roles.Therapist, Guid.NewGuid(), app.Clock.GetUtcNow().AddDays(-8));
        await app.QueryAsync(async db =>
        {
            db.StaffInvitations.Add(invitation);
            return await db.SaveChangesAsync();
        });
        using var browser = app.NewClient();

        var page = await browser.GetAsync($"/account/invitation?token={token}");
        // The expired page shows no form, so post with a valid anti-forgery token taken from another page.
        var posted = await browser.PostFormAsync("/account/sign-in", Acceptance(), $"/account/invitation?token={token}");

        Assert.Contains("This invitation has expired", page.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, posted.Status);
        Assert.Contains("This invitation has expired", posted.Text, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task AForgedInvitationTokenIsRefused()
    {
        using var browser = app.NewClient();

        var page = await browser.GetAsync("/account/invitation?token=not-a-real-token");

        Assert.Contains("This invitation link is not valid", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATherapistSignsInOnlyWithTheRightCode()
    {
        var therapist = await app.CreateAccountAsync(Roles.Therapist);
        using var browser = app.NewClient();

        var password = await browser.PostFormAsync("/account/sign-in", new Dictionary<string, string>
        {
            ["Input.Email"] = therapist.Email,
            ["Input.Password"] = therapist.Password,
        });
        Assert.StartsWith("/account/sign-in/two-factor", password.Location, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/therapist")).Status);

        var wrong = await browser.PostFormAsync(password.Location!, new Dictionary<string, string> { ["Code"] = "000000" });
        Assert.Contains("That code is not right", wrong.Text, StringComparison.Ordinal);

        var right = await browser.PostFormAsync(password.Location!, new Dictionary<string, string> { ["Code"] = therapist.CurrentCode() });
        var (home, url) = await browser.GetFollowingAsync(right.Location!);
        Assert.Equal("/therapist", url);
        Assert.Equal(HttpStatusCode.OK, home.Status);
    }

    [Fact]
    public async Task AnAuthenticatorCodeSignsInOnceOnly()
    {
        var therapist = await app.CreateAccountAsync(Roles.Therapist);
        var code = therapist.CurrentCode();

        async Task<Visitor.Page> SignInWith(Visitor b)
        {
            var step = await b.PostFormAsync("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = therapist.Email, ["Input.Password"] = therapist.Password });
            return await b.PostFormAsync(step.Location!, new Dictionary<string, string> { ["Code"] = code });
        }

        using var first = app.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SignInWith(first)).Status);
        using var replay = app.NewClient();
        var replayed = await SignInWith(replay);

        Assert.Equal(HttpStatusCode.OK, replayed.Status);
        Assert.Contains("That code is not right", replayed.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConcurrentSignInsWithOneCodeLetOnlyOneThrough()
    {
        var therapist = await app.CreateAccountAsync(Roles.Therapist);
        var code = therapist.CurrentCode();
        var visitors = Enumerable.Range(0, 6).Select(_ => app.NewClient()).ToArray();
        var secondSteps = new List<string>();
        foreach (var v in visitors)
        {
            var step = await v.PostFormAsync("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = therapist.Email, ["Input.Password"] = therapist.Password });
            secondSteps.Add(step.Location!);
        }

        var results = await Task.WhenAll(visitors.Select((v, i) => v.PostFormAsync(secondSteps[i], new Dictionary<string, string> { ["Code"] = code })));

        Assert.Single(results, r => r.Status == HttpStatusCode.Redirect);
        foreach (var v in visitors)
        {
            v.Dispose();
        }
    }

    [Fact]
    public async Task ARecoveryCodeSignsInOnceOnly()
    {
        var therapist = await app.CreateAccountAsync(Roles.Therapist);
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);
        var codes = await browser.PostFormAsync("/account/two-factor", new Dictionary<string, string>(), "/account/two-factor?handler=RecoveryCodes");
        var recovery = RecoveryCode().Match(codes.Html).Groups[1].Value;
        Assert.NotEmpty(recovery);

        async Task<Visitor.Page> SignInWithRecovery(Visitor b)
        {
            var step = await b.PostFormAsync("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = therapist.Email, ["Input.Password"] = therapist.Password });
            return await b.PostFormAsync(step.Location!, new Dictionary<string, string> { ["Code"] = recovery, ["UseRecoveryCode"] = "true" });
        }

        using var lostPhone = app.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SignInWithRecovery(lostPhone)).Status);
        using var again = app.NewClient();
        Assert.Contains("already used", (await SignInWithRecovery(again)).Text, StringComparison.Ordinal);
    }

    [GeneratedRegex("data-testid=\"shared-key\">([^<]+)<")]
    private static partial Regex SharedKey();

    [GeneratedRegex("data-testid=\"recovery-codes\">\\s*<li>([^<]+)</li>")]
    private static partial Regex RecoveryCode();
}

public sealed class InvitationTestsOnSqlite(SqliteApp app) : InvitationTests(app);

public sealed class InvitationTestsOnPostgres(PostgresApp app) : InvitationTests(app);
