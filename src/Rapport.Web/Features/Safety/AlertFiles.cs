using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.CareRelationships;

namespace Rapport.Web.Features.Safety;

/// <summary>How to reach the patient now: what the clinician who takes an alert on needs first.</summary>
public sealed record PatientContact(string Name, string? Phone, string CountryCode, string? UsualLocation,
    string? EmergencyContactName, string? EmergencyContactRelationship, string? EmergencyContactPhone,
    string? LastConfirmedLocation, DateTimeOffset? LocationConfirmedAt);

public sealed record AlertRecipientLine(string Name, AlertRecipientRole Role, DateTimeOffset NotifiedAt);

/// <summary>Everything the alert page shows about one alert, and what the viewer may do with it.</summary>
public sealed record AlertFile(SafetyAlert Alert, PatientContact Patient, IReadOnlyList<CrisisLine> CrisisLines,
    IReadOnlyList<AlertRecipientLine> Told, IReadOnlyList<SafetyAlert> History, IReadOnlyDictionary<Guid, string> Names,
    IReadOnlyList<EmergencyAccess> BreakGlass, bool ViewerReadsRecord, bool MayAcknowledge, bool MayClose);

/// <summary>
/// Opens one alert for the alert page: the patient's phone, emergency contact, country, usual and last confirmed
/// location, their crisis lines, the answer, who was told and the patient's earlier alerts. A clinician sees the alerts
/// <see cref="AlertScope"/> gives them; an admin sees the ones that escalated or had nobody to go to (to find a
/// clinician). Anything else is null (the page answers 404). The read is audited here, as the use case.
/// </summary>
public sealed class AlertFiles(AppDbContext db, AlertScope scope, CareAccess care, EmergencyAccessGrants emergencyAccess, CrisisLines crisisLines,
    IConfirmedLocations locations, PeopleNames names, AssessmentRecords assessments, Auditor audit)
{
    public const int HistoryCount = 20;

    public async Task<AlertFile?> OpenAsync(Guid alertId, Guid viewerId, bool isClinician, bool isAdmin, CancellationToken ct)
    {
        SafetyAlert? alert = null;
        if (isClinician)
        {
            alert = await (await scope.ForAsync(viewerId, ct)).AsNoTracking().FirstOrDefaultAsync(a => a.Id == alertId, ct);
        }
        if (alert is null && isAdmin)
        {
            alert = await db.SafetyAlerts.AsNoTracking()
                .FirstOrDefaultAsync(a => a.Id == alertId && (a.EscalatedAt != null || a.AssignedTherapistId == null), ct);
        }
        if (alert is null)
        {
            await audit.RecordAsync(AuditAction.SafetyAlertRead, AuditOutcome.Denied, subject: alertId.ToString(), ct: ct);
            return null;
        }

        var patientId = alert.PatientId;
        var person = await names.People.Where(u => u.Id == patientId)
            .Select(u => new { u.DisplayName, u.PhoneNumber, u.CountryCode }).SingleAsync(ct);
        var intake = await assessments.IntakeOfAsync(patientId, ct);
        var located = await locations.LatestAsync(patientId, ct);
        var contact = new PatientContact(person.DisplayName, person.PhoneNumber, intake?.CountryCode ?? person.CountryCode, intake?.UsualLocation,
            intake?.EmergencyContactName, intake?.EmergencyContactRelationship, intake?.EmergencyContactPhone,
            located?.Location, located?.ConfirmedAt);

        var told = await db.SafetyAlertRecipients.AsNoTracking().Where(r => r.AlertId == alert.Id).OrderBy(r => r.NotifiedAt).ToListAsync(ct);
        var history = await db.SafetyAlerts.AsNoTracking().Where(a => a.PatientId == patientId && a.Id != alert.Id)
            .OrderByDescending(a => a.RaisedAt).Take(HistoryCount).ToListAsync(ct);
        var breakGlass = await emergencyAccess.LatestForPatientAsync(patientId, HistoryCount, ct);
        var people = await names.OfAsync(told.Select(r => r.UserId).Concat(breakGlass.Select(e => e.ClinicianId))
            .Concat(history.Prepend(alert).SelectMany(a => new[] { a.AcknowledgedById, a.ClosedById, a.AssignedTherapistId }).OfType<Guid>()), ct);

        var standing = isClinician ? await care.StandingAsync(viewerId, patientId, ct) : new CareStanding(CareRole.None);
        var visibleToClinician = isClinician && await (await scope.ForAsync(viewerId, ct)).AnyAsync(a => a.Id == alert.Id, ct);
        var mayAcknowledge = visibleToClinician && alert.IsOpen && !alert.IsAcknowledged;
        var mayClose = visibleToClinician && alert.IsOpen && (alert.AcknowledgedById is null || alert.AcknowledgedById == viewerId || standing.ActsInCare);

        await audit.RecordAsync(AuditAction.SafetyAlertRead, subject: alert.Id.ToString(), patientId: patientId,
            detail: isClinician ? $"as {standing.Role.ToString().ToLowerInvariant()}" : "as admin", ct: ct);
        return new AlertFile(alert, contact, await crisisLines.ForCountryAsync(contact.CountryCode, ct),
            [.. told.Select(r => new AlertRecipientLine(people.GetValueOrDefault(r.UserId, "Someone"), r.Role, r.NotifiedAt))],
            history, people, breakGlass, standing.ReadsRecord, mayAcknowledge, mayClose);
    }
}
