using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Rapport.Web.Data;

/// <summary>
/// Clears something an instance keeps in memory when a save changes what it was made from: before the save, and again
/// once the save has ended. The second time matters: a request between the first clearing and the commit may have kept
/// the old state, and after the commit the entries no longer say what changed, so the save is remembered meanwhile.
/// </summary>
public abstract class ForgetOnSaveInterceptor : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, object> _touching = [];

    /// <summary>Whether this save changes what the memory was made from (asked before the save).</summary>
    protected abstract bool Touches(DbContext context);

    protected abstract void Forget();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Before(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Before(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        After(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        After(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => After(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        After(eventData.Context);
        return Task.CompletedTask;
    }

    private void Before(DbContext? context)
    {
        if (context is not null && Touches(context))
        {
            _touching.AddOrUpdate(context, this);
            Forget();
        }
    }

    private void After(DbContext? context)
    {
        if (context is not null && _touching.Remove(context))
        {
            Forget();
        }
    }
}
