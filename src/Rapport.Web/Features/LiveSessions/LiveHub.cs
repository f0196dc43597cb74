using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Rapport.Web.Features.Accounts;

namespace Rapport.Web.Features.LiveSessions;

/// <summary>What the hub sends to a browser in a room.</summary>
public interface ILiveClient
{
    /// <summary>The room's state changed (waiting, admitted, sent back, ended, a mode): redraw.</summary>
    Task RoomChanged(RoomState state);
    /// <summary>The patient came back into an admitted call (refresh, new link): the therapist starts a fresh connection.</summary>
    Task PeerJoined();
    Task PeerLeft();
    /// <summary><paramref name="fresh"/>: a new peer connection on the therapist's side, so the patient must start one too.</summary>
    Task Offer(string sdp, bool fresh);
    Task Answer(string sdp);
    Task Candidate(IceCandidate candidate);
    Task Chat(string text, string from);
}

/// <summary>One ICE candidate as the browser gives it (RTCIceCandidateInit).</summary>
public sealed record IceCandidate(string Candidate, string? SdpMid, int? SdpMLineIndex);

/// <summary>
/// Signalling for the live call. Every method re-checks the caller's right to the room in the database (its
/// appointment's patient or therapist, else "not available"), and media descriptions, candidates and chat pass
/// between the two only while the patient is admitted. Nothing said here is stored or logged; the audit
/// records who joined, was admitted, left, and how the call ended. <see cref="LiveHubGuard"/> limits the rate
/// and turns refusals into generic hub errors.
/// </summary>
[Authorize(Policy = Policies.PatientOrTherapist)]
public sealed class LiveHub(LiveSessionService live, IceServers ice) : Hub<ILiveClient>
{
    public const string Path = "/hubs/live";
    public const string NoRoom = "This room is not available.";
    public const string Refused = "That message was refused.";
    public const int MaxSdpChars = 12 * 1024;
    public const int MaxCandidateChars = 1024;
    public const int MaxChatChars = 1000;
    private const string RoomKey = "room";

    public static string GroupOf(string roomId, Side side) => $"live:{roomId}:{(side == Side.Patient ? "p" : "t")}";

    private Caller Caller => new(Guid.Parse(Context.UserIdentifier!), Context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString());

    private CancellationToken Aborted => Context.ConnectionAborted;

    /// <summary>Enters the room: a patient waits unless already admitted (a refresh needs no second admission).</summary>
    public async Task<RoomState> JoinRoom(string roomId)
    {
        var room = await live.ArriveAsync(roomId, Caller, Aborted);
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(room.RoomId, room.Side), Aborted);
        Context.Items[RoomKey] = room.RoomId;
        if (room.Side == Side.Patient && room.Session.IsPatientAdmitted)
        {
            await Clients.Group(GroupOf(room.RoomId, Side.Therapist)).PeerJoined();
        }
        return RoomState.Of(room.Session, room.Side);
    }

    public async Task<IReadOnlyList<IceServer>> IceServers(string roomId)
    {
        var room = await live.RoomAsync(roomId, Caller, Aborted);
        return ice.For(room.Side == Side.Patient ? room.Session.PatientId : room.Session.TherapistId);
    }

    public Task Admit(string roomId) => live.AdmitAsync(roomId, Caller, Aborted);

    public Task SendBack(string roomId) => live.SendBackAsync(roomId, Caller, Aborted);

    public Task End(string roomId) => live.EndAsync(roomId, Caller, Aborted);

    public async Task Offer(string roomId, string sdp, bool fresh)
    {
        await EnsureShapeAsync(IsSdp(sdp), "malformed offer");
        var room = await AdmittedRoomAsync(roomId, Side.Therapist);
        await Clients.Group(GroupOf(room.RoomId, Side.Patient)).Offer(sdp, fresh);
    }

    public async Task Answer(string roomId, string sdp)
    {
        await EnsureShapeAsync(IsSdp(sdp), "malformed answer");
        var room = await AdmittedRoomAsync(roomId, Side.Patient);
        await Clients.Group(GroupOf(room.RoomId, Side.Therapist)).Answer(sdp);
    }

    public async Task Candidate(string roomId, IceCandidate candidate)
    {
        await EnsureShapeAsync(candidate is { Candidate.Length: <= MaxCandidateChars, SdpMid: null or { Length: <= 32 }, SdpMLineIndex: null or (>= 0 and < 16) },
            "malformed candidate");
        var room = await AdmittedRoomAsync(roomId, null);
        await Clients.Group(GroupOf(room.RoomId, Other(room.Side))).Candidate(candidate);
    }

    /// <summary>Text for when audio fails too. Passed on, never stored.</summary>
    public async Task Chat(string roomId, string text)
    {
        await EnsureShapeAsync(text is { Length: > 0 and <= MaxChatChars } && !string.IsNullOrWhiteSpace(text), "malformed chat");
        var room = await AdmittedRoomAsync(roomId, null);
        await Clients.Group(GroupOf(room.RoomId, Other(room.Side))).Chat(text, room.Side == Side.Patient ? "patient" : "therapist");
    }

    public async Task ReportMode(string roomId, string mode)
    {
        var parsed = ModeNames.Parse(mode);
        await EnsureShapeAsync(parsed is not null, "unknown mode");
        await live.ReportModeAsync(roomId, Caller, parsed!.Value, Aborted);
    }

    public async Task Leave(string roomId)
    {
        var room = await live.RoomAsync(roomId, Caller, Aborted);
        Context.Items.Remove(RoomKey);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupOf(room.RoomId, room.Side), Aborted);
        await live.LeftAsync(room, Caller, "left", Aborted);
        await Clients.Group(GroupOf(room.RoomId, Other(room.Side))).PeerLeft();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.Items.TryGetValue(RoomKey, out var value) && value is string roomId)
        {
            var room = await live.RoomAsync(roomId, Caller, CancellationToken.None);
            await live.LeftAsync(room, Caller, "disconnected", CancellationToken.None);
            await Clients.Group(GroupOf(room.RoomId, Other(room.Side))).PeerLeft();
        }
        await base.OnDisconnectedAsync(exception);
    }

    private static Side Other(Side side) => side == Side.Patient ? Side.Therapist : Side.Patient;

    private static bool IsSdp(string? sdp) =>
        sdp is { Length: > 0 and <= MaxSdpChars } && sdp.StartsWith("v=0", StringComparison.Ordinal);

    private async Task EnsureShapeAsync(bool ok, string what)
    {
        if (!ok)
        {
            await live.RefusedAsync(null, Caller, what, Aborted);
            throw new HubException(Refused);
        }
    }

    /// <summary>The caller's room with the patient let in; <paramref name="from"/> limits which side may send this message.</summary>
    private async Task<Room> AdmittedRoomAsync(string roomId, Side? from)
    {
        var room = await live.RoomAsync(roomId, Caller, Aborted);
        if (!room.Session.IsPatientAdmitted || (from is { } side && room.Side != side))
        {
            await live.RefusedAsync(room, Caller, LiveSessionRules.NotAdmitted, Aborted);
            throw new HubException("The call has not started.");
        }
        return room;
    }
}
