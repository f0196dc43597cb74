using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.IntegrationTests.Features.Assessments;

/// <summary>
/// /admin/instrument-licences: a restricted instrument is offered only once the clinic records its licence. Recording
/// one changes what every test sees, so this class has an app of its own.
/// </summary>
public abstract class InstrumentLicenceAdminTests(RapportApp app)
{
    private async Task<IReadOnlyList<string>> ListedInstrumentsAsync()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var client = app.NewClient();
        await client.ApiTokenAsync(patient);
        using var json = JsonDocument.Parse(await client.Http.GetStringAsync("/api/v1/instruments"));
        return [.. json.RootElement.EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];
    }

    [Fact]
    public async Task AfterAnAdminRecordsTheEpdsLicenceTheApiListsIt()
    {
        Assert.DoesNotContain("epds", await ListedInstrumentsAsync());
        var admin = await app.CreateAccountAsync(Roles.Admin);
        using var browser = app.NewClient();
        await browser.SignInAsync(admin);
        Assert.Contains("Edinburgh Postnatal Depression Scale (EPDS) No licence recorded: not offered.", (await browser.GetAsync("/admin/instrument-licences")).Words,
            StringComparison.Ordinal);

        var page = await browser.PostFormAsync("/admin/instrument-licences", new Dictionary<string, string>
        {
            ["Input.InstrumentId"] = "epds",
            ["Input.Holder"] = "Rapport Demo Clinic",
            ["Input.Reference"] = "RCPsych permission letter 2026-03",
            ["Input.ValidUntil"] = app.Clock.GetUtcNow().AddYears(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        }, "/admin/instrument-licences?handler=Record");

        Assert.Contains("Licence recorded. EPDS is now offered.", page.Words, StringComparison.Ordinal);
        Assert.Contains("Edinburgh Postnatal Depression Scale (EPDS) Licensed: offered.", page.Words, StringComparison.Ordinal);
        Assert.Contains("epds", await ListedInstrumentsAsync());
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.InstrumentLicenceRecorded && e.UserId == admin.Id && e.Subject == "epds")));
    }

    [Fact]
    public async Task ALicenceForAnInstrumentWhoseFormIsNotShippedIsRecordedButItIsStillNotOffered()
    {
        var admin = await app.CreateAccountAsync(Roles.Admin);
        using var browser = app.NewClient();
        await browser.SignInAsync(admin);

        var page = await browser.PostFormAsync("/admin/instrument-licences", new Dictionary<string, string>
        {
            ["Input.InstrumentId"] = "bdi-ii",
            ["Input.Holder"] = "Rapport Demo Clinic",
            ["Input.Reference"] = "Pearson order 12345",
        }, "/admin/instrument-licences?handler=Record");

        Assert.Contains("Licence recorded. BDI-II is still not offered: its licensed form has to be loaded into Rapport first.", page.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("bdi-ii", await ListedInstrumentsAsync());
    }

    [Fact]
    public async Task ALicenceWithoutAReferenceIsRefusedAndNothingIsRecorded()
    {
        var admin = await app.CreateAccountAsync(Roles.Admin);
        using var browser = app.NewClient();
        await browser.SignInAsync(admin);

        var page = await browser.PostFormAsync("/admin/instrument-licences", new Dictionary<string, string>
        {
            ["Input.InstrumentId"] = "sas-sr",
            ["Input.Holder"] = "Rapport Demo Clinic",
            ["Input.Reference"] = " ",
        }, "/admin/instrument-licences?handler=Record");

        Assert.Contains("Enter who holds the licence and its reference.", page.Words, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.InstrumentLicences.AnyAsync(l => l.InstrumentId == "sas-sr")));
    }
}

public sealed class InstrumentLicenceAdminTestsOnSqlite(IsolatedSqliteApp app) : InstrumentLicenceAdminTests(app), IClassFixture<IsolatedSqliteApp>;

public sealed class InstrumentLicenceAdminTestsOnPostgres(IsolatedPostgresApp app) : InstrumentLicenceAdminTests(app), IClassFixture<IsolatedPostgresApp>;
