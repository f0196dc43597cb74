using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.SignalR;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using StackExchange.Redis;

namespace Rapport.Web.Features.LiveSessions;

public static class LiveSessionsSetup
{
    /// <summary>The hub's largest message: an SDP of 12 KB plus its framing. Anything bigger closes that connection only.</summary>
    public const int MaxMessageBytes = 16 * 1024;

    public static void AddLiveSessions(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<LiveSessionService>();
        builder.Services.AddScoped<Safety.IConfirmedLocations, ConfirmedLocations>();
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
        app.UseHubOriginCheck(LiveHub.Path, baseUrl);
        // One connection carries a whole session, so a row per connection would say little: LiveSessionService records
        // each call that joins, admits, sends back, changes mode, ends or leaves, naming the patient, and LiveHubGuard a
        // refused flood. Signalling and chat are passed between the two people and never stored.
        app.MapHub<LiveHub>(LiveHub.Path).WithoutAudit("the live session's hub: each call that changes the session is audited by "
            + "LiveSessionService and each refused flood by LiveHubGuard; signalling and chat are relayed, never stored");

        app.MapGet("/api/v1/live/{roomId}/ice-servers", IceServersAsync)
            .RequireAuthorization(Policies.ApiUser)
            .WithAudit(AuditAction.IceServersIssued)
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
            var room = await live.RoomAsync(roomId, caller, ct);
            http.NameAuditedPatient(room.Appointment.PatientId);
            return TypedResults.Ok(ice.For(caller.UserId));
        }
        catch (NotFoundException)
        {
            return TypedResults.NotFound();
        }
    }
}
