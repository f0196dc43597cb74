using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;

namespace Rapport.Web.Features.Booking;

/// <summary>
/// <c>Idempotency-Key</c> for API writes: the first request with a key does the work and its answer is
/// kept; a retry with the same key and body gets that answer again and changes nothing; the same key
/// with a different body is refused (422); a retry while the first is still running gets 409.
/// </summary>
public sealed class IdempotencyFilter(AppDbContext db, TimeProvider clock) : IEndpointFilter
{
    public const string Header = "Idempotency-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = http.Request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(key))
        {
            return await next(context);
        }
        if (key.Length > 100)
        {
            return TypedResults.Problem("Use an Idempotency-Key of at most 100 characters.", statusCode: StatusCodes.Status400BadRequest);
        }
        var userId = http.User.UserId();
        var hash = RequestHash(http, context.Arguments);
        var existing = await db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.UserId == userId && r.Key == key, http.RequestAborted);
        if (existing is not null)
        {
            return Replay(existing, hash);
        }

        var record = IdempotencyRecord.Start(userId, key, hash, clock.GetUtcNow());
        db.IdempotencyRecords.Add(record);
        try
        {
            await db.SaveChangesAsync(http.RequestAborted);
        }
        catch (DbUpdateException)
        {
            // A concurrent request with the same key claimed it first.
            db.ChangeTracker.Clear();
            var winner = await db.IdempotencyRecords.AsNoTracking().SingleAsync(r => r.UserId == userId && r.Key == key, http.RequestAborted);
            return Replay(winner, hash);
        }

        object? result;
        try
        {
            result = await next(context);
        }
        catch
        {
            // Nothing was done (the handler's transaction rolled back): free the key for a real retry.
            db.ChangeTracker.Clear();
            await db.IdempotencyRecords.Where(r => r.UserId == userId && r.Key == key).ExecuteDeleteAsync(CancellationToken.None);
            throw;
        }
        var (status, body) = Capture(result);
        db.ChangeTracker.Clear();
        db.IdempotencyRecords.Attach(record);
        record.Complete(status, body);
        await db.SaveChangesAsync(CancellationToken.None);
        return result;
    }

    private static IResult Replay(IdempotencyRecord record, string hash)
    {
        if (record.RequestHash != hash)
        {
            return TypedResults.Problem("This Idempotency-Key was already used for a different request.", statusCode: StatusCodes.Status422UnprocessableEntity);
        }
        if (!record.Completed)
        {
            return TypedResults.Problem("The first request with this Idempotency-Key is still being processed. Retry shortly.", statusCode: StatusCodes.Status409Conflict);
        }
        return new ReplayedResult(record.StatusCode!.Value, record.ResponseBody ?? "");
    }

    // What the caller sent: the endpoint's own arguments, never the services it is given, which may expose queries
    // (serialising one would read the database into the hash, and the hash would change with every new account).
    private static string RequestHash(HttpContext http, IList<object?> arguments)
    {
        var services = http.RequestServices.GetRequiredService<IServiceProviderIsService>();
        var body = JsonSerializer.Serialize(arguments.Where(a => a is not null && a is not HttpContext && a is not CancellationToken
            && !services.IsService(a.GetType()) && a.GetType().Namespace?.StartsWith("Rapport", StringComparison.Ordinal) == true));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{http.Request.Method} {http.Request.Path}\n{body}")));
    }

    private static (int Status, string Body) Capture(object? result) => result switch
    {
        IStatusCodeHttpResult { StatusCode: { } code } and IValueHttpResult { Value: var value } => (code, JsonSerializer.Serialize(value, JsonOptions)),
        IStatusCodeHttpResult { StatusCode: { } code } => (code, ""),
        _ => (StatusCodes.Status200OK, JsonSerializer.Serialize(result, JsonOptions)),
    };

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private sealed class ReplayedResult(int status, string body) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.Headers["Idempotent-Replayed"] = "true";
            if (body.Length > 0)
            {
                httpContext.Response.ContentType = status >= 400 ? "application/problem+json" : "application/json";
                await httpContext.Response.WriteAsync(body);
            }
        }
    }
}
