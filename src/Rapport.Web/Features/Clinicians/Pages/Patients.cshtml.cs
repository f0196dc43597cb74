using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.CareRelationships;

namespace Rapport.Web.Features.Clinicians.Pages;

/// <summary>The therapist's patients (those they share an appointment with), those with an open safety alert first.</summary>
[Authorize(Policy = Policies.Therapist)]
[Audited(AuditAction.MeasurementsRead)]
public sealed class PatientsModel(CareAccess care, PeopleNames people, AssessmentRecords assessments, Safety.SafetyRecords safety,
    TreatmentCourses.CourseRecords caseload) : PageModel
{
    public sealed record Row(Guid Id, string Name, int? LatestPhq9, string? Band, DateTimeOffset? MeasuredAt, int OpenAlerts,
        TreatmentCourses.TreatmentCourse? Course = null, int RelapseAlerts = 0);

    public IReadOnlyList<Row> Patients { get; private set; } = [];
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var me = User.UserId();
        Zone = await people.ZoneOfAsync(me, ct);
        var ids = await care.PatientsWhoseRecordIsReadBy(me).ToListAsync(ct);
        var names = await people.OfAsync(ids, ct);
        var latest = await assessments.LatestScoresAsync(ids, InstrumentCatalog.Phq9, ct);
        var alerts = await safety.OpenAlertCountsAsync(ids, ct);
        // The course of each patient with this therapist (the latest), and the open relapse alerts of those in maintenance.
        var courses = await caseload.LatestOfAsync(ids, ct);
        var relapses = await caseload.OpenRelapseCountsAsync(ids, ct);
        Patients = [.. names
            .Select(p => (latest.TryGetValue(p.Key, out var l)
                ? new Row(p.Key, p.Value, l.Total, l.Band, l.SubmittedAt, alerts.GetValueOrDefault(p.Key))
                : new Row(p.Key, p.Value, null, null, null, alerts.GetValueOrDefault(p.Key)))
                with { Course = courses.GetValueOrDefault(p.Key), RelapseAlerts = relapses.GetValueOrDefault(p.Key) })
            .OrderByDescending(r => r.OpenAlerts > 0).ThenByDescending(r => r.RelapseAlerts > 0).ThenBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase)];
    }
}
