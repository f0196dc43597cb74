using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Booking.Pages;

/// <summary>
/// One of the caller's own appointments (anyone else's is a 404, from <see cref="BookingService.OwnAsync"/>):
/// when and with whom, a calendar file, cancelling (with a plain warning inside the notice period) and
/// moving to another offered time in the next two weeks. Every request here is audited as a read; changes
/// and refusals are recorded again as what they are, by <see cref="BookingService"/>.
/// </summary>
[Authorize(Policy = Policies.PatientOrTherapist)]
[Audited(AuditAction.ReadAppointment)]
public sealed class AppointmentModel(BookingService booking, AppDbContext db, PeopleNames people, AppointmentMail mail,
    TimeProvider clock) : PageModel
{
    public static readonly TimeSpan MoveLookAhead = TimeSpan.FromDays(14);

    public sealed record Day(DateOnly Date, IReadOnlyList<Slot> Slots);

    public Appointment Appointment { get; private set; } = null!;
    public string With { get; private set; } = "";
    public Guid OtherId { get; private set; }
    public bool IAmPatient { get; private set; }
    public ViewerZone Zone { get; private set; } = ViewerZone.Utc;
    public BookingPolicy Policy { get; private set; } = null!;
    public IReadOnlyList<Day> MoveTo { get; private set; } = [];
    public bool TherapistTakesBookings { get; private set; }
    public DateTimeOffset Now { get; private set; }
    /// <summary>What was just done (after the redirect): booked, cancelled or moved.</summary>
    public string? Done { get; private set; }
    public string? Problem { get; private set; }

    public bool CanJoin => JoinWindow.IsOpen(Appointment.Status, Appointment.StartUtc, Appointment.EndUtc, Now);

    public bool CanChange => Appointment.Status == AppointmentStatus.Booked && Appointment.StartUtc > Now;

    /// <summary>A patient cancelling now, inside the therapist's notice period, is recorded as a late cancellation.</summary>
    public bool CancelCountsAsLate => IAmPatient && Appointment.StartUtc - Now < Policy.CancellationNotice;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Done = TempData.TakeNotice();
        return await ShowAsync(id, ct);
    }

    public async Task<IActionResult> OnGetIcsAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is not { } appointment)
        {
            return NotFound();
        }
        var ics = IcsWriter.Write([new IcsEvent(appointment, With, mail.LinkFor(appointment))], clock.GetUtcNow());
        return File(System.Text.Encoding.UTF8.GetBytes(ics), IcsWriter.MediaType, "appointment.ics");
    }

    public Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct) => this.AttemptAsync(async () =>
    {
        await booking.CancelAsync(id, User.UserId(), ct);
        return this.RedirectWithNotice($"/appointments/{id}", "cancelled");
    }, () => ShowAsync(id, ct), e => Problem = $"{e.Message} Nothing was changed.", StatusCodes.Status409Conflict);

    public Task<IActionResult> OnPostMoveAsync(Guid id, DateTimeOffset start, CancellationToken ct) => this.AttemptAsync(async () =>
    {
        await booking.RescheduleAsync(id, User.UserId(), start, ct);
        return this.RedirectWithNotice($"/appointments/{id}", "moved");
    }, () => ShowAsync(id, ct), e => Problem = e.Rule == BookingRules.SlotTaken
        ? "Someone has just booked that time. Please choose another. Your appointment has not moved."
        : $"{e.Message} Your appointment has not moved.", StatusCodes.Status409Conflict);

    private async Task<IActionResult> ShowAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is null)
        {
            return NotFound();
        }
        Zone = await ViewerZone.ResolveAsync(User, null, people, clock);
        Policy = await db.BookingPolicies.AsNoTracking().SingleOrDefaultAsync(p => p.TherapistId == Appointment.TherapistId, ct)
            ?? BookingPolicy.Default(Appointment.TherapistId);
        Now = clock.GetUtcNow();
        if (CanChange)
        {
            try
            {
                var slots = await booking.SlotsAsync(Appointment.TherapistId, Now, Now + MoveLookAhead, ct);
                MoveTo = slots.GroupBy(s => Zone.DateOf(s.StartUtc)).Select(g => new Day(g.Key, g.ToArray())).ToArray();
                TherapistTakesBookings = true;
            }
            catch (NotFoundException)
            {
                // The therapist is no longer listed: the appointment stands, but cannot move to a new time here.
                TherapistTakesBookings = false;
            }
        }
        return Page();
    }

    private async Task<Appointment?> LoadAsync(Guid id, CancellationToken ct)
    {
        var me = User.UserId();
        try
        {
            Appointment = await booking.OwnAsync(id, me, ct);
        }
        catch (NotFoundException)
        {
            return null;
        }
        IAmPatient = Appointment.PatientId == me;
        OtherId = IAmPatient ? Appointment.TherapistId : Appointment.PatientId;
        With = await people.OfAsync(OtherId, ct) ?? "someone";
        return Appointment;
    }
}
