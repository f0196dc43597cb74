using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Rapport.Web.Data;

/// <summary>
/// A query compiled once (<c>EF.CompileAsyncQuery</c>) for the pages every patient opens: translating the expression
/// again on each request costs more than running it on the embedded database (docs/performance.md). A compiled query
/// belongs to the model it was first run with, so there is one per model: one per process in production, one per app
/// and database in the tests.
/// </summary>
public sealed class CompiledQuery<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> compiled = [];

    public TQuery For(DbContext db) => compiled.GetValue(db.Model, _ => compile());
}
