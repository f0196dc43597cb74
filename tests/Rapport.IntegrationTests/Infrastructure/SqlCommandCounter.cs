using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Rapport.IntegrationTests.Infrastructure;

/// <summary>Counts the SQL commands the app sends within a measured block on this async flow.</summary>
public sealed class SqlCommandCounter : DbCommandInterceptor
{
    private static readonly AsyncLocal<StrongBox> Current = new();

    private sealed class StrongBox
    {
        public int Count;
    }

    public static async Task<int> CountAsync(Func<Task> work)
    {
        var box = new StrongBox();
        Current.Value = box;
        try
        {
            await work();
        }
        finally
        {
            Current.Value = null!;
        }
        return box.Count;
    }

    private static void Seen()
    {
        if (Current.Value is { } box)
        {
            Interlocked.Increment(ref box.Count);
        }
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Seen();
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Seen();
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }
}
