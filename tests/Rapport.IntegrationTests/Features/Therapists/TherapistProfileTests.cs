using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Therapists;

namespace Rapport.IntegrationTests.Features.Therapists;

/// <summary>/therapist/profile and /admin/therapists: a profile is listed only after an admin approves it.</summary>
public abstract class TherapistProfileTests(RapportApp app)
{
    private static Dictionary<string, string> CompleteProfile(string bio = "I offer IPT for depression after a loss or a move.") => new()
    {
        ["Form.Bio"] = bio,
        ["Form.Languages"] = "en",
        ["Form.Conditions"] = "depression",
        ["Form.Countries"] = "DE",
        ["Form.Training"] = nameof(TrainingLevel.Certified),
        ["Form.AcceptingNewPatients"] = "true",
    };

    [Fact]
    public async Task AProfileSentForApprovalAndApprovedAppearsInTheDirectory()
    {
        var therapist = await app.CreateAccountAsync(Roles.Therapist);
        var admin = await app.CreateAccountAsync(Roles.Admin);
        using var therapistBrowser = app.NewClient();
        await therapistBrowser.SignInAsync(therapist);
        using var adminBrowser = app.NewClient();
        await adminBrowser.SignInAsync(admin);

        var sent = await therapistBrowser.PostFormAsync("/therapist/profile", CompleteProfile(), "/therapist/profile?handler=Submit");
        var waiting = await adminBrowser.GetAsync("/admin/therapists");
        var approved = await adminBrowser.PostFormAsync("/admin/therapists", new Dictionary<string, string>(),
            $"/admin/therapists?handler=Approve&id={therapist.Id}");
        var listedPage = await therapistBrowser.GetAsync("/therapist/profile");

        Assert.Equal(HttpStatusCode.OK, sent.Status);
        Assert.Contains("Status: Waiting for approval", sent.Words, StringComparison.Ordinal);
        Assert.Contains(therapist.Email, waiting.Words, StringComparison.Ordinal);
        Assert.Contains("is now listed in the directory", approved.Words, StringComparison.Ordinal);
        Assert.Contains("Status: Listed", listedPage.Words, StringComparison.Ordinal);
        Assert.True(await IsInTheDirectoryAsync(therapist.Id));
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e =>
            e.Action == AuditAction.TherapistProfileApproved && e.UserId == admin.Id && e.Subject == therapist.Id.ToString())));
        await app.Mail.WaitForAsync(therapist.Email, m => m.Subject == "Your Rapport profile is listed");
    }

    [Fact]
    public async Task ATherapistsPublicPageDescribesThemForSearchResults()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        using var visitor = app.NewClient();

        var page = await visitor.GetAsync($"/therapists/{therapist.Id}");
        var description = System.Text.RegularExpressions.Regex.Match(page.Html, "<meta name=\"description\" content=\"([^\"]+)\">");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal($"{await app.DisplayNameAsync(therapist)}, Interpersonal Psychotherapy (IPT) therapist on Rapport: their approach, languages and free times to book.",
            WebUtility.HtmlDecode(description.Groups[1].Value));
    }

    [Fact]
    public async Task AProfileWaitingForApprovalIsNotInTheDirectory()
    {
        var therapist = await app.CreateAccountAsync(Roles.Therapist);
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        await browser.PostFormAsync("/therapist/profile", CompleteProfile(), "/therapist/profile?handler=Submit");

        Assert.Equal(ProfileStatus.Submitted, await StatusAsync(therapist));
        Assert.False(await IsInTheDirectoryAsync(therapist.Id));
    }

    [Fact]
    public async Task ChangingAListedProfilesClaimsTakesItOutOfTheDirectoryAndThePageWarnsFirst()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var before = await browser.GetAsync("/therapist/profile");
        var saved = await browser.PostFormAsync("/therapist/profile", CompleteProfile("A new bio that the clinic has not read yet."));

        Assert.Contains("goes back to draft and leaves the directory until the clinic approves it again", before.Words, StringComparison.Ordinal);
        Assert.Contains("Your profile is back in draft and no longer listed", saved.Words, StringComparison.Ordinal);
        Assert.Equal(ProfileStatus.Draft, await StatusAsync(therapist));
        Assert.False(await IsInTheDirectoryAsync(therapist.Id));
    }

    [Fact]
    public async Task ChangingOnlyWhetherTheyAcceptNewPatientsKeepsTheProfileListed()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);
        var profile = await app.QueryAsync(db => db.TherapistProfiles.AsNoTracking().SingleAsync(p => p.UserId == therapist.Id));

        var saved = await browser.PostFormAsync("/therapist/profile", new KeyValuePair<string, string>[]
        {
            new("Form.Bio", profile.Bio),
            new("Form.Languages", "en"),
            new("Form.Languages", "de"),
            new("Form.Conditions", "depression"),
            new("Form.Countries", "DE"),
            new("Form.Training", nameof(TrainingLevel.Certified)),
            new("Form.AcceptingNewPatients", "false"),
        });

        Assert.Contains("Your profile is still listed", saved.Words, StringComparison.Ordinal);
        Assert.Equal(ProfileStatus.Approved, await StatusAsync(therapist));
    }

    [Fact]
    public async Task SavingWithoutALanguageShowsTheRuleOnTheForm()
    {
        var therapist = await app.CreateAccountAsync(Roles.Therapist);
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);
        var fields = CompleteProfile();
        fields.Remove("Form.Languages");

        var page = await browser.PostFormAsync("/therapist/profile", fields);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("Choose at least one language you work in.", page.Words, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.TherapistProfiles.AnyAsync(p => p.UserId == therapist.Id)));
    }

    [Fact]
    public async Task AnAdminSendsAProfileBackAndTheTherapistIsToldWhatToChange()
    {
        var therapist = await app.CreateAccountAsync(Roles.Therapist);
        var admin = await app.CreateAccountAsync(Roles.Admin);
        using var therapistBrowser = app.NewClient();
        await therapistBrowser.SignInAsync(therapist);
        await therapistBrowser.PostFormAsync("/therapist/profile", CompleteProfile(), "/therapist/profile?handler=Submit");
        using var adminBrowser = app.NewClient();
        await adminBrowser.SignInAsync(admin);

        await adminBrowser.PostFormAsync("/admin/therapists", new Dictionary<string, string> { ["Note"] = "Please name your IPT training course." },
            $"/admin/therapists?handler=SendBack&id={therapist.Id}");

        Assert.Equal(ProfileStatus.Draft, await StatusAsync(therapist));
        var mail = await app.Mail.WaitForAsync(therapist.Email, m => m.Subject == "Your Rapport profile needs a change");
        Assert.Contains("Please name your IPT training course.", mail.TextBody, StringComparison.Ordinal);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.TherapistProfileReturned && e.Subject == therapist.Id.ToString())));
    }

    [Fact]
    public async Task AnAdminCannotApproveADraft()
    {
        var therapist = await app.CreateAccountAsync(Roles.Therapist);
        var admin = await app.CreateAccountAsync(Roles.Admin);
        using var therapistBrowser = app.NewClient();
        await therapistBrowser.SignInAsync(therapist);
        await therapistBrowser.PostFormAsync("/therapist/profile", CompleteProfile());
        using var adminBrowser = app.NewClient();
        await adminBrowser.SignInAsync(admin);

        var page = await adminBrowser.PostFormAsync("/admin/therapists", new Dictionary<string, string>(),
            $"/admin/therapists?handler=Approve&id={therapist.Id}");

        Assert.Contains("is no longer waiting for approval", page.Words, StringComparison.Ordinal);
        Assert.Equal(ProfileStatus.Draft, await StatusAsync(therapist));
    }

    [Theory]
    [InlineData("/admin/therapists")]
    [InlineData("/therapist/profile")]
    public async Task APatientIsRefusedTheProfilePages(string path)
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);

        var (page, _) = await browser.GetFollowingAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
    }

    [Fact]
    public async Task ATherapistIsRefusedTheApprovalPage()
    {
        var therapist = await app.CreateAccountAsync(Roles.Therapist);
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var (page, _) = await browser.GetFollowingAsync("/admin/therapists");

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
    }

    private Task<ProfileStatus> StatusAsync(TestAccount therapist) =>
        app.QueryAsync(db => db.TherapistProfiles.Where(p => p.UserId == therapist.Id).Select(p => p.Status).SingleAsync());

    /// <summary>Pages through the public directory API, as a program would.</summary>
    private async Task<bool> IsInTheDirectoryAsync(Guid therapistId)
    {
        using var api = app.NewClient();
        for (var page = 1; ; page++)
        {
            var json = await api.Http.GetFromJsonAsync<JsonElement>($"/api/v1/therapists?pageSize=50&page={page}");
            if (json.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("id").GetGuid() == therapistId))
            {
                return true;
            }
            if (page * 50 >= json.GetProperty("total").GetInt32())
            {
                return false;
            }
        }
    }
}

public sealed class TherapistProfileTestsOnSqlite(SqliteApp app) : TherapistProfileTests(app);

public sealed class TherapistProfileTestsOnPostgres(PostgresApp app) : TherapistProfileTests(app);
