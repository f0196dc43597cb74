using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;

namespace Rapport.Web.Features.LiveSessions;

/// <summary>Who is acting, from where: the audit needs both, and a hub call has no request of its own to read them from.</summary>
public sealed record Caller(Guid UserId, string? IpAddress);

/// <summary>A room as its caller may see it: the call, its appointment and which side the caller is.</summary>
public sealed record Room(LiveSession Session, Appointment Appointment, Side Side)
{
    public string RoomId => Session.RoomId;
}

/// <summary>What both sides need to draw their screen after any (re)connect. Holds no names and no clinical text.</summary>
public sealed record RoomState(string You, string Patient, bool Ended, string PatientMode, string TherapistMode)
{
    public static RoomState Of(LiveSession s, Side you) => new(
        you == Side.Patient ? "patient" : "therapist",
        s.IsEnded ? "gone" : s.IsPatientAdmitted ? "admitted" : s.IsPatientWaiting ? "waiting" : s.SentBackAt is not null ? "sent-back" : "absent",
        s.IsEnded,
        ModeNames.Of(s.PatientMode),
        ModeNames.Of(s.TherapistMode));
}

public static class ModeNames
{
    public static string Of(CallMode mode) => mode switch
    {
        CallMode.LowVideo => "low-video",
        CallMode.AudioOnly => "audio-only",
        _ => "video",
    };

    public static CallMode? Parse(string? name) => name switch
    {
        "video" => CallMode.Video,
        "low-video" => CallMode.LowVideo,
        "audio-only" => CallMode.AudioOnly,
        _ => null,
    };
}

