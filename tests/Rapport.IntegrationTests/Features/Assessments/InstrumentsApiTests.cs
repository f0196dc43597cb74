using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;

namespace Rapport.IntegrationTests.Features.Assessments;

public abstract class InstrumentsApiTests(RapportApp app)
{
    [Fact]
    public async Task ThePublicInstrumentsAreListedAndTheUnlicensedOnesAreNot()
    {
        using var api = await app.ApiAsync(await app.CreateAccountAsync(Roles.Patient));

        var list = await api.Http.GetFromJsonAsync<JsonElement>("/api/v1/instruments");
        var ids = list.EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();

        Assert.Contains(InstrumentCatalog.Phq9, ids);
        Assert.Contains(InstrumentCatalog.Gad7, ids);
        Assert.Contains(InstrumentCatalog.Wsas, ids);
        Assert.Contains(InstrumentCatalog.HamD17, ids);
        Assert.DoesNotContain(InstrumentCatalog.CssrsElectronic, ids);
        Assert.DoesNotContain(InstrumentCatalog.SasSr, ids);
        Assert.DoesNotContain(InstrumentCatalog.Bdi, ids);
        var wsas = list.EnumerateArray().Single(i => i.GetProperty("id").GetString() == InstrumentCatalog.Wsas);
        Assert.Equal("FreeWithPermission", wsas.GetProperty("licence").GetString());
        Assert.Contains("Marks", wsas.GetProperty("attribution").GetString(), StringComparison.Ordinal);
        Assert.Equal(40, wsas.GetProperty("maxTotal").GetInt32());
    }

    [Fact]
    public async Task Phq9ComesWithItsTenItemsTheirOptionsAndCodes()
    {
        using var api = await app.ApiAsync(await app.CreateAccountAsync(Roles.Patient));

        var phq9 = await api.Http.GetFromJsonAsync<JsonElement>("/api/v1/instruments/phq-9");
        var items = phq9.GetProperty("items").EnumerateArray().ToList();

        Assert.Equal(10, items.Count);
        Assert.All(items, i => Assert.Equal(4, i.GetProperty("options").GetArrayLength()));
        Assert.Equal("Nearly every day", items[0].GetProperty("options")[3].GetProperty("label").GetString());
        Assert.Equal("44260-8", items[8].GetProperty("loinc").GetString());
        Assert.False(items[9].GetProperty("scored").GetBoolean());
        Assert.Equal("44261-6", phq9.GetProperty("totalLoinc").GetString());
        Assert.Equal(27, phq9.GetProperty("maxTotal").GetInt32());
        Assert.Equal([9], phq9.GetProperty("criticalItems").EnumerateArray().Select(c => c.GetInt32()));
        Assert.Equal("the last 2 weeks", phq9.GetProperty("recallPeriod").GetString());
        Assert.Equal(5, phq9.GetProperty("bands").GetArrayLength());
    }

    [Fact]
    public async Task AnUnknownInstrumentIsNotFound()
    {
        using var api = await app.ApiAsync(await app.CreateAccountAsync(Roles.Therapist));

        var response = await api.Http.GetAsync("/api/v1/instruments/phq-99");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(InstrumentCatalog.Bdi)]
    [InlineData(InstrumentCatalog.SasSr)]
    public async Task ARestrictedInstrumentWithoutALicenceIsRefusedWithTheRule(string id)
    {
        using var api = await app.ApiAsync(await app.CreateAccountAsync(Roles.Patient));

        var response = await api.Http.GetAsync($"/api/v1/instruments/{id}");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(AssessmentRules.LicenceRequired, problem.GetProperty("rule").GetString());
    }

    [Fact]
    public async Task InstrumentsAreForSignedInPeopleOnly()
    {
        using var anonymous = app.NewClient();

        var response = await anonymous.Http.GetAsync("/api/v1/instruments");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

public sealed class InstrumentsApiTestsOnSqlite(SqliteApp app) : InstrumentsApiTests(app);

public sealed class InstrumentsApiTestsOnPostgres(PostgresApp app) : InstrumentsApiTests(app);
