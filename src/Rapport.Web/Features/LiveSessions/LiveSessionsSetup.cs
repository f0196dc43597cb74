using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.SignalR;
using Rapport.Web.Features.Accounts;
using StackExchange.Redis;

namespace Rapport.Web.Features.LiveSessions;

public static class LiveSessionsSetup
{
    /// <summary>The hub's largest message: an SDP of 12 KB plus its framing. Anything bigger closes that connection only.</summary>
    public const int MaxMessageBytes = 16 * 1024;

    public static void AddLiveSessions(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<LiveSessionService>();
        builder.Services.AddSingleton<IceServers>();
        builder.Services.AddSingleton<LiveHubGuard>();
        var signalr = builder.Services.AddSignalR(o =>
        {
            o.MaximumReceiveMessageSize = MaxMessageBytes;
            o.EnableDetailedErrors = false;
            o.AddFilter<LiveHubGuard>();
        });
        // Several app instances: the backplane carries group messages, so a patient and a therapist on different instances meet.
        if (builder.Configuration["Redis:Configuration"] is { Length: > 0 } redis)
        {
            signalr.AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = RedisChannel.Literal("rapport-live"));
        }
    }

    public static void MapLiveSessions(this WebApplication app)
    {
        var baseUrl = app.Configuration["App:BaseUrl"];
        app.UseWhen(c => c.Request.Path.StartsWithSegments(LiveHub.Path), hub => hub.Use(async (context, next) =>
        {
            if (!HubOrigin.IsAllowed(context.Request, baseUrl))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }
            await next();
        }));
        app.MapHub<LiveHub>(LiveHub.Path);

        app.MapGet("/api/v1/live/{roomId}/ice-servers", IceServersAsync)
            .RequireAuthorization(Policies.ApiUser)
            .WithTags("Live sessions")
            .WithSummary("STUN and TURN servers for my live session, with TURN credentials that expire");
    }

    /// <summary>For programs with a bearer token; the call page gets the same list over its hub connection.</summary>
    private static async Task<Results<Ok<IReadOnlyList<IceServer>>, NotFound>> IceServersAsync(string roomId, HttpContext http,
        LiveSessionService live, IceServers ice, CancellationToken ct)
    {
        var caller = new Caller(http.User.UserId(), http.Connection.RemoteIpAddress?.ToString());
        try
        {
            await live.RoomAsync(roomId, caller, ct);
            return TypedResults.Ok(ice.For(caller.UserId));
        }
        catch (NotFoundException)
        {
            return TypedResults.NotFound();
        }
    }
}
