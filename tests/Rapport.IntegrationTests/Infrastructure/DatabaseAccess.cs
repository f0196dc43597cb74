using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Web.Data;

namespace Rapport.IntegrationTests.Infrastructure;

public static class DatabaseAccess
{
    /// <summary>Reads the database directly, to check what was (or was not) stored.</summary>
    public static async Task<T> QueryAsync<T>(this RapportApp app, Func<AppDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>
    /// One text column of one row as the database holds it, read with plain SQL past EF's interceptors: what a copy
    /// of the database file would show. Table and column names are the test's own constants, never input.
    /// </summary>
    public static Task<string?> RawTextAsync(this RapportApp app, string table, string column, string keyColumn, Guid key)
    {
        var sql = string.Concat("SELECT \"", column, "\" AS \"Value\" FROM \"", table, "\" WHERE \"", keyColumn, "\" = {0}");
        return app.QueryAsync(db => db.Database.SqlQueryRaw<string?>(sql, key).SingleAsync());
    }
}