/// <summary>
/// Every change to a live session, for the pages and the hub alike: each loads the room through the caller's
/// own appointment (anyone else's room is "not found"), applies one guarded method, saves with a version check
/// (retried on a conflict), records the audit row, and tells both sides' screens the new state.
/// </summary>
public sealed class LiveSessionService(AppDbContext db, TimeProvider clock, AuditWriter audit, IHubContext<LiveHub, ILiveClient> hub,
    SessionHistory appointments, AppointmentOutcomes outcomes)
{
    /// <summary>Creates the appointment's room, or returns the one it has, when the caller may join now.</summary>
    public async Task<LiveSession> OpenAsync(Guid appointmentId, Caller caller, CancellationToken ct)
    {
        var appointment = await appointments.OwnAsync(appointmentId, caller.UserId, ct)
            ?? throw new NotFoundException("No such appointment.");
        var now = clock.GetUtcNow();
        try
        {
            LiveSession.EnsureJoinable(appointment, now);
        }
        catch (RuleViolationException e)
        {
            await RecordAsync(AuditAction.LiveSessionRefused, AuditOutcome.Denied, caller, appointment, e.Rule, ct);
            throw;
        }
        var existing = await db.LiveSessions.AsNoTracking().SingleOrDefaultAsync(s => s.AppointmentId == appointmentId, ct);
        if (existing is null)
        {
            existing = LiveSession.Open(appointment, now);
            db.LiveSessions.Add(existing);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // The other person pressed "Join" at the same moment: the unique index kept one room; use it.
                db.ChangeTracker.Clear();
                existing = await db.LiveSessions.AsNoTracking().SingleAsync(s => s.AppointmentId == appointmentId, ct);
            }
        }
        await RecordAsync(AuditAction.LiveSessionOpened, AuditOutcome.Success, caller, appointment, null, ct);
        return existing;
    }

    /// <summary>The caller's room, or a 404-like refusal that is audited (a forged id, or someone else's room).</summary>
    public async Task<Room> RoomAsync(string roomId, Caller caller, CancellationToken ct)
    {
        if (LiveSession.LooksLikeRoomId(roomId))
        {
            var found = await (from s in db.LiveSessions
                               where s.RoomId == roomId && (s.PatientId == caller.UserId || s.TherapistId == caller.UserId)
                               join a in outcomes.Settleable on s.AppointmentId equals a.Id
                               select new { s, a }).SingleOrDefaultAsync(ct);
            if (found is not null)
            {
                return new Room(found.s, found.a, found.s.TherapistId == caller.UserId ? Side.Therapist : Side.Patient);
            }
        }
        var owner = LiveSession.LooksLikeRoomId(roomId)
            ? await db.LiveSessions.AsNoTracking().Where(s => s.RoomId == roomId).Select(s => new { s.AppointmentId, s.PatientId }).SingleOrDefaultAsync(ct)
            : null;
        await audit.WriteAsync(new AuditEntry(AuditAction.LiveSessionRefused, AuditOutcome.Denied, caller.UserId, owner?.PatientId,
            owner is null ? "live-session" : owner.AppointmentId.ToString(), caller.IpAddress, owner is null ? "unknown room" : "another's room"), ct);
        throw new NotFoundException("No such room.");
    }

    /// <summary>Someone opens the room (page or hub): the window must be open; a patient goes to the waiting room unless already admitted.</summary>
    public async Task<Room> ArriveAsync(string roomId, Caller caller, CancellationToken ct)
    {
        var room = await ChangeAsync(roomId, caller, ct, r =>
        {
            if (r.Session.IsEnded)
            {
                return;
            }
            LiveSession.EnsureJoinable(r.Appointment, clock.GetUtcNow());
            if (r.Side == Side.Patient)
            {
                r.Session.PatientArrives(clock.GetUtcNow());
            }
        });
        await RecordAsync(AuditAction.LiveSessionJoined, AuditOutcome.Success, caller, room.Appointment, room.Side == Side.Patient ? "patient" : "therapist", ct);
        await BroadcastAsync(room);
        return room;
    }

    public async Task<Room> AdmitAsync(string roomId, Caller caller, CancellationToken ct)
    {
        var room = await ChangeAsync(roomId, caller, ct, r => r.Session.Admit(r.Side, clock.GetUtcNow()));
        await RecordAsync(AuditAction.LiveSessionAdmitted, AuditOutcome.Success, caller, room.Appointment, null, ct);
        await BroadcastAsync(room);
        return room;
    }

    public async Task<Room> SendBackAsync(string roomId, Caller caller, CancellationToken ct)
    {
        var room = await ChangeAsync(roomId, caller, ct, r => r.Session.SendBack(r.Side, clock.GetUtcNow()));
        await RecordAsync(AuditAction.LiveSessionSentBack, AuditOutcome.Success, caller, room.Appointment, null, ct);
        await BroadcastAsync(room);
        return room;
    }

    public async Task<Room> ConfirmLocationAsync(string roomId, Caller caller, string location, CancellationToken ct)
    {
        var room = await ChangeAsync(roomId, caller, ct, r => r.Session.ConfirmLocation(r.Side, location, clock.GetUtcNow()));
        await RecordAsync(AuditAction.LiveSessionLocationConfirmed, AuditOutcome.Success, caller, room.Appointment, null, ct);
        return room;
    }

    /// <summary>Records the mode one side switched to; an unchanged mode writes nothing.</summary>
    public async Task<Room> ReportModeAsync(string roomId, Caller caller, CallMode mode, CancellationToken ct)
    {
        var changed = false;
        var room = await ChangeAsync(roomId, caller, ct, r => changed = r.Session.ReportMode(r.Side, mode));
        if (changed)
        {
            await RecordAsync(AuditAction.LiveSessionModeChanged, AuditOutcome.Success, caller, room.Appointment,
                $"{(room.Side == Side.Patient ? "patient" : "therapist")} {ModeNames.Of(mode)}", ct);
            await BroadcastAsync(room);
        }
        return room;
    }

    public async Task<Room> EndAsync(string roomId, Caller caller, CancellationToken ct)
    {
        var room = await SettleAsync(roomId, caller, ct, async r =>
        {
            var now = clock.GetUtcNow();
            if (r.Session.End(r.Side, r.Appointment, now))
            {
                await outcomes.AttendedAsync(r.Appointment, now, ct);
            }
        });
        var duration = room.Session.Duration is { } d ? $"duration {(int)d.TotalMinutes} min {d.Seconds} s" : "patient not admitted";
        await RecordAsync(AuditAction.LiveSessionEnded, AuditOutcome.Success, caller, room.Appointment,
            $"{duration}; appointment {room.Appointment.Status.ToString().ToLowerInvariant()}", ct);
        await BroadcastAsync(room);
        return room;
    }

    public async Task<Room> MarkNoShowAsync(string roomId, Caller caller, CancellationToken ct)
    {
        var room = await SettleAsync(roomId, caller, ct, async r =>
        {
            var now = clock.GetUtcNow();
            r.Session.MarkNoShow(r.Side, now);
            await outcomes.MissedAsync(r.Appointment, now, ct);
        });
        await RecordAsync(AuditAction.AppointmentMarkedMissed, AuditOutcome.Success, caller, room.Appointment, "from the live session", ct);
        await BroadcastAsync(room);
        return room;
    }

    /// <summary>A side left (pressed leave, closed the page, or lost its link). The state is kept: they may come back.</summary>
    public Task LeftAsync(Room room, Caller caller, string how, CancellationToken ct) =>
        RecordAsync(AuditAction.LiveSessionLeft, AuditOutcome.Success, caller, room.Appointment, $"{(room.Side == Side.Patient ? "patient" : "therapist")} {how}", ct);

    /// <summary>A refused action in a room the caller belongs to (too early, not admitted, a message too large, flooding).</summary>
    public Task RefusedAsync(Room? room, Caller caller, string detail, CancellationToken ct) =>
        room is null
            ? audit.WriteAsync(new AuditEntry(AuditAction.LiveSessionRefused, AuditOutcome.Denied, caller.UserId, null, "live-session", caller.IpAddress, detail), ct)
            : RecordAsync(AuditAction.LiveSessionRefused, AuditOutcome.Denied, caller, room.Appointment, detail, ct);

    public Task BroadcastAsync(Room room) => Task.WhenAll(
        hub.Clients.Group(LiveHub.GroupOf(room.RoomId, Side.Patient)).RoomChanged(RoomState.Of(room.Session, Side.Patient)),
        hub.Clients.Group(LiveHub.GroupOf(room.RoomId, Side.Therapist)).RoomChanged(RoomState.Of(room.Session, Side.Therapist)));

    private Task<Room> ChangeAsync(string roomId, Caller caller, CancellationToken ct, Action<Room> change) =>
        SettleAsync(roomId, caller, ct, r =>
        {
            change(r);
            return Task.CompletedTask;
        });

    /// <summary>
    /// Applies <paramref name="change"/> to a freshly loaded room and saves. Ending the call or marking it missed also
    /// settles the appointment through Booking (<see cref="AppointmentOutcomes"/>), so the course counts it in the same save.
    /// </summary>
    private async Task<Room> SettleAsync(string roomId, Caller caller, CancellationToken ct, Func<Room, Task> change)
    {
        for (var attempt = 1; ; attempt++)
        {
            var room = await RoomAsync(roomId, caller, ct);
            try
            {
                await change(room);
            }
            catch (RuleViolationException e)
            {
                db.ChangeTracker.Clear();
                await RecordAsync(AuditAction.LiveSessionRefused, AuditOutcome.Denied, caller, room.Appointment, e.Rule, ct);
                throw;
            }
            try
            {
                await db.SaveChangesAsync(ct);
                return room;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                // Both people acted at once (the patient arrives as the therapist admits): reload and apply again.
                db.ChangeTracker.Clear();
            }
        }
    }

    private Task RecordAsync(string action, string outcome, Caller caller, Appointment appointment, string? detail, CancellationToken ct) =>
        audit.WriteAsync(new AuditEntry(action, outcome, caller.UserId, appointment.PatientId, appointment.Id.ToString(), caller.IpAddress, detail), ct);
}
