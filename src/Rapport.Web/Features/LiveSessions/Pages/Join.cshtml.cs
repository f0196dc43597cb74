using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;

namespace Rapport.Web.Features.LiveSessions.Pages;

/// <summary>
/// The door to an appointment's call. GET says when it opens or that it has ended, and inside the window offers
/// "Join"; the POST creates the room (or finds the one the other person made) and goes there. Someone else's
/// appointment is a 404, from the same query as <see cref="BookingService.OwnAsync"/>.
/// </summary>
[Authorize(Policy = Policies.PatientOrTherapist)]
[Audited(AuditAction.ReadAppointment)]
public sealed class JoinModel(BookingService booking, LiveSessionService live, PeopleNames names, TimeProvider clock)
    : PageModel
{
    public Appointment Appointment { get; private set; } = null!;
    public string With { get; private set; } = "";
    public ViewerZone Zone { get; private set; } = ViewerZone.Utc;
    public DateTimeOffset Now { get; private set; }
    public string? Problem { get; private set; }

    public bool Cancelled => Appointment.Status is AppointmentStatus.Cancelled or AppointmentStatus.LateCancelled;
    public bool Over => !Cancelled && (Appointment.Status != AppointmentStatus.Booked || Now > LiveSession.ClosesAt(Appointment));
    public bool TooEarly => !Cancelled && !Over && Now < LiveSession.OpensAt(Appointment);
    public bool Open => !Cancelled && !Over && !TooEarly;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct) => this.AttemptAsync(async () =>
    {
        var session = await live.OpenAsync(id, new Caller(User.UserId(), HttpContext.Connection.RemoteIpAddress?.ToString()), ct);
        return Redirect($"/live/{session.RoomId}");
    }, async () => await LoadAsync(id, ct) ? Page() : NotFound(), e => Problem = e.Message, StatusCodes.Status409Conflict);

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var me = User.UserId();
        try
        {
            Appointment = await booking.OwnAsync(id, me, ct);
        }
        catch (NotFoundException)
        {
            return false;
        }
        var other = Appointment.PatientId == me ? Appointment.TherapistId : Appointment.PatientId;
        With = await names.OfAsync(other, ct) ?? "someone";
        Zone = await ViewerZone.ResolveAsync(User, null, names, clock);
        Now = clock.GetUtcNow();
        return true;
    }
}
