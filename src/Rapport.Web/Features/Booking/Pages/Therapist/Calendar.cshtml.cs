using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Booking.Pages.Therapist;

/// <summary>
/// The therapist's week, Monday to Sunday on their own wall clock (<c>?week=</c> counts weeks from this
/// one). A booked session can be cancelled before it starts and marked as missed once it has started;
/// the rules are the appointment's own (<see cref="Appointment.Cancel"/>, <see cref="Appointment.MarkNoShow"/>).
/// </summary>
[Authorize(Policy = Policies.Therapist)]
[Audited(AuditAction.ReadCalendar)]
public sealed class CalendarModel(AppDbContext db, PeopleNames people, BookingService booking, TimeProvider clock) : PageModel
{
    /// <summary>Ten years either way is far enough to look; further is a typo.</summary>
    private const int MaxWeeks = 520;

    /// <summary>One appointment of the week. Every one links to its session note (a page of the course, linked by its page name).</summary>
    public sealed record Entry(Guid Id, string PatientName, DateTime LocalStart, DateTime LocalEnd, AppointmentStatus Status,
        CancelledBy? CancelledBy, AppointmentKind Kind, bool Started, bool Ended, bool CanJoin, Guid PatientId);

    public sealed record Day(DateOnly Date, bool IsToday, IReadOnlyList<Entry> Appointments);

    [BindProperty(SupportsGet = true)]
    public int Week { get; set; }

    public string ZoneId { get; private set; } = "UTC";
    public DateOnly Monday { get; private set; }
    public IReadOnlyList<Day> Days { get; private set; } = [];
    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct) => this.AttemptAsync(async () =>
    {
        await booking.CancelAsync(id, User.UserId(), ct);
        Message = "The session is cancelled. The patient has been e-mailed with a link to choose a new time.";
        db.ChangeTracker.Clear();
        await LoadAsync(ct);
        return Page();
    }, () => LoadAsync(ct));

    public Task<IActionResult> OnPostMissedAsync(Guid id, CancellationToken ct) => this.AttemptAsync(async () =>
    {
        await booking.MarkNoShowAsync(id, User.UserId(), ct);
        Message = "The session is marked as missed.";
        db.ChangeTracker.Clear();
        await LoadAsync(ct);
        return Page();
    }, () => LoadAsync(ct));

    private async Task LoadAsync(CancellationToken ct)
    {
        var me = User.UserId();
        var now = clock.GetUtcNow();
        Week = Math.Clamp(Week, -MaxWeeks, MaxWeeks);
        ZoneId = await people.People.Where(p => p.Id == me).Select(p => p.TimeZoneId).SingleAsync(ct);
        var zone = ProfileChoices.ZoneOrUtc(ZoneId);
        var today = WallClock.Today(now, zone);
        Monday = WallClock.MondayOf(today).AddDays(7 * Week);
        var weekStart = WallClock.StartOfDayUtc(Monday, zone);
        var weekEnd = WallClock.StartOfDayUtc(Monday.AddDays(7), zone);

        var rows = await (from a in db.Appointments.AsNoTracking()
                          join p in people.People on a.PatientId equals p.Id
                          where a.TherapistId == me && a.StartUtc >= weekStart && a.StartUtc < weekEnd
                          orderby a.StartUtc
                          select new { a.Id, a.PatientId, a.StartUtc, a.EndUtc, a.Status, a.CancelledByRole, a.Kind, p.DisplayName }).ToListAsync(ct);
        var entries = rows.Select(r => new Entry(r.Id, r.DisplayName, WallClock.Local(r.StartUtc, zone), WallClock.Local(r.EndUtc, zone),
            r.Status, r.CancelledByRole, r.Kind, r.StartUtc <= now, r.EndUtc <= now,
            JoinWindow.IsOpen(r.Status, r.StartUtc, r.EndUtc, now), r.PatientId)).ToLookup(e => DateOnly.FromDateTime(e.LocalStart));
        Days = Enumerable.Range(0, 7)
            .Select(i => Monday.AddDays(i))
            .Select(d => new Day(d, d == today, entries[d].OrderBy(e => e.LocalStart).ToArray()))
            .ToArray();
    }

    public static string StatusInWords(Entry e) => (e.Status, e.CancelledBy) switch
    {
        (AppointmentStatus.Booked, _) when e.Started && !e.Ended => "In progress",
        (AppointmentStatus.Booked, _) => "Booked",
        (AppointmentStatus.Cancelled, Booking.CancelledBy.Therapist) => "Cancelled by you",
        (AppointmentStatus.Cancelled, _) => "Cancelled by the patient",
        (AppointmentStatus.LateCancelled, _) => "Cancelled late by the patient",
        (AppointmentStatus.NoShow, _) => "Missed",
        (AppointmentStatus.Attended, _) => "Attended",
        _ => e.Status.ToString(),
    };
}
