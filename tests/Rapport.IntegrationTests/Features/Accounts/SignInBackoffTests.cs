using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Accounts.Pages;
using Rapport.Web.Features.Audit;

namespace Rapport.IntegrationTests.Features.Accounts;

/// <summary>
/// No account enumeration at sign-in and no lockout anyone can cause: an unknown address, a wrong password, an
/// account that must wait and a locked one answer alike after one password check each; wrong tries slow the
/// account down for a while, never for good. Only the right password learns of the wait, and until when. In an app of its own: it moves the clock and counts password checks.
/// </summary>
public abstract class SignInBackoffTests(RapportApp app, PasswordCheckCounter checks)
{
    private static Dictionary<string, string> Credentials(string email, string password) => new()
    {
        ["Input.Email"] = email,
        ["Input.Password"] = password,
    };

    private static string Unknown() => $"nobody-{Guid.NewGuid():N}@example.com";

    private async Task<TestAccount> WaitingAccountAsync()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();
        for (var i = 0; i < PasswordSignIn.FreeFailures; i++)
        {
            await browser.PostFormAsync("/account/sign-in", Credentials(patient.Email, $"wrong guess {i}"));
        }
        return patient;
    }

    private async Task<TestAccount> LockedAccountAsync()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<RapportUser>>();
        await users.SetLockoutEndDateAsync((await users.FindByIdAsync(patient.Id.ToString()))!, DateTimeOffset.MaxValue);
        return patient;
    }

    private async Task<(int Checks, T Answer)> CountChecksAsync<T>(Func<Task<T>> attempt)
    {
        var before = checks.Count;
        var answer = await attempt();
        return (checks.Count - before, answer);
    }

    private static async Task<(HttpStatusCode Status, string Body)> TokenAsync(Visitor api, string email, string password)
    {
        var response = await api.Http.PostAsJsonAsync("/api/v1/auth/token", new { email, password });
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        // Everything but the request's own trace id.
        var body = string.Join("\n", json.EnumerateObject().Where(p => p.Name != "traceId").Select(p => $"{p.Name}={p.Value}"));
        return (response.StatusCode, body);
    }

    [Fact]
    public async Task TheTokenEndpointChecksOnePasswordAndAnswersAlikeForUnknownWrongWaitingAndLockedAccounts()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var waiting = await WaitingAccountAsync();
        var locked = await LockedAccountAsync();
        using var api = app.NewClient();
        await TokenAsync(api, Unknown(), "warm up the unknown-address path");

        var unknown = await CountChecksAsync(() => TokenAsync(api, Unknown(), "some password here"));
        var wrong = await CountChecksAsync(() => TokenAsync(api, patient.Email, "some password here"));
        var tooSoon = await CountChecksAsync(() => TokenAsync(api, waiting.Email, "some password here"));
        var lockedOut = await CountChecksAsync(() => TokenAsync(api, locked.Email, locked.Password));

        Assert.Equal([1, 1, 1, 1], new[] { unknown.Checks, wrong.Checks, tooSoon.Checks, lockedOut.Checks });
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.Answer.Status);
        Assert.Contains(SignInModel.FailedMessage, unknown.Answer.Body, StringComparison.Ordinal);
        Assert.All(new[] { wrong.Answer, tooSoon.Answer, lockedOut.Answer }, answer => Assert.Equal(unknown.Answer, answer));
    }

    [Fact]
    public async Task TheSignInPageChecksOnePasswordAndAnswersAlikeForUnknownWrongWaitingAndLockedAccounts()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var waiting = await WaitingAccountAsync();
        var locked = await LockedAccountAsync();
        using var browser = app.NewClient();
        await browser.PostFormAsync("/account/sign-in", Credentials(Unknown(), "warm up the unknown-address path"));

        var unknown = await CountChecksAsync(() => browser.PostFormAsync("/account/sign-in", Credentials(Unknown(), "some password here")));
        var wrong = await CountChecksAsync(() => browser.PostFormAsync("/account/sign-in", Credentials(patient.Email, "some password here")));
        var tooSoon = await CountChecksAsync(() => browser.PostFormAsync("/account/sign-in", Credentials(waiting.Email, "some password here")));
        var lockedOut = await CountChecksAsync(() => browser.PostFormAsync("/account/sign-in", Credentials(locked.Email, locked.Password)));

        Assert.Equal([1, 1, 1, 1], new[] { unknown.Checks, wrong.Checks, tooSoon.Checks, lockedOut.Checks });
        Assert.Contains(SignInModel.FailedMessage, unknown.Answer.Words, StringComparison.Ordinal);
        Assert.All(new[] { wrong.Answer, tooSoon.Answer, lockedOut.Answer }, page =>
        {
            Assert.Equal(unknown.Answer.Status, page.Status);
            Assert.Equal(unknown.Answer.Words, page.Words);
        });
    }

    /// <summary>When the account's wait ends, as its owner should read it: from what the sign-in stored, on the owner's clock, to the second rounded up.</summary>
    private async Task<string> PauseOfAsync(TestAccount account)
    {
        var user = await app.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == account.Id));
        var until = user.LastSignInFailureAt!.Value + PasswordSignIn.WaitAfter(user.AccessFailedCount);
        var local = TimeZoneInfo.ConvertTime(until.AddTicks(TimeSpan.TicksPerSecond - 1), TimeZoneInfo.FindSystemTimeZoneById(user.TimeZoneId));
        return local.ToString("HH:mm:ss' on 'd MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture) + $" ({user.TimeZoneId} time)";
    }

    [Fact]
    public async Task TheRightPasswordDuringTheWaitShowsThatTheAccountIsPausedAndUntilWhenThenWorks()
    {
        var patient = await WaitingAccountAsync();
        var shown = await PauseOfAsync(patient);
        using var browser = app.NewClient();

        var tooSoon = await browser.PostFormAsync("/account/sign-in", Credentials(patient.Email, patient.Password));

        Assert.Contains("signing in to this account is paused after several wrong tries, until " + shown, tooSoon.Words, StringComparison.Ordinal);
        Assert.DoesNotContain(SignInModel.FailedMessage, tooSoon.Words, StringComparison.Ordinal);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e =>
            e.UserId == patient.Id && e.Action == AuditAction.LockedOut && e.Outcome == AuditOutcome.Denied)));
        app.Clock.Advance(PasswordSignIn.WaitAfter(PasswordSignIn.FreeFailures) + TimeSpan.FromSeconds(1));
        await browser.SignInAsync(patient);
    }

    [Fact]
    public async Task AWrongPasswordDuringTheWaitStillReadsNotRightAndSaysNothingOfThePause()
    {
        var patient = await WaitingAccountAsync();
        using var browser = app.NewClient();

        var wrong = await browser.PostFormAsync("/account/sign-in", Credentials(patient.Email, "yet another guess"));

        Assert.Contains(SignInModel.FailedMessage, wrong.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("paused", wrong.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownAddressReadsNotRightAndSaysNothingOfAPause()
    {
        using var browser = app.NewClient();

        var unknown = await browser.PostFormAsync("/account/sign-in", Credentials(Unknown(), "some password here"));

        Assert.Contains(SignInModel.FailedMessage, unknown.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("paused", unknown.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTokenEndpointTellsOnlyTheRightPasswordThatTheAccountIsPausedAndUntilWhen()
    {
        var patient = await WaitingAccountAsync();
        var shown = await PauseOfAsync(patient);
        using var api = app.NewClient();

        var right = await TokenAsync(api, patient.Email, patient.Password);
        var wrong = await TokenAsync(api, patient.Email, "yet another guess");

        Assert.Equal(HttpStatusCode.Unauthorized, right.Status);
        Assert.Contains("title=Sign-in paused", right.Body, StringComparison.Ordinal);
        Assert.Contains("paused after several wrong tries, until " + shown, right.Body, StringComparison.Ordinal);
        Assert.Contains(SignInModel.FailedMessage, wrong.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("paused", wrong.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStrangerHammeringTheAccountCannotKeepItsOwnerOutPastTheWait()
    {
        var patient = await WaitingAccountAsync();
        using var stranger = app.NewClient();
        for (var i = 0; i < 20; i++)
        {
            await stranger.PostFormAsync("/account/sign-in", Credentials(patient.Email, $"another guess {i}"));
        }

        app.Clock.Advance(PasswordSignIn.WaitAfter(PasswordSignIn.FreeFailures) + TimeSpan.FromSeconds(1));

        using var owner = app.NewClient();
        await owner.SignInAsync(patient);
    }

    [Fact]
    public async Task WrongSecondFactorCodesMakeTheNextCodeWaitToo()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient, twoFactor: true);
        using var browser = app.NewClient();
        var password = await browser.PostFormAsync("/account/sign-in", Credentials(patient.Email, patient.Password));
        var step = password.Location!;
        for (var i = 0; i < PasswordSignIn.FreeFailures; i++)
        {
            var wrong = await browser.PostFormAsync(step, new Dictionary<string, string> { ["Code"] = i % 2 == 0 ? "000000" : "999999" });
            Assert.Contains("That code is not right", wrong.Words, StringComparison.Ordinal);
        }

        var tooSoon = await browser.PostFormAsync(step, new Dictionary<string, string> { ["Code"] = patient.CurrentCode() });
        app.Clock.Advance(PasswordSignIn.WaitAfter(PasswordSignIn.FreeFailures) + TimeSpan.FromSeconds(1));
        var inTime = await browser.PostFormAsync(step, new Dictionary<string, string> { ["Code"] = patient.CurrentCode() });

        Assert.Contains(SignInTwoFactorModel.TooManyCodes, tooSoon.Words, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, inTime.Status);
    }

    [Fact]
    public async Task TheWaitGrowsWithEachWrongTryButNeverBeyondTheLongestWait()
    {
        var patient = await WaitingAccountAsync();
        using var browser = app.NewClient();
        for (var failures = PasswordSignIn.FreeFailures; failures < 25; failures++)
        {
            app.Clock.Advance(PasswordSignIn.WaitAfter(failures) + TimeSpan.FromSeconds(1));
            await browser.PostFormAsync("/account/sign-in", Credentials(patient.Email, $"guess {failures}"));
        }

        var shown = await PauseOfAsync(patient);
        var tooSoon = await browser.PostFormAsync("/account/sign-in", Credentials(patient.Email, patient.Password));
        app.Clock.Advance(PasswordSignIn.LongestWait + TimeSpan.FromSeconds(1));

        Assert.Contains("paused after several wrong tries, until " + shown, tooSoon.Words, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(64), PasswordSignIn.WaitAfter(6));
        Assert.Equal(PasswordSignIn.LongestWait, PasswordSignIn.WaitAfter(25));
        await browser.SignInAsync(patient);
    }
}

/// <summary>Counts password hash checks, so a test can see that every refusal did the same work as a real check.</summary>
public sealed class PasswordCheckCounter
{
    private int _count;
    public int Count => Volatile.Read(ref _count);
    public void Add() => Interlocked.Increment(ref _count);
}

public sealed class CountingPasswordHasher(IPasswordHasher<RapportUser> inner, PasswordCheckCounter counter) : IPasswordHasher<RapportUser>
{
    public string HashPassword(RapportUser user, string password) => inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(RapportUser user, string hashedPassword, string providedPassword)
    {
        counter.Add();
        return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

/// <summary>An app of its own (its clock moves) whose password checks are counted.</summary>
public sealed class PasswordCheckCountingSqliteApp : SqliteApp
{
    public PasswordCheckCounter Checks { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddScoped<IPasswordHasher<RapportUser>>(sp =>
            new CountingPasswordHasher(new PasswordHasher<RapportUser>(sp.GetRequiredService<IOptions<PasswordHasherOptions>>()), Checks)));
    }
}

/// <inheritdoc cref="PasswordCheckCountingSqliteApp"/>
public sealed class PasswordCheckCountingPostgresApp : PostgresApp
{
    public PasswordCheckCounter Checks { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddScoped<IPasswordHasher<RapportUser>>(sp =>
            new CountingPasswordHasher(new PasswordHasher<RapportUser>(sp.GetRequiredService<IOptions<PasswordHasherOptions>>()), Checks)));
    }
}

public sealed class SignInBackoffTestsOnSqlite(PasswordCheckCountingSqliteApp app)
    : SignInBackoffTests(app, app.Checks), IClassFixture<PasswordCheckCountingSqliteApp>;

public sealed class SignInBackoffTestsOnPostgres(PasswordCheckCountingPostgresApp app)
    : SignInBackoffTests(app, app.Checks), IClassFixture<PasswordCheckCountingPostgresApp>;
