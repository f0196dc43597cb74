using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.LiveSessions;

namespace Rapport.IntegrationTests.Features.LiveSessions;

/// <summary>/hubs/live: who may connect, the waiting room, relaying only after admission, and refusals that leave the call alone.</summary>
public abstract class LiveHubTests(RapportApp app)
{
    private sealed record Scene(Participant Therapist, Participant Patient, Guid AppointmentId, string RoomId) : IDisposable
    {
        public void Dispose()
        {
            Therapist.Dispose();
            Patient.Dispose();
        }
    }

    private async Task<Scene> SceneAsync()
    {
        var therapist = await app.CreatePracticeTherapistAsync(p => p.Change(50, 10, 0, 120, 24));
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var appointment = await app.BookSoonAsync(patient, therapist);
        var t = await app.SignedInAsync(therapist);
        var p = await app.SignedInAsync(patient);
        return new Scene(t, p, appointment.Id, await p.JoinAsync(appointment.Id));
    }

    /// <summary>Both connected, the patient admitted: a call in progress.</summary>
    private async Task<(HubConnection Therapist, Inbox TherapistInbox, HubConnection Patient, Inbox PatientInbox)> CallAsync(Scene scene)
    {
        var t = await app.ConnectAsync(scene.Therapist);
        var tIn = new Inbox(t);
        var p = await app.ConnectAsync(scene.Patient);
        var pIn = new Inbox(p);
        await t.InvokeAsync<RoomState>("JoinRoom", scene.RoomId);
        await p.InvokeAsync<RoomState>("JoinRoom", scene.RoomId);
        await t.InvokeAsync("Admit", scene.RoomId);
        await pIn.NextStateAsync("admitted");
        return (t, tIn, p, pIn);
    }

