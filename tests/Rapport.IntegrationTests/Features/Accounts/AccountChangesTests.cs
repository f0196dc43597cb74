using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.IntegrationTests.Features.Accounts;

/// <summary>
/// Each account change is one use case that records its own audit entry and sends its own e-mail, whichever entry point
/// calls it: a new confirmation link, a confirmed address, a reset password, the second factor, a staff role.
/// </summary>
public abstract class AccountChangesTests(RapportApp app)
{
    private static string NewEmail() => $"robin-{Guid.NewGuid():N}@example.com";

    private async Task<Visitor> RegisteredAsync(string email)
    {
        var browser = app.NewClient();
        await browser.PostFormAsync("/account/register", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Robin Lee",
            ["Input.Email"] = email,
            ["Input.Password"] = RapportApp.Password,
            ["Profile.TimeZoneId"] = "Europe/Berlin",
            ["Profile.PreferredLanguage"] = "en",
            ["Profile.CountryCode"] = "DE",
        });
        return browser;
    }

    private Task<int> MailsToAsync(string email) => app.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == email));

    private Task<List<AuditEvent>> EntriesAsync(Guid userId, string action) =>
        app.QueryAsync(db => db.AuditEvents.Where(e => e.UserId == userId && e.Action == action).ToListAsync());

    [Fact]
    public async Task AskingForANewConfirmationLinkEmailsAnUnconfirmedAccountAndAnswersAnUnknownAddressAlike()
    {
        var email = NewEmail();
        var unknown = NewEmail();
        using var browser = await RegisteredAsync(email);
        Assert.Equal(1, await MailsToAsync(email));

        var resent = await browser.PostFormAsync("/account/resend-confirmation", new Dictionary<string, string> { ["Email"] = email });
        var nobody = await browser.PostFormAsync("/account/resend-confirmation", new Dictionary<string, string> { ["Email"] = unknown });

        Assert.Contains("If an unconfirmed account uses that address, a new confirmation link is on its way.", resent.Text, StringComparison.Ordinal);
        Assert.Equal(resent.Words, nobody.Words);
        Assert.Equal(2, await MailsToAsync(email));
        Assert.Equal(0, await MailsToAsync(unknown));
    }

    [Fact]
    public async Task AConfirmedAccountGetsNoNewConfirmationLink()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();

        var page = await browser.PostFormAsync("/account/resend-confirmation", new Dictionary<string, string> { ["Email"] = patient.Email });

        Assert.Contains("If an unconfirmed account uses that address", page.Text, StringComparison.Ordinal);
        Assert.Equal(0, await MailsToAsync(patient.Email));
    }

    [Fact]
    public async Task ConfirmingTheAddressIsAuditedOnceEvenWhenTheButtonIsPressedAgain()
    {
        var email = NewEmail();
        using var browser = await RegisteredAsync(email);
        var link = (await app.Mail.WaitForAsync(email)).PathOfLink("/account/confirm-email");

        var first = await browser.PostFormAsync(link, new Dictionary<string, string>());
        var again = await browser.PostFormAsync(link, new Dictionary<string, string>());

        Assert.Contains("your e-mail address is confirmed", first.Text, StringComparison.Ordinal);
        Assert.Contains("your e-mail address is confirmed", again.Text, StringComparison.Ordinal);
        var id = await app.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        var entry = Assert.Single(await EntriesAsync(id, AuditAction.EmailConfirmed));
        Assert.Equal(AuditOutcome.Success, entry.Outcome);
    }

    [Fact]
    public async Task APasswordSetFromTheEmailedLinkIsAudited()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();
        await browser.PostFormAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = patient.Email });
        var link = (await app.Mail.WaitForAsync(patient.Email)).PathOfLink("/account/reset-password");

        var reset = await browser.PostFormAsync(link, new Dictionary<string, string> { ["Password"] = "a brand new lantern" });

        Assert.Contains("Your password is changed", reset.Text, StringComparison.Ordinal);
        Assert.Single(await EntriesAsync(patient.Id, AuditAction.PasswordReset));
    }

    [Fact]
    public async Task AForgedResetLinkChangesNothingAndRecordsNoReset()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();

        var page = await browser.PostFormAsync($"/account/reset-password?userId={patient.Id}&code=abcde",
            new Dictionary<string, string> { ["Password"] = "a brand new lantern" });

        Assert.Contains("This reset link is not valid or has expired", page.Text, StringComparison.Ordinal);
        Assert.Empty(await EntriesAsync(patient.Id, AuditAction.PasswordReset));
        await browser.SignInAsync(patient);
    }

    [Fact]
    public async Task StaffCannotTurnTheirSecondFactorOffAndTheRefusalIsAudited()
    {
        var therapist = await app.CreateAccountAsync(Roles.Therapist);
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var page = await browser.PostFormAsync("/account/two-factor", new Dictionary<string, string>(), "/account/two-factor?handler=Disable");

        Assert.Contains("Therapists and admins must keep a second factor.", page.Text, StringComparison.Ordinal);
        Assert.True(await app.QueryAsync(db => db.Users.Where(u => u.Id == therapist.Id).Select(u => u.TwoFactorEnabled).SingleAsync()));
        var entry = Assert.Single(await EntriesAsync(therapist.Id, AuditAction.TwoFactorDisabled));
        Assert.Equal(AuditOutcome.Denied, entry.Outcome);
    }

    [Fact]
    public async Task APatientTurnsTheSecondFactorOffAndItIsAudited()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient, twoFactor: true);
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);

        var page = await browser.PostFormAsync("/account/two-factor", new Dictionary<string, string>(), "/account/two-factor?handler=Disable");

        Assert.Contains("The second factor is turned off", page.Text, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.Users.Where(u => u.Id == patient.Id).Select(u => u.TwoFactorEnabled).SingleAsync()));
        var entry = Assert.Single(await EntriesAsync(patient.Id, AuditAction.TwoFactorDisabled));
        Assert.Equal(AuditOutcome.Success, entry.Outcome);
    }

    [Fact]
    public async Task NewRecoveryCodesAreShownAndAudited()
    {
        var therapist = await app.CreateAccountAsync(Roles.Therapist);
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var page = await browser.PostFormAsync("/account/two-factor", new Dictionary<string, string>(), "/account/two-factor?handler=RecoveryCodes");

        Assert.Contains("New recovery codes are ready; the old ones no longer work.", page.Text, StringComparison.Ordinal);
        Assert.Single(await EntriesAsync(therapist.Id, AuditAction.RecoveryCodesGenerated));
    }

    [Fact]
    public async Task ARecoveryCodeGetsAStaffTokenOnceAndIsAuditedAsARecoveryCodeUsed()
    {
        var therapist = await app.CreateAccountAsync(Roles.Therapist);
        string code;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<RapportUser>>();
            code = (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByIdAsync(therapist.Id.ToString()))!, 10))!.First();
        }
        using var api = app.NewClient();
        object Request() => new { email = therapist.Email, password = therapist.Password, twoFactorRecoveryCode = code.ToLowerInvariant() };

        using var first = await api.Http.PostAsJsonAsync("/api/v1/auth/token", Request());
        using var second = await api.Http.PostAsJsonAsync("/api/v1/auth/token", Request());

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        var used = Assert.Single(await EntriesAsync(therapist.Id, AuditAction.RecoveryCodeUsed));
        Assert.Equal("api token", used.Detail);
        Assert.Contains(await EntriesAsync(therapist.Id, AuditAction.SignInFailed), e => e.Detail == "api token: wrong second-factor code");
    }

    [Fact]
    public async Task AWrongSecondFactorCodeAtTheTokenEndpointGetsNoTokenAndIsAuditedAsAFailedSignIn()
    {
        var therapist = await app.CreateAccountAsync(Roles.Therapist);
        var right = therapist.CurrentCode();
        var wrong = right[..5] + (char)('0' + ((right[5] - '0' + 5) % 10));
        using var api = app.NewClient();

        using var response = await api.Http.PostAsJsonAsync("/api/v1/auth/token", new { email = therapist.Email, password = therapist.Password, twoFactorCode = wrong });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(body.TryGetProperty("accessToken", out _));
        var failed = Assert.Single(await EntriesAsync(therapist.Id, AuditAction.SignInFailed));
        Assert.Equal((AuditOutcome.Failure, therapist.Email, "api token: wrong second-factor code"), (failed.Outcome, failed.Subject, failed.Detail));
    }

    [Fact]
    public async Task WithdrawingTheAdminRoleIsAudited()
    {
        var admin = await app.CreateAccountAsync(Roles.Admin);
        var therapist = await app.CreateAccountAsync(Roles.Therapist);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<RapportUser>>();
            await users.AddToRoleAsync((await users.FindByIdAsync(therapist.Id.ToString()))!, Roles.Admin);
        }
        using var browser = app.NewClient();
        await browser.SignInAsync(admin);

        var page = await ChangeAdminRoleAsync(browser, therapist.Id, grant: false);

        Assert.Contains("is no longer an admin", page.Text, StringComparison.Ordinal);
        var entry = Assert.Single(await EntriesAsync(admin.Id, AuditAction.RoleRevoked));
        Assert.Equal((therapist.Id.ToString(), Roles.Admin), (entry.Subject, entry.Detail));
    }

    [Fact]
    public async Task AnAdminCannotWithdrawTheirOwnAdminRole()
    {
        var admin = await app.CreateAccountAsync(Roles.Admin);
        using var browser = app.NewClient();
        await browser.SignInAsync(admin);

        var page = await ChangeAdminRoleAsync(browser, admin.Id, grant: false);

        Assert.Contains("You cannot remove your own admin role; ask another admin.", page.Text, StringComparison.Ordinal);
        Assert.True(await IsAdminAsync(admin.Id));
        Assert.Empty(await EntriesAsync(admin.Id, AuditAction.RoleRevoked));
    }

    [Fact]
    public async Task APatientCannotBeGivenTheAdminRole()
    {
        var admin = await app.CreateAccountAsync(Roles.Admin);
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();
        await browser.SignInAsync(admin);

        var page = await ChangeAdminRoleAsync(browser, patient.Id, grant: true);

        Assert.Contains("Only therapists can be given the admin role here; invite new admins by e-mail.", page.Text, StringComparison.Ordinal);
        Assert.False(await IsAdminAsync(patient.Id));
        Assert.Empty(await EntriesAsync(admin.Id, AuditAction.RoleGranted));
    }

    [Fact]
    public async Task ChangingTheRoleOfAnAccountThatDoesNotExistIsNotFound()
    {
        var admin = await app.CreateAccountAsync(Roles.Admin);
        using var browser = app.NewClient();
        await browser.SignInAsync(admin);

        var page = await ChangeAdminRoleAsync(browser, Guid.NewGuid(), grant: true);

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
    }

    private static Task<Visitor.Page> ChangeAdminRoleAsync(Visitor browser, Guid userId, bool grant) =>
        browser.PostFormAsync("/admin/users", new Dictionary<string, string>(), $"/admin/users?handler=AdminRole&id={userId}&grant={grant}");

    private Task<bool> IsAdminAsync(Guid userId) => app.QueryAsync(db =>
        db.UserRoles.AnyAsync(ur => ur.UserId == userId && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Admin)));
}

public sealed class AccountChangesTestsOnSqlite(SqliteApp app) : AccountChangesTests(app);

public sealed class AccountChangesTestsOnPostgres(PostgresApp app) : AccountChangesTests(app);
