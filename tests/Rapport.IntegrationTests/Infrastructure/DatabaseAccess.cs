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
}
