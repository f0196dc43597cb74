using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.CareRelationships;

namespace Rapport.Web.Features.Clinicians.Pages;

/// <summary>The therapist's patients (those they share an appointment with), those with an open safety alert first.</summary>
[Authorize(Policy = Policies.Therapist)]
[Audited(AuditAction.MeasurementsRead)]
public sealed class PatientsModel(AppDbContext db, CareAccess care) : PageModel
{
    public sealed record Row(Guid Id, string Name, int? LatestPhq9, string? Band, DateTimeOffset? MeasuredAt, int OpenAlerts,
        TreatmentCourses.TreatmentCourse? Course = null, int RelapseAlerts = 0);

    public IReadOnlyList<Row> Patients { get; private set; } = [];
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var me = User.UserId();
        var zoneId = await db.Users.Where(u => u.Id == me).Select(u => u.TimeZoneId).SingleAsync(ct);
        Zone = ProfileChoices.ZoneOrUtc(zoneId);
        var ids = await care.PatientsWhoseRecordIsReadBy(me).ToListAsync(ct);
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct);
        var latest = (await db.AssessmentResponses.AsNoTracking()
                .Where(r => ids.Contains(r.PatientId) && r.InstrumentId == InstrumentCatalog.Phq9 && r.Total != null)
                .Select(r => new { r.PatientId, r.Total, r.Band, r.SubmittedAt }).ToListAsync(ct))
            .GroupBy(r => r.PatientId).ToDictionary(g => g.Key, g => g.MaxBy(r => r.SubmittedAt)!);
        var alerts = (await db.SafetyAlerts.AsNoTracking().Where(a => ids.Contains(a.PatientId) && a.ClosedAt == null)
                .Select(a => a.PatientId).ToListAsync(ct))
            .GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        // The course of each patient with this therapist (the latest), and the open relapse alerts of those in maintenance.
        var courses = (await db.TreatmentCourses.AsNoTracking().Where(c => ids.Contains(c.PatientId)).ToListAsync(ct))
            .GroupBy(c => c.PatientId).ToDictionary(g => g.Key, g => g.MaxBy(c => c.OpenedAt)!);
        var relapses = (await db.RelapseAlerts.AsNoTracking().Where(a => ids.Contains(a.PatientId) && a.AcknowledgedAt == null && a.Kind == TreatmentCourses.CourseAlertKind.Relapse).Select(a => a.PatientId).ToListAsync(ct))
            .GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        Patients = [.. names
            .Select(p => (latest.TryGetValue(p.Id, out var l)
                ? new Row(p.Id, p.DisplayName, l.Total, l.Band, l.SubmittedAt, alerts.GetValueOrDefault(p.Id))
                : new Row(p.Id, p.DisplayName, null, null, null, alerts.GetValueOrDefault(p.Id)))
                with { Course = courses.GetValueOrDefault(p.Id), RelapseAlerts = relapses.GetValueOrDefault(p.Id) })
            .OrderByDescending(r => r.OpenAlerts > 0).ThenByDescending(r => r.RelapseAlerts > 0).ThenBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase)];
    }
}
