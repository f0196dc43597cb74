using System.Net;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.IntegrationTests.Features.Accounts;

public abstract class RegistrationTests(RapportApp app)
{
    private static Dictionary<string, string> Form(string email, string password = RapportApp.Password, string name = "Robin Lee") => new()
    {
        ["Input.DisplayName"] = name,
        ["Input.Email"] = email,
        ["Input.Password"] = password,
        ["Profile.TimeZoneId"] = "America/New_York",
        ["Profile.PreferredLanguage"] = "en",
        ["Profile.CountryCode"] = "US",
    };

    private static string NewEmail() => $"robin-{Guid.NewGuid():N}@example.com";

    [Fact]
    public async Task ANewPatientRegistersConfirmsThroughTheEmailAndReachesTheirHome()
    {
        using var browser = app.NewClient();
        var email = NewEmail();

        var registered = await browser.PostFormAsync("/account/register", Form(email));
        Assert.Contains("Check your e-mail", registered.Text, StringComparison.Ordinal);

        var mail = await app.Mail.WaitForAsync(email);
        Assert.Equal("Confirm your e-mail address for Rapport", mail.Subject);
        var link = mail.PathOfLink("/account/confirm-email");
        var confirmed = await browser.PostFormAsync(link, new Dictionary<string, string>());
        Assert.Contains("your e-mail address is confirmed", confirmed.Text, StringComparison.Ordinal);

        var signedIn = await browser.SignInAsync(new TestAccount(Guid.Empty, email, RapportApp.Password, null));
        var (home, url) = await browser.GetFollowingAsync(signedIn.Location!);
        Assert.Equal("/patient", url);
        Assert.Equal(HttpStatusCode.OK, home.Status);
        Assert.Contains("Hello, Robin Lee", home.Text, StringComparison.Ordinal);
        Assert.Contains("Eastern Time (New York)", home.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("علی\u200Cرضا Karimi")]
    [InlineData("Maya 🌻")]
    public async Task ANameInAnyScriptWithItsJoinersOrAnEmojiIsAcceptedAndKeptAsWritten(string name)
    {
        using var browser = app.NewClient();
        var email = NewEmail();

        var registered = await browser.PostFormAsync("/account/register", Form(email, name: name));

        Assert.Contains("Check your e-mail", registered.Text, StringComparison.Ordinal);
        Assert.Equal(name, await app.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.DisplayName).SingleAsync()));
    }

    [Fact]
    public async Task ANameThatWouldReadBackwardsIsRefusedWithAMessage()
    {
        using var browser = app.NewClient();
        var email = NewEmail();

        var refused = await browser.PostFormAsync("/account/register", Form(email, name: "Robin\u202Eeel"));

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains(ProfileInput.NameMessage, refused.Words, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task ARefusedNameIsExplainedOnceBesideTheFieldAndTheSummarySaysWhereToLook()
    {
        using var browser = app.NewClient();

        var refused = await browser.PostFormAsync("/account/register", Form(NewEmail(), name: "Robin\u202Eeel"));

        // Split in two pieces: the message is on the page exactly once.
        Assert.Equal(2, refused.Words.Split(ProfileInput.NameMessage).Length);
        Assert.Contains(ErrorSummary.SeeTheFields, refused.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheConfirmationEmailCarriesNoClinicalWords()
    {
        using var browser = app.NewClient();
        var email = NewEmail();
        await browser.PostFormAsync("/account/register", Form(email));

        var mail = await app.Mail.WaitForAsync(email);

        foreach (var word in new[] { "therapy", "depression", "IPT", "psychotherapy", "mental" })
        {
            Assert.DoesNotContain(word, mail.Subject + mail.TextBody, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task AnUnconfirmedPatientWithTheRightPasswordIsAskedToConfirmFirst()
    {
        using var browser = app.NewClient();
        var email = NewEmail();
        await browser.PostFormAsync("/account/register", Form(email));

        var page = await browser.PostFormAsync("/account/sign-in", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = RapportApp.Password,
        });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("confirm your e-mail address first", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnconfirmedAddressWithAWrongPasswordLooksLikeAnyWrongPassword()
    {
        using var browser = app.NewClient();
        var email = NewEmail();
        await browser.PostFormAsync("/account/register", Form(email));

        var page = await browser.PostFormAsync("/account/sign-in", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = "not the password",
        });

        Assert.DoesNotContain("confirm", page.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("The e-mail address or password is not right.", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANameContainingALinkIsRefused()
    {
        using var browser = app.NewClient();
        var email = NewEmail();

        var page = await browser.PostFormAsync("/account/register", Form(email, name: "Click https://evil.example now"));

        Assert.Contains("without links", page.Text, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task ASentEmailNoLongerHoldsItsLinkInTheDatabase()
    {
        using var browser = app.NewClient();
        var email = NewEmail();
        await browser.PostFormAsync("/account/register", Form(email));
        await app.Mail.WaitForAsync(email);

        var stored = await app.QueryAsync(async db =>
        {
            for (var i = 0; i < 50; i++)
            {
                var row = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.ToAddress == email);
                if (row.SentAt is not null)
                {
                    return row;
                }
                await Task.Delay(100);
            }
            throw new TimeoutException("The outbox row was never marked sent.");
        });

        Assert.Equal("", stored.TextBody);
    }

    [Theory]
    [InlineData("password123")]
    [InlineData("letmein1")]
    public async Task ACommonPasswordIsRefusedWithAClearMessageAndNothingIsStored(string password)
    {
        using var browser = app.NewClient();
        var email = NewEmail();

        var page = await browser.PostFormAsync("/account/register", Form(email, password));

        Assert.Contains("too common", page.Text, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.Users.AnyAsync(u => u.Email == email)));
        Assert.False(await app.QueryAsync(db => db.OutboxMessages.AnyAsync(m => m.ToAddress == email)));
    }

    [Fact]
    public async Task AShortPasswordIsRefusedWithAClearMessage()
    {
        using var browser = app.NewClient();
        var email = NewEmail();

        var page = await browser.PostFormAsync("/account/register", Form(email, "tiny7"));

        Assert.Contains("Use at least 8 characters", page.Text, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task AMalformedEmailIsRefusedWithAClearMessage()
    {
        using var browser = app.NewClient();

        var page = await browser.PostFormAsync("/account/register", Form("robin.example.com"));

        Assert.Contains("Enter an e-mail address like name@example.com", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownTimeZoneIsRefused()
    {
        using var browser = app.NewClient();
        var email = NewEmail();
        var form = Form(email);
        form["Profile.TimeZoneId"] = "Mars/Olympus_Mons";

        var page = await browser.PostFormAsync("/account/register", form);

        Assert.Contains("Choose a time zone from the list", page.Text, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task RegisteringAnEmailTwiceCreatesNoSecondAccountAndTellsTheOwnerByEmail()
    {
        using var browser = app.NewClient();
        var email = NewEmail();
        await browser.PostFormAsync("/account/register", Form(email));

        var second = await browser.PostFormAsync("/account/register", Form(email, "another fine passphrase", "Someone Else"));

        // The page does not reveal that the address is taken (that would tell a stranger who uses Rapport).
        Assert.Contains("Check your e-mail", second.Text, StringComparison.Ordinal);
        Assert.Equal(1, await app.QueryAsync(db => db.Users.CountAsync(u => u.Email == email)));
        var notice = await app.Mail.WaitForAsync(email, m => (m.Subject ?? "").Contains("tried to create", StringComparison.Ordinal));
        Assert.Contains("/account/sign-in", notice.TextBody ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATakenAddressGetsTheSamePageAsAFreeOneAndItsOwnerIsToldByEmail()
    {
        var owner = await app.CreateAccountAsync(Roles.Patient);
        var free = NewEmail();
        using var browser = app.NewClient();

        var taken = await browser.PostFormAsync("/account/register", Form(owner.Email, "another fine passphrase", "Someone Else"));
        var fresh = await browser.PostFormAsync("/account/register", Form(free, "another fine passphrase", "Someone Else"));

        Assert.Equal(fresh.Status, taken.Status);
        Assert.Equal(fresh.Words.Replace(free, "ADDRESS", StringComparison.Ordinal), taken.Words.Replace(owner.Email, "ADDRESS", StringComparison.Ordinal));
        var notice = await app.Mail.WaitForAsync(owner.Email, m => (m.Subject ?? "").Contains("tried to create", StringComparison.Ordinal));
        Assert.Contains("Forgot your password?", notice.TextBody ?? "", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("password")]
    [InlineData("password123")]
    public async Task ACommonPasswordIsRefusedAlikeForATakenAddressAndAFreeOne(string password)
    {
        var owner = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();

        var taken = await browser.PostFormAsync("/account/register", Form(owner.Email, password));
        var fresh = await browser.PostFormAsync("/account/register", Form(NewEmail(), password));

        Assert.Contains("too common", taken.Text, StringComparison.Ordinal);
        Assert.Equal(fresh.Status, taken.Status);
        Assert.Equal(fresh.Words, taken.Words);
        Assert.False(await app.QueryAsync(db => db.OutboxMessages.AnyAsync(m => m.ToAddress == owner.Email)));
    }

    [Fact]
    public async Task AFormPostedWithoutItsAntiforgeryTokenIsRefusedAndStoresNothing()
    {
        using var browser = app.NewClient();
        var email = NewEmail();

        var response = await browser.Http.PostAsync("/account/register", new FormUrlEncodedContent(Form(email)));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("reload the page and try again", html, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task RegistrationIsAudited()
    {
        using var browser = app.NewClient();
        var email = NewEmail();
        await browser.PostFormAsync("/account/register", Form(email));

        var id = await app.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.UserId == id && e.Action == AuditAction.Registered)));
    }
}

public sealed class RegistrationTestsOnSqlite(SqliteApp app) : RegistrationTests(app);

public sealed class RegistrationTestsOnPostgres(PostgresApp app) : RegistrationTests(app);
