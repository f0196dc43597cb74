using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR.Client;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.LiveSessions;

namespace Rapport.IntegrationTests.Features.LiveSessions;

/// <summary>A signed-in person whose cookie can also open a hub connection, as their browser's script would.</summary>
public sealed record Participant(TestAccount Account, Visitor Browser, CookieContainer Jar) : IDisposable
{
    public string Cookie => Jar.GetCookieHeader(LiveCall.Site);

    public void Dispose() => Browser.Dispose();
}

/// <summary>What one hub connection has been sent, in order; tests wait for the next event of a kind.</summary>
public sealed class Inbox
{
    private readonly List<(string Name, object?[] Args, bool Taken)> _events = [];
    private readonly Lock _gate = new();

    public Inbox(HubConnection connection)
    {
        connection.On<RoomState>("RoomChanged", s => Put("RoomChanged", s));
        connection.On<string, bool>("Offer", (sdp, fresh) => Put("Offer", sdp, fresh));
        connection.On<string>("Answer", sdp => Put("Answer", sdp));
        connection.On<IceCandidate>("Candidate", c => Put("Candidate", c));
        connection.On<string, string>("Chat", (text, from) => Put("Chat", text, from));
        connection.On("PeerJoined", () => Put("PeerJoined"));
        connection.On("PeerLeft", () => Put("PeerLeft"));
    }

    private void Put(string name, params object?[] args)
    {
        lock (_gate)
        {
            _events.Add((name, args, false));
        }
    }

    /// <summary>The first event of that name (and shape) not yet taken, waiting up to 10 seconds.</summary>
    public async Task<object?[]> NextAsync(string name, Func<object?[], bool>? match = null)
    {
        for (var waited = 0; waited < 10_000; waited += 20)
        {
            lock (_gate)
            {
                var i = _events.FindIndex(e => !e.Taken && e.Name == name && (match?.Invoke(e.Args) ?? true));
                if (i >= 0)
                {
                    _events[i] = _events[i] with { Taken = true };
                    return _events[i].Args;
                }
            }
            await Task.Delay(20);
        }
        throw new TimeoutException($"No {name} arrived.");
    }

    public async Task<RoomState> NextStateAsync(string patient) =>
        (RoomState)(await NextAsync("RoomChanged", a => ((RoomState)a[0]!).Patient == patient))[0]!;

    /// <summary>True when nothing of that name arrived within half a second.</summary>
    public async Task<bool> NothingOfAsync(string name)
    {
        await Task.Delay(500);
        lock (_gate)
        {
            return !_events.Any(e => e.Name == name);
        }
    }
}

public static partial class LiveCall
{
    public static readonly Uri Site = new("https://rapport.test");
    public const string Origin = "https://rapport.test";
    /// <summary>A session description as browsers start theirs; the hub checks only its shape.</summary>
    public const string Sdp = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";

    public static async Task<Participant> SignedInAsync(this RapportApp app, TestAccount account)
    {
        var jar = new CookieContainer();
        var browser = new Visitor(app.CreateDefaultClient(Site, new CookieContainerHandler(jar)));
        await browser.SignInAsync(account);
        return new Participant(account, browser, jar);
    }

    /// <summary>Presses "Join" on the appointment and returns the room id the redirect leads to.</summary>
    public static async Task<string> JoinAsync(this Participant who, Guid appointmentId)
    {
        var page = await who.Browser.PostFormAsync($"/appointments/{appointmentId}/join", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        var match = RoomAddress().Match(page.Location ?? "");
        Assert.True(match.Success, $"Expected a room address, got {page.Location}");
        return match.Groups[1].Value;
    }

    /// <summary>A WebSocket hub connection through the test server, with this person's cookie and an Origin header.</summary>
    public static async Task<HubConnection> ConnectAsync(this RapportApp app, string? cookie, string origin = Origin)
    {
        var server = app.Server;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(Site, LiveHub.Path), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.HttpMessageHandlerFactory = _ => server.CreateHandler();
                o.Headers["Origin"] = origin;
                if (cookie is not null)
                {
                    o.Headers["Cookie"] = cookie;
                }
                o.WebSocketFactory = async (context, ct) =>
                {
                    var client = server.CreateWebSocketClient();
                    client.ConfigureRequest = r =>
                    {
                        r.Headers.Origin = origin;
                        if (cookie is not null)
                        {
                            r.Headers.Cookie = cookie;
                        }
                    };
                    return await client.ConnectAsync(context.Uri, ct);
                };
            })
            .Build();
        await connection.StartAsync();
        return connection;
    }

    public static Task<HubConnection> ConnectAsync(this RapportApp app, Participant who) => app.ConnectAsync(who.Cookie);

    [GeneratedRegex("^/live/([A-Za-z0-9_-]+)$")]
    private static partial Regex RoomAddress();
}
