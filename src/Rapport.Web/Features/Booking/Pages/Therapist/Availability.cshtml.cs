using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Therapists;

namespace Rapport.Web.Features.Booking.Pages.Therapist;

/// <summary>
/// The therapist's weekly hours, booking rules and one-off changes, all entered in their own time zone.
/// Time off never cancels a booked session by itself: the page lists the sessions it covers and cancels
/// them only when the therapist confirms (one POST naming each session).
/// </summary>
[Authorize(Policy = Policies.Therapist)]
[Audited(AuditAction.ReadAvailability)]
public sealed class AvailabilityModel(AppDbContext db, PeopleNames people, BookingService booking, AvailabilityChanges changes, TimeProvider clock) : PageModel
{
    public sealed class WindowInput
    {
        public DayOfWeek Day { get; set; } = DayOfWeek.Monday;

        [Required(ErrorMessage = "Enter the time the window starts.")]
        public TimeOnly? Start { get; set; }

        [Required(ErrorMessage = "Enter the time the window ends.")]
        public TimeOnly? End { get; set; }
    }

    public sealed class PolicyInput
    {
        [Required(ErrorMessage = "Enter how long a session lasts, in minutes.")]
        public int? SessionMinutes { get; set; }

        [Required(ErrorMessage = "Enter the break after each session, in minutes (0 for none).")]
        public int? BufferMinutes { get; set; }

        [Required(ErrorMessage = "Enter the least notice you need for a booking, in hours (0 for none).")]
        public int? MinimumNoticeHours { get; set; }

        [Required(ErrorMessage = "Enter how many days ahead patients may book.")]
        public int? HorizonDays { get; set; }

        [Required(ErrorMessage = "Enter the notice a patient should give to cancel, in hours.")]
        public int? CancellationNoticeHours { get; set; }
    }

    public sealed class ExceptionInput
    {
        public ExceptionKind Kind { get; set; } = ExceptionKind.TimeOff;

        [Required(ErrorMessage = "Enter when it starts.")]
        public DateTime? From { get; set; }

        [Required(ErrorMessage = "Enter when it ends.")]
        public DateTime? To { get; set; }

        [StringLength(200, ErrorMessage = "Keep the note to 200 characters or fewer.")]
        public string? Note { get; set; }
    }

    /// <summary>A booked session that falls inside time off.</summary>
    public sealed record Affected(Guid AppointmentId, string PatientName, DateTimeOffset StartUtc, DateTimeOffset EndUtc, DateTime LocalStart, DateTime LocalEnd);

    public const string WeeklySection = "weekly";
    public const string RulesSection = "rules";
    public const string ChangesSection = "changes";
    public const string AffectedSection = "affected";

    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;
    public string ZoneId { get; private set; } = "UTC";
    public IReadOnlyList<AvailabilityWindow> Windows { get; private set; } = [];
    public IReadOnlyList<AvailabilityException> Changes { get; private set; } = [];
    public IReadOnlyList<Affected> AffectedSessions { get; private set; } = [];

    public WindowInput Window { get; private set; } = new();
    public PolicyInput Policy { get; private set; } = new();
    public ExceptionInput Change { get; private set; } = new();

