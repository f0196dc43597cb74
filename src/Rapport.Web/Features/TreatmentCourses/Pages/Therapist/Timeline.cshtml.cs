using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;

namespace Rapport.Web.Features.TreatmentCourses.Pages.Therapist;

/// <summary>
/// The timeline: the intake's life events, the onset of low mood, the formulation's trigger and the PHQ-9
/// on one time axis (<see cref="CourseTimeline"/>), with the same facts as a table.
/// </summary>
[Authorize(Policy = Policies.Therapist)]
[Audited(AuditAction.CourseRead)]
public sealed class TimelineModel(TreatmentCourseService courses, AssessmentRecords assessments, MeasurementHistory history, TimeProvider clock)
    : TherapistCoursePageModel(courses, clock)
{
    public string? Svg { get; private set; }
    public IReadOnlyList<TimelineEntry> Entries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid patientId, CancellationToken ct)
    {
        if (!await LoadAsync(patientId, ct))
        {
            return NotFound();
        }
        if (Record is null)
        {
            return Page();
        }
        // Entities, not projections: the intake and the events' descriptions are clinical text, decrypted as entities load.
        var intake = await assessments.IntakeOfAsync(patientId, ct);
        var events = await assessments.LifeEventsOfAsync(patientId, ct);
        var phq9 = (await history.ForPatientAsync(patientId, ct)).FirstOrDefault(s => s.Instrument.Id == InstrumentCatalog.Phq9);
        var input = new CourseTimeline.Input(events, intake?.LowMoodSince, Record.Formulation?.TriggerDate, Record.Formulation?.TriggerEvent,
            phq9, WallClock.Today(Clock.GetUtcNow(), Zone), Zone);
        Svg = CourseTimeline.Render(input);
        Entries = CourseTimeline.Entries(input);
        return Page();
    }
}
