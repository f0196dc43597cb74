using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Booking;

namespace Rapport.Web.Features.TreatmentCourses;

/// <summary>The pair's sessions numbered as the course numbers them (readme, "Session numbers"), for the progress chart.</summary>
public sealed class PairSessionMarks(SessionHistory sessionHistory, SessionNumbering numbering, TimeProvider clock) : ISessionMarks
{
    public async Task<IReadOnlyList<SessionMark>> ForPairAsync(Guid patientId, Guid clinicianId, CancellationToken ct) =>
        (await numbering.ForPairAsync(patientId, clinicianId, await sessionHistory.SessionsAsync(patientId, clinicianId, ct), clock.GetUtcNow(), ct)).Marks;
}
