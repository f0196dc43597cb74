using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;

namespace Rapport.IntegrationTests.Features.Assessments;

/// <summary>
/// Restricted instruments are offered only once the clinic records a licence (docs/clinical/measures.md#licences).
/// An app of its own: a licence recorded here would change what every other test is offered.
/// </summary>
public abstract class InstrumentLicenceTests(RapportApp app)
{
    /// <summary>A licence recorded <paramref name="daysAgo"/> days ago (one that has ended since was valid when recorded).</summary>
    private Task<int> RecordLicenceAsync(string instrumentId, DateOnly? validUntil = null, int daysAgo = 0) => app.QueryAsync(async db =>
    {
        db.InstrumentLicences.Add(InstrumentLicence.Record(InstrumentCatalog.Find(instrumentId)!, "Test clinic", "Permission letter 2026-17",
            validUntil, Guid.NewGuid(), app.Clock.GetUtcNow().AddDays(-daysAgo)));
        return await db.SaveChangesAsync();
    });

    private static async Task<List<string?>> OfferedAsync(Visitor api) =>
        [.. (await api.Http.GetFromJsonAsync<JsonElement>("/api/v1/instruments")).EnumerateArray().Select(i => i.GetProperty("id").GetString())];

    [Fact]
    public async Task EpdsIsOfferedAndAnswerableOnlyOnceTheClinicRecordsItsLicence()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var api = await app.ApiAsync(patient);
        int?[] answers = [1, 1, 1, 1, 1, 1, 1, 1, 1, 2];

        var listedBefore = await OfferedAsync(api);
        var formBefore = await api.Http.GetAsync("/api/v1/instruments/epds");
        var answerBefore = await api.AnswerAsync(InstrumentCatalog.Epds, answers);
        var storedBefore = await app.ResponsesOfAsync(patient.Id);
        await RecordLicenceAsync(InstrumentCatalog.Epds);
        var listedAfter = await OfferedAsync(api);
        var formAfter = await api.Http.GetFromJsonAsync<JsonElement>("/api/v1/instruments/epds");
        var answerAfter = await api.AnswerAsync(InstrumentCatalog.Epds, answers);
        var result = await answerAfter.Content.ReadFromJsonAsync<JsonElement>();

        Assert.DoesNotContain(InstrumentCatalog.Epds, listedBefore);
        Assert.Equal(HttpStatusCode.Conflict, formBefore.StatusCode);
        Assert.Equal(AssessmentRules.LicenceRequired, (await formBefore.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rule").GetString());
        Assert.Equal(HttpStatusCode.Conflict, answerBefore.StatusCode);
        Assert.Equal(0, storedBefore);
        Assert.Contains(InstrumentCatalog.Epds, listedAfter);
        Assert.Equal(10, formAfter.GetProperty("items").GetArrayLength());
        Assert.Equal(TestEpdsTexts.Item(10), formAfter.GetProperty("items")[9].GetProperty("text").GetString());
        Assert.Equal(TestEpdsTexts.Instructions, formAfter.GetProperty("instructions").GetString());
        Assert.Equal(HttpStatusCode.Created, answerAfter.StatusCode);
        // Items 1, 2 and 4 score as answered (1 each); the reverse-scored 3 and 5–9 score 2 each; item 10 ("Hardly ever") scores 1.
        Assert.Equal(1 + 1 + 2 + 1 + (5 * 2) + 1, result.GetProperty("total").GetInt32());
        Assert.Equal("Probable depression", result.GetProperty("band").GetString());
        Assert.Equal("Elevated", result.GetProperty("safety").GetProperty("riskLevel").GetString());
        Assert.True(await app.QueryAsync(db => db.SafetyAlerts.AnyAsync(a => a.PatientId == patient.Id && a.InstrumentId == InstrumentCatalog.Epds)));
    }

    [Fact]
    public async Task ALicenceForAFormRapportDoesNotShipStillOffersNothing()
    {
        await RecordLicenceAsync(InstrumentCatalog.CssrsElectronic);
        using var api = await app.ApiAsync(await app.CreateAccountAsync(Roles.Therapist));

        var listed = await OfferedAsync(api);
        var form = await api.Http.GetAsync("/api/v1/instruments/c-ssrs");

        Assert.DoesNotContain(InstrumentCatalog.CssrsElectronic, listed);
        Assert.Equal(HttpStatusCode.Conflict, form.StatusCode);
        Assert.Equal(AssessmentRules.ContentNotBundled, (await form.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rule").GetString());
    }

    [Fact]
    public async Task AnExpiredLicenceIsNoLicence()
    {
        await RecordLicenceAsync(InstrumentCatalog.SasSr, DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(-1), daysAgo: 30);
        using var api = await app.ApiAsync(await app.CreateAccountAsync(Roles.Patient));

        var form = await api.Http.GetAsync("/api/v1/instruments/sas-sr");

        Assert.Equal(AssessmentRules.LicenceRequired, (await form.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rule").GetString());
    }
}

public sealed class InstrumentLicenceTestsOnSqlite(IsolatedSqliteApp app) : InstrumentLicenceTests(app), IClassFixture<IsolatedSqliteApp>;

public sealed class InstrumentLicenceTestsOnPostgres(IsolatedPostgresApp app) : InstrumentLicenceTests(app), IClassFixture<IsolatedPostgresApp>;