    private Task<bool> AuditedAsync(Guid userId, string action, string? detail = null) =>
        app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == action && e.UserId == userId && (detail == null || e.Detail == detail)));

    [Fact]
    public async Task ThePatientWaitsAndTheTherapistSeesThemWaiting()
    {
        using var scene = await SceneAsync();
        await using var t = await app.ConnectAsync(scene.Therapist);
        var therapistInbox = new Inbox(t);
        Assert.Equal("absent", (await t.InvokeAsync<RoomState>("JoinRoom", scene.RoomId)).Patient);
        await using var p = await app.ConnectAsync(scene.Patient);

        var patientState = await p.InvokeAsync<RoomState>("JoinRoom", scene.RoomId);

        Assert.Equal("waiting", patientState.Patient);
        Assert.Equal("patient", patientState.You);
        await therapistInbox.NextStateAsync("waiting");
        var page = await scene.Therapist.Browser.GetAsync($"/live/{scene.RoomId}");
        Assert.Contains("is waiting to be let in", page.Words, StringComparison.Ordinal);
        Assert.True(await AuditedAsync(scene.Patient.Account.Id, AuditAction.LiveSessionJoined, "patient"));
    }

    [Fact]
    public async Task OnceAdmittedOffersAnswersCandidatesAndChatPassBetweenTheTwo()
    {
        using var scene = await SceneAsync();
        var (t, tIn, p, pIn) = await CallAsync(scene);
        await using var _ = t;
        await using var __ = p;

        await t.InvokeAsync("Offer", scene.RoomId, LiveCall.Sdp, true);
        var offer = await pIn.NextAsync("Offer");
        await p.InvokeAsync("Answer", scene.RoomId, LiveCall.Sdp);
        await tIn.NextAsync("Answer");
        await p.InvokeAsync("Candidate", scene.RoomId, new IceCandidate("candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host", "0", 0));
        var candidate = (IceCandidate)(await tIn.NextAsync("Candidate"))[0]!;
        await t.InvokeAsync("Chat", scene.RoomId, "Can you hear me?");
        var chat = await pIn.NextAsync("Chat");

        Assert.Equal(LiveCall.Sdp, offer[0]);
        Assert.Equal(true, offer[1]);
        Assert.Equal("0", candidate.SdpMid);
        Assert.Equal(["Can you hear me?", "therapist"], chat);
        Assert.True(await AuditedAsync(scene.Therapist.Account.Id, AuditAction.LiveSessionAdmitted));
        // Nothing said in the call, and not its address, reaches the logs.
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains("Can you hear me?", StringComparison.Ordinal)
            || l.Contains(scene.RoomId, StringComparison.Ordinal) || l.Contains("typ host", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ArrivingFirstNeverBypassesTheWaitingRoom()
    {
        using var scene = await SceneAsync();
        await using var p = await app.ConnectAsync(scene.Patient);
        await p.InvokeAsync<RoomState>("JoinRoom", scene.RoomId);
        await using var t = await app.ConnectAsync(scene.Therapist);
        var tIn = new Inbox(t);
        var pIn = new Inbox(p);
        await t.InvokeAsync<RoomState>("JoinRoom", scene.RoomId);

        await Assert.ThrowsAsync<HubException>(() => p.InvokeAsync("Answer", scene.RoomId, LiveCall.Sdp));
        await Assert.ThrowsAsync<HubException>(() => p.InvokeAsync("Chat", scene.RoomId, "hello?"));
        await Assert.ThrowsAsync<HubException>(() => p.InvokeAsync("Candidate", scene.RoomId, new IceCandidate("candidate:1", "0", 0)));
        await Assert.ThrowsAsync<HubException>(() => t.InvokeAsync("Offer", scene.RoomId, LiveCall.Sdp, true));
        var admit = await Assert.ThrowsAsync<HubException>(() => p.InvokeAsync("Admit", scene.RoomId));

        Assert.Contains("Only the therapist can let someone in.", admit.Message, StringComparison.Ordinal);
        Assert.True(await tIn.NothingOfAsync("Answer"));
        Assert.True(await pIn.NothingOfAsync("Offer"));
        Assert.True(await app.QueryAsync(db => db.LiveSessions.AnyAsync(s => s.RoomId == scene.RoomId && s.AdmittedAt == null)));
    }

    [Fact]
    public async Task SendingThePatientBackStopsTheRelay()
    {
        using var scene = await SceneAsync();
        var (t, _, p, pIn) = await CallAsync(scene);
        await using var __ = t;
        await using var ___ = p;

        await t.InvokeAsync("SendBack", scene.RoomId);

        Assert.Equal("sent-back", (await pIn.NextStateAsync("sent-back")).Patient);
        await Assert.ThrowsAsync<HubException>(() => t.InvokeAsync("Offer", scene.RoomId, LiveCall.Sdp, true));
        Assert.True(await AuditedAsync(scene.Therapist.Account.Id, AuditAction.LiveSessionSentBack));
        // Waiting again puts them back in the waiting room, not in the call.
        Assert.Equal("waiting", (await p.InvokeAsync<RoomState>("JoinRoom", scene.RoomId)).Patient);
    }

    [Fact]
    public async Task TheTherapistCanAdmitWithoutTheScriptThroughThePageForm()
    {
        using var scene = await SceneAsync();
        await using var p = await app.ConnectAsync(scene.Patient);
        var pIn = new Inbox(p);
        await p.InvokeAsync<RoomState>("JoinRoom", scene.RoomId);

        var page = await scene.Therapist.Browser.PostFormAsync($"/live/{scene.RoomId}", new Dictionary<string, string>(),
            $"/live/{scene.RoomId}?handler=Admit");

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        await pIn.NextStateAsync("admitted");
    }

    [Fact]
    public async Task AnAdmittedPatientWhoComesBackIsInTheCallWithoutASecondAdmission()
    {
        using var scene = await SceneAsync();
        var (t, tIn, p, _) = await CallAsync(scene);
        await using var __ = t;
        await p.DisposeAsync(); // a refresh, or a dropped link

        await using var again = await app.ConnectAsync(scene.Patient);
        var state = await again.InvokeAsync<RoomState>("JoinRoom", scene.RoomId);

        Assert.Equal("admitted", state.Patient);
        await tIn.NextAsync("PeerLeft");
        await tIn.NextAsync("PeerJoined");
        Assert.True(await AuditedAsync(scene.Patient.Account.Id, AuditAction.LiveSessionLeft, "patient disconnected"));
    }

    [Fact]
    public async Task AnAnonymousConnectionIsRefusedWith401NotARedirect()
    {
        using var http = app.CreateDefaultClient(LiveCall.Site);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{LiveHub.Path}/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", LiveCall.Origin);

        var negotiate = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);
        await Assert.ThrowsAnyAsync<Exception>(() => app.ConnectAsync(cookie: null));
    }

    [Fact]
    public async Task AConnectionFromAForeignOriginIsRefused()
    {
        using var scene = await SceneAsync();
        using var http = app.CreateDefaultClient(LiveCall.Site);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{LiveHub.Path}/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", "https://evil.example");
        request.Headers.Add("Cookie", scene.Patient.Cookie);

        var negotiate = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, negotiate.StatusCode);
        await Assert.ThrowsAnyAsync<Exception>(() => app.ConnectAsync(scene.Patient.Cookie, "https://evil.example"));
    }

    [Fact]
    public async Task AnotherPatientCannotEnterTheRoomOverTheHub()
    {
        using var scene = await SceneAsync();
        var stranger = await app.CreateAccountAsync(Roles.Patient);
        using var s = await app.SignedInAsync(stranger);
        await using var connection = await app.ConnectAsync(s);

        var refused = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<RoomState>("JoinRoom", scene.RoomId));
        await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync("Chat", scene.RoomId, "hello"));

        Assert.Contains(LiveHub.NoRoom, refused.Message, StringComparison.Ordinal);
        Assert.True(await AuditedAsync(stranger.Id, AuditAction.LiveSessionRefused, "another's room"));
        // The connection itself stays usable: a refusal is an answer, not a hang-up.
        Assert.Equal(HubConnectionState.Connected, connection.State);
    }

    [Theory]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("../../etc/passwd")]
    public async Task AForgedRoomIdIsRefusedOverTheHub(string forged)
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var p = await app.SignedInAsync(patient);
        await using var connection = await app.ConnectAsync(p);

        var refused = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<RoomState>("JoinRoom", forged));

        Assert.Contains(LiveHub.NoRoom, refused.Message, StringComparison.Ordinal);
        Assert.True(await AuditedAsync(patient.Id, AuditAction.LiveSessionRefused, "unknown room"));
    }

    [Fact]
    public async Task ATooLargeDescriptionIsRefusedAndTheCallGoesOn()
    {
        using var scene = await SceneAsync();
        var (t, _, p, pIn) = await CallAsync(scene);
        await using var __ = t;
        await using var ___ = p;

        var refused = await Assert.ThrowsAsync<HubException>(() => t.InvokeAsync("Offer", scene.RoomId, LiveCall.Sdp + new string('a', 13 * 1024), true));
        await t.InvokeAsync("Offer", scene.RoomId, LiveCall.Sdp, true);

        Assert.Contains(LiveHub.Refused, refused.Message, StringComparison.Ordinal);
        Assert.Equal(LiveCall.Sdp, (await pIn.NextAsync("Offer"))[0]);
        Assert.True(await AuditedAsync(scene.Therapist.Account.Id, AuditAction.LiveSessionRefused, "malformed offer"));
    }

    [Fact]
    public async Task MalformedMessagesAreRefusedWithoutClosingTheConnection()
    {
        using var scene = await SceneAsync();
        var (t, tIn, p, _) = await CallAsync(scene);
        await using var __ = t;
        await using var ___ = p;

        await Assert.ThrowsAsync<HubException>(() => p.InvokeAsync("Answer", scene.RoomId, "not a session description"));
        await Assert.ThrowsAsync<HubException>(() => p.InvokeAsync("Candidate", scene.RoomId, new IceCandidate(new string('c', 2000), "0", 0)));
        await Assert.ThrowsAsync<HubException>(() => p.InvokeAsync("Chat", scene.RoomId, new string('x', LiveHub.MaxChatChars + 1)));
        await Assert.ThrowsAsync<HubException>(() => p.InvokeAsync("ReportMode", scene.RoomId, "4k"));
        await Assert.ThrowsAsync<HubException>(() => p.InvokeAsync("Answer", scene.RoomId, 42, "extra"));
        await p.InvokeAsync("Chat", scene.RoomId, "still here");

        Assert.Equal(["still here", "patient"], await tIn.NextAsync("Chat"));
        Assert.True(await tIn.NothingOfAsync("Answer"));
    }

    [Fact]
    public async Task AMessageOverTheSizeLimitClosesOnlyTheSendersConnection()
    {
        using var scene = await SceneAsync();
        var (t, tIn, p, _) = await CallAsync(scene);
        await using var __ = t;
        var closed = new TaskCompletionSource();
        p.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };

        _ = p.SendAsync("Chat", scene.RoomId, new string('x', 20 * 1024));
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await p.DisposeAsync();

        Assert.Equal(HubConnectionState.Connected, t.State);
        Assert.NotEmpty(await t.InvokeAsync<IReadOnlyList<IceServer>>("IceServers", scene.RoomId));
        await using var again = await app.ConnectAsync(scene.Patient);
        Assert.Equal("admitted", (await again.InvokeAsync<RoomState>("JoinRoom", scene.RoomId)).Patient);
        await tIn.NextAsync("PeerJoined");
    }

    [Fact]
    public async Task FloodingTheHubIsRefusedAndAuditedOnce()
    {
        using var scene = await SceneAsync();
        await using var p = await app.ConnectAsync(scene.Patient);
        await p.InvokeAsync<RoomState>("JoinRoom", scene.RoomId);

        // Far past the bucket (40 at once, 20 a second): on a loaded machine 120 calls could take long enough to be refilled.
        var answers = await Task.WhenAll(Enumerable.Range(0, 400).Select(async _ =>
        {
            try
            {
                await p.InvokeAsync("ReportMode", scene.RoomId, "video");
                return "ok";
            }
            catch (HubException e)
            {
                return e.Message;
            }
        }));

        Assert.Contains(answers, a => a.Contains("Too many messages", StringComparison.Ordinal));
        Assert.Equal(HubConnectionState.Connected, p.State);
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditAction.LiveSessionRefused
            && e.UserId == scene.Patient.Account.Id && e.Detail == "too many messages")));
    }

    [Fact]
    public async Task ModeChangesAreRecordedAndShownToTheOtherSide()
    {
        using var scene = await SceneAsync();
        var (t, tIn, p, _) = await CallAsync(scene);
        await using var __ = t;
        await using var ___ = p;

        await p.InvokeAsync("ReportMode", scene.RoomId, "audio-only");

        Assert.Equal("audio-only", (await tIn.NextAsync("RoomChanged", a => ((RoomState)a[0]!).PatientMode == "audio-only")).Cast<RoomState>().Single().PatientMode);
        Assert.True(await AuditedAsync(scene.Patient.Account.Id, AuditAction.LiveSessionModeChanged, "patient audio-only"));
        Assert.Equal(CallMode.AudioOnly, await app.QueryAsync(db => db.LiveSessions.Where(s => s.RoomId == scene.RoomId).Select(s => s.PatientMode).SingleAsync()));
    }

    [Fact]
    public async Task TurnCredentialsAreSignedWithTheSharedSecretAndExpireAfterTenMinutes()
    {
        using var scene = await SceneAsync();
        await using var p = await app.ConnectAsync(scene.Patient);
        var before = app.Clock.GetUtcNow();

        var servers = await p.InvokeAsync<IReadOnlyList<IceServer>>("IceServers", scene.RoomId);

        var turn = Assert.Single(servers, s => s.Username is not null);
        Assert.Contains("turns:turn.rapport.test:443?transport=tcp", turn.Urls);
        Assert.Contains(servers, s => s.Urls.Contains("stun:turn.rapport.test:3478") && s.Credential is null);
        var parts = turn.Username!.Split(':');
        Assert.Equal(scene.Patient.Account.Id.ToString(), parts[1]);
        var expiry = DateTimeOffset.FromUnixTimeSeconds(long.Parse(parts[0], CultureInfo.InvariantCulture));
        Assert.InRange(expiry, before.AddMinutes(10).AddSeconds(-2), app.Clock.GetUtcNow().AddMinutes(10).AddSeconds(1));
#pragma warning disable CA5350 // the TURN REST scheme's MAC, recomputed as coturn would
        var expected = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(RapportApp.TurnSecret), Encoding.UTF8.GetBytes(turn.Username)));
