using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.IntegrationTests.Features.Safety;

/// <summary>/admin/crisis-resources: the clinic's crisis lines by country, which a patient sees after a risk answer.</summary>
public abstract class CrisisResourcesAdminTests(RapportApp app)
{
    /// <summary>A user-assigned ISO code (XA–XZ), so the lines added here are shown to this test's patient alone.</summary>
    private static string TestCountry() => "X" + (char)('A' + System.Security.Cryptography.RandomNumberGenerator.GetInt32(26));

    private static Dictionary<string, string> Line(string country, string name, string phone) => new()
    {
        ["Input.CountryCode"] = country,
        ["Input.Name"] = name,
        ["Input.Phone"] = phone,
        ["Input.Hours"] = "24 hours",
        ["Input.SortOrder"] = "1",
    };

    [Fact]
    public async Task AnAdminAddsAndChangesALineAndAPatientOfThatCountrySeesItAfterARiskAnswer()
    {
        var country = TestCountry();
        var name = $"Helpline {Guid.NewGuid():N}"[..20];
        var admin = await app.CreateAccountAsync(Roles.Admin);
        using var browser = app.NewClient();
        await browser.SignInAsync(admin);

        var added = await browser.PostFormAsync("/admin/crisis-resources", Line(country, name, "0800 111 222"), "/admin/crisis-resources?handler=Add");
        Assert.Contains($"Added {name}", added.Words, StringComparison.Ordinal);
        var id = await app.QueryAsync(db => db.CrisisResources.Where(r => r.Name == name).Select(r => r.Id).SingleAsync());
        var changed = await browser.PostFormAsync($"/admin/crisis-resources?edit={id}", Line(country, name, "0800 999 000"),
            $"/admin/crisis-resources?handler=Save&id={id}");
        Assert.Contains($"Saved {name}", changed.Words, StringComparison.Ordinal);

        var patient = await app.CreateAccountAsync(Roles.Patient);
        await app.QueryAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == patient.Id)).CountryCode = country;
            return await db.SaveChangesAsync();
        });
        using var phone = app.NewClient();
        await phone.ApiTokenAsync(patient);
        var response = await phone.Http.PostAsJsonAsync("/api/v1/assessments/phq-9/responses", new { answers = new[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var lines = json.RootElement.GetProperty("safety").GetProperty("crisisResources").EnumerateArray()
            .Select(l => (Name: l.GetProperty("name").GetString(), Phone: l.GetProperty("phone").GetString())).ToList();
        // A country with no shipped entry: the GSM emergency number first, then the clinic's line.
        Assert.Equal([("Emergency services", "112"), (name, "0800 999 000")], lines);
        Assert.Equal(2, await app.QueryAsync(db => db.AuditEvents.CountAsync(e =>
            e.Action == AuditAction.CrisisResourcesChanged && e.UserId == admin.Id && e.Subject == id.ToString())));
    }

    [Fact]
    public async Task ALineWithNoWayToReachItIsRefusedWithTheRuleAndNotSaved()
    {
        var name = $"Nowhere {Guid.NewGuid():N}"[..20];
        var admin = await app.CreateAccountAsync(Roles.Admin);
        using var browser = app.NewClient();
        await browser.SignInAsync(admin);

        var page = await browser.PostFormAsync("/admin/crisis-resources", Line(TestCountry(), name, ""), "/admin/crisis-resources?handler=Add");

        Assert.Contains("Give at least a phone number, a number to text, or a web address.", page.Words, StringComparison.Ordinal);
        Assert.Contains($"value=\"{name}\"", page.Html, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.CrisisResources.AnyAsync(r => r.Name == name)));
    }

    [Fact]
    public async Task APatientsHomeShowsAClinicLineAsSoonAsItIsAddedAndNoLongerOnceItIsRemoved()
    {
        var country = TestCountry();
        var name = $"Nearby {Guid.NewGuid():N}"[..20];
        var patient = await app.CreateAccountAsync(Roles.Patient);
        await app.QueryAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == patient.Id)).CountryCode = country;
            return await db.SaveChangesAsync();
        });
        using var phone = app.NewClient();
        await phone.SignInAsync(patient);
        var admin = await app.CreateAccountAsync(Roles.Admin);
        using var browser = app.NewClient();
        await browser.SignInAsync(admin);

        // The first visit puts the clinic's lines in memory; the change must still show at once.
        var before = await phone.GetAsync("/patient");
        await browser.PostFormAsync("/admin/crisis-resources", Line(country, name, "0800 123 456"), "/admin/crisis-resources?handler=Add");
        var added = await phone.GetAsync("/patient");
        var id = await app.QueryAsync(db => db.CrisisResources.Where(r => r.Name == name).Select(r => r.Id).SingleAsync());
        await browser.PostFormAsync($"/admin/crisis-resources?edit={id}", new Dictionary<string, string>(), $"/admin/crisis-resources?handler=Delete&id={id}");
        var removed = await phone.GetAsync("/patient");

        Assert.DoesNotContain(name, before.Text, StringComparison.Ordinal);
        Assert.Contains(name, added.Text, StringComparison.Ordinal);
        Assert.Contains("0800 123 456", added.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(name, removed.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdminRemovesALine()
    {
        var name = $"Gone {Guid.NewGuid():N}"[..20];
        var admin = await app.CreateAccountAsync(Roles.Admin);
        using var browser = app.NewClient();
        await browser.SignInAsync(admin);
        await browser.PostFormAsync("/admin/crisis-resources", Line(TestCountry(), name, "112"), "/admin/crisis-resources?handler=Add");
        var id = await app.QueryAsync(db => db.CrisisResources.Where(r => r.Name == name).Select(r => r.Id).SingleAsync());

        var page = await browser.PostFormAsync($"/admin/crisis-resources?edit={id}", new Dictionary<string, string>(), $"/admin/crisis-resources?handler=Delete&id={id}");

        Assert.Contains($"Removed {name}", page.Words, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.CrisisResources.AnyAsync(r => r.Id == id)));
    }

    [Fact]
    public async Task ATherapistIsRefusedTheCrisisLinesPage()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var (page, _) = await browser.GetFollowingAsync("/admin/crisis-resources");

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
    }
}

public sealed class CrisisResourcesAdminTestsOnSqlite(SqliteApp app) : CrisisResourcesAdminTests(app);

public sealed class CrisisResourcesAdminTestsOnPostgres(PostgresApp app) : CrisisResourcesAdminTests(app);
