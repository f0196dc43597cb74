using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Rapport.IntegrationTests.Infrastructure;

/// <summary>
/// Counts the SQL commands the app sends within a measured block on this async flow, or while it serves one request
/// (<see cref="GetAsync"/>: the request carries a token in a header, since the test server does not run it on the
/// test's async flow).
/// </summary>
public sealed partial class SqlCommandCounter : DbCommandInterceptor
{
    public const string Header = "X-Test-Sql-Capture";

    private static readonly AsyncLocal<StrongBox> Current = new();
    private static readonly ConcurrentDictionary<string, StrongBox> Requests = new();

    private sealed class StrongBox
    {
        public int Count;
        public ConcurrentQueue<string> Texts { get; } = new();
    }

    /// <summary>What one request sent to the database, in order.</summary>
    public sealed record Capture(HttpStatusCode Status, IReadOnlyList<string> Commands)
    {
        /// <summary>"INSERT AuditEvents", "UPDATE TreatmentCourses": every row-changing statement and its table.</summary>
        public IReadOnlyList<string> Writes => [.. Commands.SelectMany(c => WriteStatement().Matches(c))
            .Select(m => $"{m.Groups["verb"].Value.ToUpperInvariant()} {m.Groups["table"].Value}")];

        /// <summary>Writes to anything but the audit log (AuditEvents and any other Audit* table).</summary>
        public IReadOnlyList<string> WritesOutsideAudit => [.. Writes.Where(w => !w.Split(' ')[1].StartsWith("Audit", StringComparison.Ordinal))];

        /// <summary>
        /// Commands that do not touch an audit table, nor refill the clinic's crisis lines: what the page itself costs. The
        /// crisis lines are read once a minute for every page of the instance (Safety/ClinicCrisisLines.cs), so whichever
        /// request comes first after the copy expires pays one read, whatever page it is.
        /// </summary>
        public int PageCommands => Commands.Count(c => !AuditTable().IsMatch(c) && !CrisisLinesRefill().IsMatch(c));
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

    /// <summary>GETs <paramref name="url"/> with <paramref name="http"/> and returns the commands sent while serving it.</summary>
    public static async Task<Capture> GetAsync(HttpClient http, string url)
    {
        ArgumentNullException.ThrowIfNull(http);
        var token = Guid.NewGuid().ToString("N");
        var box = new StrongBox();
        Requests[token] = box;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Add(Header, token);
            using var response = await http.SendAsync(request);
            await response.Content.ReadAsStringAsync();
            return new Capture(response.StatusCode, [.. box.Texts]);
        }
        finally
        {
            Requests.TryRemove(token, out _);
        }
    }

    /// <summary>Puts a request that carries a known token on its own counting flow, before anything else runs.</summary>
    public sealed class RequestCapture : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, proceed) =>
            {
                if (context.Request.Headers[Header].FirstOrDefault() is { } token && Requests.TryGetValue(token, out var box))
                {
                    Current.Value = box;
                }
                await proceed();
            });
            next(app);
        };
    }

    [GeneratedRegex(@"\b(?<verb>INSERT)\s+INTO\s+""?(?<table>\w+)|\b(?<verb>DELETE)\s+FROM\s+""?(?<table>\w+)|\b(?<verb>UPDATE)\s+""?(?<table>\w+)""?\s+SET\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex WriteStatement();

    [GeneratedRegex(@"""?\bAudit\w*""?\s", RegexOptions.IgnoreCase)]
    private static partial Regex AuditTable();

    [GeneratedRegex(@"^SELECT\b[^;]*\bFROM\s+""CrisisResources""\s+AS\s+""?c""?\s*$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex CrisisLinesRefill();

    private static void Seen(DbCommand command)
    {
        if (Current.Value is { } box)
        {
            Interlocked.Increment(ref box.Count);
            box.Texts.Enqueue(command.CommandText);
        }
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Seen(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Seen(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Seen(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Seen(command);
        return base.ReaderExecuting(command, eventData, result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Seen(command);
        return base.NonQueryExecuting(command, eventData, result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Seen(command);
        return base.ScalarExecuting(command, eventData, result);
    }
}