#pragma warning restore CA5350
        Assert.Equal(expected, turn.Credential);
        Assert.DoesNotContain(RapportApp.TurnSecret, string.Join(" ", servers.Select(s => s.Credential)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheIceServerApiNeedsABearerTokenAndTheCallersOwnRoom()
    {
        using var scene = await SceneAsync();
        var stranger = await app.CreateAccountAsync(Roles.Patient);
        using var api = app.NewClient();
        using var other = app.NewClient();
        await api.ApiTokenAsync(scene.Patient.Account);
        await other.ApiTokenAsync(stranger);

        var mine = await api.Http.GetAsync($"/api/v1/live/{scene.RoomId}/ice-servers");
        var theirs = await other.Http.GetAsync($"/api/v1/live/{scene.RoomId}/ice-servers");
        var byCookie = await scene.Patient.Browser.Http.GetAsync($"/api/v1/live/{scene.RoomId}/ice-servers");

        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Contains(await mine.Content.ReadFromJsonAsync<IceServer[]>() ?? [], s => s.Username is not null);
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, byCookie.StatusCode);
    }
}

public sealed class LiveHubTestsOnSqlite(SqliteApp app) : LiveHubTests(app);

public sealed class LiveHubTestsOnPostgres(PostgresApp app) : LiveHubTests(app);
