using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.CareRelationships;

namespace Rapport.Web.Features.Assessments.Pages;

/// <summary>
/// The patient's own measures over time (Assessments readme, rule 14): one chart and table per questionnaire they answer themselves,
/// with their sessions marked. Clinician ratings stay on the therapist's page, where they can be explained.
/// </summary>
[Authorize(Policy = Policies.Patient)]
[Audited(AuditAction.MeasurementsRead)]
public sealed class ProgressModel(PeopleNames people, MeasurementHistory history, CareAccess care, ISessionMarks sessionMarks) : PageModel
{
    public IReadOnlyList<MeasuresView> Measures { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var me = User.UserId();
        var zone = await people.ZoneOfAsync(me, ct);
        var sessions = await care.ResponsibleAsync(me, ct) is { } responsible
            ? await sessionMarks.ForPairAsync(me, responsible.ClinicianId, ct)
            : [];
        Measures = [.. (await history.ForPatientAsync(me, ct))
            .Where(s => s.Instrument.Rater == Rater.Patient)
            .Select(s => new MeasuresView(s, sessions, zone, ForPatient: true))];
    }
}