    /// <summary>Which part of the page the last action was about: its message and errors are shown there.</summary>
    public string? Section { get; private set; }
    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAddWindowAsync([Bind(Prefix = "Window")] WindowInput window, CancellationToken ct)
    {
        Section = WeeklySection;
        await LoadAsync(ct);
        Window = window;
        if (!Enum.IsDefined(window.Day))
        {
            ModelState.AddModelError("Window.Day", "Choose a day.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var (start, end) = (window.Start!.Value, window.End!.Value);
        // The page is loaded already: a refusal shows it as it is, with what was typed.
        return await this.AttemptAsync(async () =>
        {
            await changes.AddWindowAsync(User.UserId(), window.Day, start, end, ct);
            Message = $"Added {window.Day}s {TimeText.Range(start, end)}.";
            Window = new WindowInput();
            ModelState.Clear();
            await LoadAsync(ct);
            return Page();
        }, () => Task.CompletedTask);
    }

    public async Task<IActionResult> OnPostDeleteWindowAsync(Guid id, CancellationToken ct)
    {
        Section = WeeklySection;
        if (await changes.RemoveWindowAsync(User.UserId(), id, ct) is not { } window)
        {
            return NotFound();
        }
        Message = $"Removed {window.Day}s {TimeText.Range(window.Start, window.End)}. Sessions already booked then stay booked.";
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostPolicyAsync([Bind(Prefix = "Policy")] PolicyInput input, CancellationToken ct)
    {
        Section = RulesSection;
        async Task ShowTypedAsync()
        {
            await LoadAsync(ct);
            Policy = input;
        }
        if (!ModelState.IsValid)
        {
            await ShowTypedAsync();
            return Page();
        }
        return await this.AttemptAsync(async () =>
        {
            await changes.ChangeRulesAsync(User.UserId(), input.SessionMinutes!.Value, input.BufferMinutes!.Value, input.MinimumNoticeHours!.Value,
                input.HorizonDays!.Value, input.CancellationNoticeHours!.Value, ct);
            Message = "Your booking rules are saved. Sessions already booked keep their times and length.";
            await LoadAsync(ct);
            return Page();
        }, ShowTypedAsync);
    }

    public async Task<IActionResult> OnPostAddChangeAsync([Bind(Prefix = "Change")] ExceptionInput input, CancellationToken ct)
    {
        Section = ChangesSection;
        await LoadAsync(ct);
        Change = input;
        if (!Enum.IsDefined(input.Kind))
        {
            ModelState.AddModelError("Change.Kind", "Choose time off or extra hours.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var from = WallClock.ToUtc(input.From!.Value, Zone);
        var to = WallClock.ToUtc(input.To!.Value, Zone);
        if (from is null || to is null)
        {
            var missing = from is null ? input.From.Value : input.To.Value;
            ModelState.AddModelError("", $"{TimeText.DayAndTime(missing)} does not exist in your time zone because the clocks change. Choose another time.");
            return Page();
        }
        // The page is loaded already: a refusal shows it as it is, with what was typed.
        return await this.AttemptAsync(async () =>
        {
            var change = await changes.AddChangeAsync(User.UserId(), input.Kind, from.Value, to.Value, input.Note, ct);
            Change = new ExceptionInput();
            ModelState.Clear();
            await LoadAsync(ct);
            var covered = AffectedSessions.Count(a => a.StartUtc < change.EndUtc && change.StartUtc < a.EndUtc);
            if (input.Kind == ExceptionKind.TimeOff && covered > 0)
            {
                Section = AffectedSection;
                Message = covered == 1
                    ? "Your time off is saved. One booked session falls inside it: decide what to do with it below."
                    : $"Your time off is saved. {covered} booked sessions fall inside it: decide what to do with them below.";
            }
            else
            {
                Message = input.Kind == ExceptionKind.TimeOff ? "Your time off is saved. No booked sessions fall inside it." : "Your extra hours are saved.";
            }
            return Page();
        }, () => Task.CompletedTask);
    }

    public async Task<IActionResult> OnPostDeleteChangeAsync(Guid id, CancellationToken ct)
    {
        Section = ChangesSection;
        if (await changes.RemoveChangeAsync(User.UserId(), id, ct) is not { } change)
        {
            return NotFound();
        }
        Message = change.Kind == ExceptionKind.TimeOff ? "The time off is removed." : "The extra hours are removed. Sessions already booked then stay booked.";
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>
    /// The confirming POST: cancels the chosen sessions that fall inside time off, as the therapist (never
    /// a late cancellation). <see cref="BookingService.CancelAsync"/> e-mails both people; the patient's
    /// message links to where they choose a new time.
    /// </summary>
    public async Task<IActionResult> OnPostCancelAffectedAsync([FromForm(Name = "Cancel")] List<Guid> cancel, CancellationToken ct)
    {
        Section = AffectedSection;
        await LoadAsync(ct);
        // Only sessions the page offered: a posted id outside the time off is ignored, never cancelled.
        var chosen = AffectedSessions.Where(a => cancel.Contains(a.AppointmentId)).ToArray();
        if (chosen.Length == 0)
        {
            ModelState.AddModelError("", "Tick the sessions to cancel, or leave them booked.");
            return Page();
        }
        var cancelled = 0;
        foreach (var session in chosen)
        {
            try
            {
                await booking.CancelAsync(session.AppointmentId, User.UserId(), ct, reason: "time off");
                cancelled++;
            }
            catch (RuleViolationException e)
            {
                ModelState.AddModelError("", $"{session.PatientName}, {TimeText.DayAndTime(session.LocalStart)}: {e.Message}");
            }
        }
        db.ChangeTracker.Clear();
        await LoadAsync(ct);
        Message = cancelled switch
        {
            0 => null,
            1 => "One session is cancelled. The patient has been e-mailed with a link to choose a new time.",
            _ => $"{cancelled} sessions are cancelled. Each patient has been e-mailed with a link to choose a new time.",
        };
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var me = User.UserId();
        var now = clock.GetUtcNow();
        ZoneId = await people.People.Where(p => p.Id == me).Select(p => p.TimeZoneId).SingleAsync(ct);
        Zone = ProfileChoices.ZoneOrUtc(ZoneId);
        Windows = (await db.AvailabilityWindows.AsNoTracking().Where(w => w.TherapistId == me).ToListAsync(ct))
            .OrderBy(w => ((int)w.Day + 6) % 7).ThenBy(w => w.Start).ToArray();
        Changes = (await db.AvailabilityExceptions.AsNoTracking().Where(e => e.TherapistId == me && e.EndUtc > now).ToListAsync(ct))
            .OrderBy(e => e.StartUtc).ToArray();
        var policy = await db.BookingPolicies.AsNoTracking().SingleOrDefaultAsync(p => p.TherapistId == me, ct) ?? BookingPolicy.Default(me);
        Policy = new PolicyInput
        {
            SessionMinutes = policy.SessionMinutes,
            BufferMinutes = policy.BufferMinutes,
            MinimumNoticeHours = policy.MinimumNoticeHours,
            HorizonDays = policy.HorizonDays,
            CancellationNoticeHours = policy.CancellationNoticeHours,
        };

        var timeOff = Changes.Where(e => e.Kind == ExceptionKind.TimeOff).ToArray();
        if (timeOff.Length == 0)
        {
            AffectedSessions = [];
            return;
        }
        // Sessions not yet started (only those can still be cancelled) that overlap any time off.
        var (first, last) = (timeOff.Min(e => e.StartUtc), timeOff.Max(e => e.EndUtc));
        var booked = await (from a in db.Appointments.AsNoTracking()
                            join p in people.People on a.PatientId equals p.Id
                            where a.TherapistId == me && a.Status == AppointmentStatus.Booked && a.StartUtc > now
                                  && a.StartUtc < last && a.EndUtc > first
                            select new { a.Id, a.StartUtc, a.EndUtc, p.DisplayName }).ToListAsync(ct);
        AffectedSessions = booked
            .Where(a => timeOff.Any(o => o.StartUtc < a.EndUtc && a.StartUtc < o.EndUtc))
            .OrderBy(a => a.StartUtc)
            .Select(a => new Affected(a.Id, a.DisplayName, a.StartUtc, a.EndUtc, WallClock.Local(a.StartUtc, Zone), WallClock.Local(a.EndUtc, Zone)))
            .ToArray();
    }
}
