using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.CareRelationships;
using Rapport.Web.Features.Safety;
using Rapport.Web.Features.Safety.Pages;
using Rapport.Web.Features.TreatmentCourses;
using Rapport.Web.Features.TreatmentCourses.Pages;

namespace Rapport.Web.Features.LiveSessions.Pages;

/// <summary>
/// The call page. The patient gets a privacy reminder, the pre-call check and the waiting screen; the therapist
/// the waiting list with Admit / Send back, the location confirmation, "session k of N" and End. The therapist's
/// forms work as plain POSTs (the script sends them over the hub instead when it is connected); the media need the
/// script. Someone else's room, or an id that is no room, is a 404.
/// </summary>
[Authorize(Policy = Policies.PatientOrTherapist)]
[Audited(AuditAction.ReadAppointment)]
public sealed class RoomModel(LiveSessionService live, SessionHistory sessionHistory, CareAccess care, TreatmentCourseService courses,
    PeopleNames names, TimeProvider clock, PatientRisk risk) : PageModel
{
    /// <summary>The therapist's course with this patient, when there is one: shown beside the call (LiveSessions readme, "Beside the call").</summary>
    public CourseFile? Course { get; private set; }
    /// <summary>The draft (or signed) note of this appointment.</summary>
    public SessionNote? Note { get; private set; }
    /// <summary>The risk banner, for a clinician acting for the patient (never the patient's side, nor a first conversation).</summary>
    public RiskBanner? Risk { get; private set; }
    public string NoteUrl => TreatmentCourses.SessionNoteLink.For(Room.Appointment.PatientId, Room.Appointment.Id);

    public Room Room { get; private set; } = null!;
    public string With { get; private set; } = "";
    public ViewerZone Zone { get; private set; } = ViewerZone.Utc;
    public int SessionNumber { get; private set; }
    public int SessionsBooked { get; private set; }
    public DateTimeOffset Now { get; private set; }
    public string? Problem { get; private set; }
    public string? Done { get; private set; }

    public bool IAmTherapist => Room.Side == Side.Therapist;
    public LiveSession Session => Room.Session;
    /// <summary>The therapist may mark the session as missed: it has started and the patient never came.</summary>
    public bool CanMarkNoShow => IAmTherapist && !Session.IsEnded && Session.PatientFirstArrivedAt is null
        && Room.Appointment.Status == AppointmentStatus.Booked && Now >= Room.Appointment.StartUtc;

    private Caller Caller => new(User.UserId(), HttpContext.Connection.RemoteIpAddress?.ToString());

    public async Task<IActionResult> OnGetAsync(string roomId, CancellationToken ct)
    {
        Done = TempData.TakeNotice();
        return await ShowAsync(roomId, ct);
    }

    public Task<IActionResult> OnPostAdmitAsync(string roomId, CancellationToken ct) =>
        ActAsync(roomId, () => live.AdmitAsync(roomId, Caller, ct), "admitted", ct);

    public Task<IActionResult> OnPostSendBackAsync(string roomId, CancellationToken ct) =>
        ActAsync(roomId, () => live.SendBackAsync(roomId, Caller, ct), "sent-back", ct);

    public Task<IActionResult> OnPostLocationAsync(string roomId, string? location, CancellationToken ct) =>
        ActAsync(roomId, () => live.ConfirmLocationAsync(roomId, Caller, location ?? "", ct), "location", ct);

    public Task<IActionResult> OnPostEndAsync(string roomId, CancellationToken ct) =>
        ActAsync(roomId, () => live.EndAsync(roomId, Caller, ct), "ended", ct);

    public Task<IActionResult> OnPostNoShowAsync(string roomId, CancellationToken ct) =>
        ActAsync(roomId, () => live.MarkNoShowAsync(roomId, Caller, ct), "missed", ct);

    /// <summary>
    /// Keeps a line of the call's chat in this session's draft note (LiveSessions readme, "Beside the call": chat is not stored unless the therapist
    /// saves a line). The script posts it in the background so the call goes on; without the script it is a plain form.
    /// </summary>
    public Task<IActionResult> OnPostSaveLineAsync(string roomId, string? line, CancellationToken ct)
    {
        var script = Request.Headers.Accept.Any(h => h?.Contains("application/json", StringComparison.Ordinal) == true);
        return this.AttemptAsync(async () =>
        {
            Room = await live.RoomAsync(roomId, Caller, ct);
            if (!IAmTherapist)
            {
                return NotFound();
            }
            await courses.AddLineToNoteAsync(Room.Appointment.Id, User.UserId(), line ?? "", ct);
            return script
                ? new JsonResult(new { saved = true, message = "Kept in this session's note." })
                : this.RedirectWithNotice($"/live/{roomId}", "line-saved");
        }, async () => script ? new JsonResult(new { saved = false, message = Problem }) : await ShowAsync(roomId, ct),
            e => Problem = e.Message, StatusCodes.Status409Conflict);
    }

    private Task<IActionResult> ActAsync(string roomId, Func<Task<Room>> act, string done, CancellationToken ct) => this.AttemptAsync(async () =>
    {
        await act();
        return this.RedirectWithNotice($"/live/{roomId}", done);
    }, () => ShowAsync(roomId, ct), e => Problem = e.Message, StatusCodes.Status409Conflict);

    private async Task<IActionResult> ShowAsync(string roomId, CancellationToken ct)
    {
        try
        {
            Room = await live.RoomAsync(roomId, Caller, ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        var a = Room.Appointment;
        var other = IAmTherapist ? a.PatientId : a.TherapistId;
        With = await names.OfAsync(other, ct) ?? "someone";
        Zone = await ViewerZone.ResolveAsync(User, null, names, clock);
        Now = clock.GetUtcNow();
        if (IAmTherapist)
        {
            var sessions = await sessionHistory.SessionsAsync(a.PatientId, a.TherapistId, ct);
            SessionNumber = sessions.Select(s => s.Id).ToList().IndexOf(a.Id) + 1;
            SessionsBooked = sessions.Count;
            // Beside a first conversation the clinician sees no record: only a patient in their care brings the course in.
            if ((await care.StandingAsync(a.TherapistId, a.PatientId, ct)).ActsInCare)
            {
                Risk = new RiskBanner(await risk.AtAsync(a.PatientId, Now, ct), Zone.Zone);
                if (await courses.LatestForTherapistAsync(a.TherapistId, a.PatientId, ct) is { } course)
                {
                    Course = await courses.FileAsync(course, ct);
                    Note = Course.Notes.FirstOrDefault(n => n.AppointmentId == a.Id);
                }
            }
        }
        return Page();
    }
}
