using Microsoft.AspNetCore.SignalR;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.LiveSessions;

/// <summary>
/// A token bucket per connection: <see cref="Capacity"/> messages at once, refilled at <see cref="PerSecond"/> a second.
/// A call needs a few messages a second at its busiest (candidates while connecting); a flood is refused.
/// </summary>
public sealed class MessageBudget(TimeProvider clock)
{
    public const int Capacity = 40;
    public const int PerSecond = 20;

    private readonly Lock _gate = new();
    private double _tokens = Capacity;
    private long _last = clock.GetTimestamp();

    public bool TryTake()
    {
        lock (_gate)
        {
            var now = clock.GetTimestamp();
            _tokens = Math.Min(Capacity, _tokens + (clock.GetElapsedTime(_last, now).TotalSeconds * PerSecond));
            _last = now;
            if (_tokens < 1)
            {
                return false;
            }
            _tokens--;
            return true;
        }
    }
}

/// <summary>
/// Runs around every hub call: refuses a connection's messages beyond its <see cref="MessageBudget"/> (audited once per
/// connection), and turns "not yours" and broken rules into hub errors with generic or plain-word messages, so a
/// refusal never closes the connection and never tells a stranger whether a room exists.
/// </summary>
public sealed class LiveHubGuard(TimeProvider clock, AuditWriter audit) : IHubFilter
{
    private const string BudgetKey = "budget";
    private const string FloodAuditedKey = "flood-audited";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var items = invocation.Context.Items;
        if (items[BudgetKey] is not MessageBudget budget)
        {
            budget = new MessageBudget(clock);
            items[BudgetKey] = budget;
        }
        if (!budget.TryTake())
        {
            if (!items.ContainsKey(FloodAuditedKey))
            {
                items[FloodAuditedKey] = true;
                await audit.WriteAsync(new AuditEntry(AuditAction.LiveSessionRefused, AuditOutcome.Denied,
                    Guid.TryParse(invocation.Context.UserIdentifier, out var id) ? id : null, null, "live-session",
                    invocation.Context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString(), "too many messages"));
            }
            throw new HubException("Too many messages. Please slow down.");
        }
        try
        {
            return await next(invocation);
        }
        catch (NotFoundException)
        {
            throw new HubException(LiveHub.NoRoom);
        }
        catch (RuleViolationException e)
        {
            throw new HubException(e.Message);
        }
    }
}

/// <summary>
/// Refuses hub requests from another site's page (cross-site WebSocket hijacking): the negotiate request and the
/// WebSocket handshake must carry an Origin equal to <c>App:BaseUrl</c>'s or this request's own; any other request
/// that carries one must match too. Browsers always send Origin on those two requests.
/// </summary>
public static class HubOrigin
{
    /// <summary>Answers 403 to a request to the hub at <paramref name="path"/> from another site's page.</summary>
    public static void UseHubOriginCheck(this IApplicationBuilder app, PathString path, string? baseUrl) =>
        app.UseWhen(c => c.Request.Path.StartsWithSegments(path), hub => hub.Use(async (context, next) =>
        {
            if (!IsAllowed(context.Request, baseUrl))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }
            await next();
        }));

    public static bool IsAllowed(HttpRequest request, string? baseUrl)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            var mustCarryOrigin = request.HttpContext.WebSockets.IsWebSocketRequest || request.Path.Value?.EndsWith("/negotiate", StringComparison.Ordinal) == true;
            return !mustCarryOrigin;
        }
        var own = $"{request.Scheme}://{request.Host}";
        return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase)
            || (Uri.TryCreate(baseUrl, UriKind.Absolute, out var configured)
                && string.Equals(origin, configured.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase));
    }
}
