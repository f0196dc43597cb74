using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Booking;

namespace Rapport.Web.Features.Assessments;

/// <summary>A measure the patient should answer now, and why.</summary>
public sealed record DueMeasure(Instrument Instrument, string Reason, DateTimeOffset? BeforeUtc, Guid? RequestId);

/// <summary>
/// What is due for a patient, worked out when asked rather than stored, so it can never drift from the
/// appointments: the intake baseline, any measure the therapist sent, and the plan's measures in the 48 hours
/// before the next session (issue 4 §3). A due measure is done once a response to it arrived inside that window.
/// </summary>
public sealed class DueMeasures(AppDbContext db, SessionHistory sessionHistory, TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(48);

    public async Task<IReadOnlyList<DueMeasure>> ForPatientAsync(Guid patientId, CancellationToken ct) =>
        await ForPatientAsync(patientId, await db.Intakes.AnyAsync(i => i.PatientId == patientId, ct), ct);

    /// <summary>The same, for a caller that already knows whether the patient has an intake (the home reads it anyway).</summary>
    public async Task<IReadOnlyList<DueMeasure>> ForPatientAsync(Guid patientId, bool hasIntake, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = new List<DueMeasure>();
        var latest = await db.AssessmentResponses.AsNoTracking().Where(r => r.PatientId == patientId)
            .GroupBy(r => r.InstrumentId).Select(g => new { Instrument = g.Key, At = g.Max(r => r.SubmittedAt) }).ToListAsync(ct);
        DateTimeOffset? LastAnswered(string instrumentId) => latest.FirstOrDefault(l => l.Instrument == instrumentId)?.At;

        var requests = await db.MeasureRequests.AsNoTracking().Where(r => r.PatientId == patientId && r.ResponseId == null)
            .OrderBy(r => r.RequestedAt).ToListAsync(ct);
        foreach (var request in requests)
        {
            if (InstrumentCatalog.Find(request.InstrumentId) is { } instrument && due.All(d => d.Instrument.Id != instrument.Id))
            {
                due.Add(new DueMeasure(instrument, "Your therapist asked you to answer this.", null, request.Id));
            }
        }

        // The baseline: a patient who has never answered the core measures is asked for them after the intake.
        if (hasIntake)
        {
            foreach (var instrument in new[] { InstrumentCatalog.Phq9Instrument, InstrumentCatalog.Gad7Instrument, InstrumentCatalog.WsasInstrument })
            {
                if (LastAnswered(instrument.Id) is null && due.All(d => d.Instrument.Id != instrument.Id))
                {
                    due.Add(new DueMeasure(instrument, "Part of your first assessment.", null, null));
                }
            }
        }

        var next = await db.Appointments.AsNoTracking()
            .Where(a => a.PatientId == patientId && a.Status == AppointmentStatus.Booked && a.StartUtc > now && a.StartUtc <= now + Window)
            .OrderBy(a => a.StartUtc).FirstOrDefaultAsync(ct);
        if (next is not null)
        {
            var plan = await db.MeasurementPlans.AsNoTracking().FirstOrDefaultAsync(p => p.PatientId == patientId, ct) ?? MeasurementPlan.Default(patientId);
            var sessions = await sessionHistory.SessionsAsync(patientId, next.TherapistId, ct);
            var number = sessions.ToList().FindIndex(a => a.Id == next.Id) + 1;
            foreach (var instrument in new[] { InstrumentCatalog.Phq9Instrument, InstrumentCatalog.Gad7Instrument, InstrumentCatalog.WsasInstrument })
            {
                var windowOpens = next.StartUtc - Window;
                if (plan.IsDueAt(instrument.Id, number) && !(LastAnswered(instrument.Id) >= windowOpens) && due.All(d => d.Instrument.Id != instrument.Id))
                {
                    due.Add(new DueMeasure(instrument, $"Before your session {number}.", next.StartUtc, null));
                }
            }
        }
        return due;
    }
}
