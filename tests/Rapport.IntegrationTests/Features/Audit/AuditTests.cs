using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.IntegrationTests.Features.Audit;

public abstract class AuditTests(RapportApp app)
{
    [Fact]
    public async Task TheDatabaseRefusesToEditOrDeleteAuditRows()
    {
        await app.Services.GetRequiredService<AuditWriter>().WriteAsync(new AuditEntry("test.row"));
        var postgres = app.Provider == DataSetup.Postgres;

        var update = await Record.ExceptionAsync(() => app.QueryAsync(db => postgres
            ? db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEvents\" SET \"Detail\" = 'edited'")
            : db.Database.ExecuteSqlRawAsync("UPDATE AuditEvents SET Detail = 'edited'")));
        var delete = await Record.ExceptionAsync(() => app.QueryAsync(db => postgres
            ? db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEvents\"")
            : db.Database.ExecuteSqlRawAsync("DELETE FROM AuditEvents")));

        Assert.Contains("append-only", update?.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete?.Message, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Detail == "edited")));
    }

    [Fact]
    public async Task ConcurrentWritersKeepOneUnbrokenChain()
    {
        var writer = app.Services.GetRequiredService<AuditWriter>();

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => writer.WriteAsync(new AuditEntry("test.concurrent", Detail: $"writer {i}"))));
        var report = await writer.VerifyAsync();

        Assert.True(report.Intact, report.Reason);
        Assert.True(report.RowsChecked >= 40);
    }

    [Fact]
    public async Task AnAdminFiltersTheAuditLogAndVerifiesTheChain()
    {
        var admin = await app.CreateAccountAsync(Roles.Admin);
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using (var p = app.NewClient())
        {
            await p.SignInAsync(patient);
        }
        using var browser = app.NewClient();
        await browser.SignInAsync(admin);

        var filtered = await browser.GetAsync($"/admin/audit?Action={AuditAction.SignIn}&Email={Uri.EscapeDataString(patient.Email)}");
        var verified = await browser.PostFormAsync("/admin/audit", new Dictionary<string, string>(), "/admin/audit?handler=Verify");

        Assert.Contains(patient.Email, filtered.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(AuditAction.SignOut, filtered.Html.Split("<tbody>")[1], StringComparison.Ordinal);
        Assert.Contains("The chain is intact", verified.Text, StringComparison.Ordinal);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.UserId == admin.Id && e.Action == AuditAction.ReadAuditLog)));
    }

    [Fact]
    public async Task AnAdminVerifiesTheChainThroughTheApi()
    {
        var admin = await app.CreateAccountAsync(Roles.Admin);
        using var api = app.NewClient();
        await api.ApiTokenAsync(admin);

        var report = await api.Http.GetFromJsonAsync<JsonElement>("/api/v1/admin/audit/verify");

        Assert.True(report.GetProperty("intact").GetBoolean());
        Assert.True(report.GetProperty("rowsChecked").GetInt64() > 0);
    }

    [Fact]
    public async Task GrantingTheAdminRoleIsAudited()
    {
        var admin = await app.CreateAccountAsync(Roles.Admin);
        var therapist = await app.CreateAccountAsync(Roles.Therapist);
        using var browser = app.NewClient();
        await browser.SignInAsync(admin);

        var page = await browser.PostFormAsync("/admin/users", new Dictionary<string, string>(), $"/admin/users?handler=AdminRole&id={therapist.Id}&grant=true");

        Assert.Contains("is now an admin", page.Text, StringComparison.Ordinal);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e =>
            e.UserId == admin.Id && e.Action == AuditAction.RoleGranted && e.Subject == therapist.Id.ToString())));
    }
}

public sealed class AuditTestsOnSqlite(SqliteApp app) : AuditTests(app);

public sealed class AuditTestsOnPostgres(PostgresApp app) : AuditTests(app);
