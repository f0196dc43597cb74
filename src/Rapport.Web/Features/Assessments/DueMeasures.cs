using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Booking;

namespace Rapport.Web.Features.Assessments;

/// <summary>A measure the patient should answer now, and why.</summary>
public sealed record DueMeasure(Instrument Instrument, string Reason, DateTimeOffset? BeforeUtc, Guid? RequestId);

/// <summary>
/// What is due for a patient, worked out when asked rather than stored, so it can never drift from the
/// appointments: the intake baseline, any measure the therapist sent, and the plan's measures in the 48 hours
/// before the next session (Assessments readme, rule 11). A due measure is done once a response to it arrived inside that window.
/// </summary>
public sealed class DueMeasures(AppDbContext db, SessionHistory sessionHistory, TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(48);

    // Read on the patient's home whenever a session is near, so compiled once (Data/CompiledQuery.cs).
    private static readonly CompiledQuery<Func<AppDbContext, Guid, CancellationToken, Task<MeasurementPlan?>>> PlanOf = new(() =>
        EF.CompileAsyncQuery((AppDbContext db, Guid patientId, CancellationToken ct) => db.MeasurementPlans.AsNoTracking().FirstOrDefault(p => p.PatientId == patientId)));

    /// <summary>What the list is worked out from, read in one round trip (the home reads the same inside its own query).</summary>
    public sealed record Facts(bool HasIntake, bool HasOpenRequests, DateTimeOffset? LastPhq9, DateTimeOffset? LastGad7, DateTimeOffset? LastWsas,
        Guid? NextId, Guid? NextTherapistId, DateTimeOffset? NextStartUtc)
    {
        public DateTimeOffset? LastAnswered(string instrumentId) => instrumentId switch
        {
            InstrumentCatalog.Phq9 => LastPhq9,
            InstrumentCatalog.Gad7 => LastGad7,
            InstrumentCatalog.Wsas => LastWsas,
            _ => null,
        };
    }

    /// <summary>The facts of one patient, as a part of a query (Data/QueryPart.cs); the patient's home reads them in its own.</summary>
    public static readonly Expression<Func<AppDbContext, Guid, DateTimeOffset, Facts>> FactsOf = (db, patientId, now) => new Facts(
        db.Intakes.Any(i => i.PatientId == patientId),
        db.MeasureRequests.Any(r => r.PatientId == patientId && r.ResponseId == null),
        db.AssessmentResponses.Where(r => r.PatientId == patientId && r.InstrumentId == InstrumentCatalog.Phq9).Max(r => (DateTimeOffset?)r.SubmittedAt),
        db.AssessmentResponses.Where(r => r.PatientId == patientId && r.InstrumentId == InstrumentCatalog.Gad7).Max(r => (DateTimeOffset?)r.SubmittedAt),
        db.AssessmentResponses.Where(r => r.PatientId == patientId && r.InstrumentId == InstrumentCatalog.Wsas).Max(r => (DateTimeOffset?)r.SubmittedAt),
        SessionHistory.BookedAhead.Use(db, patientId, now).Select(a => (Guid?)a.Id).FirstOrDefault(),
        SessionHistory.BookedAhead.Use(db, patientId, now).Select(a => (Guid?)a.TherapistId).FirstOrDefault(),
        SessionHistory.BookedAhead.Use(db, patientId, now).Select(a => (DateTimeOffset?)a.StartUtc).FirstOrDefault());

    // The facts of a patient who has an account; none for an id without one.
    private static readonly CompiledQuery<Func<AppDbContext, Guid, DateTimeOffset, CancellationToken, Task<Facts?>>> FactsOfPatient = new(() =>
        EF.CompileAsyncQuery(QueryPart.Splice((AppDbContext db, Guid patientId, DateTimeOffset now, CancellationToken ct) =>
            PeopleNames.ById.Use(db, patientId).Select(p => FactsOf.Use(db, patientId, now)).SingleOrDefault())));

    public async Task<IReadOnlyList<DueMeasure>> ForPatientAsync(Guid patientId, CancellationToken ct)
    {
        var facts = await FactsOfPatient.For(db)(db, patientId, clock.GetUtcNow(), ct);
        return facts is null ? [] : await ForPatientAsync(patientId, facts, ct);
    }

    /// <summary>
    /// The same, from facts the caller already read. Only what is rare costs a query of its own: a measure the therapist
    /// sent, and the plan and session number when the next session is inside the window.
    /// </summary>
    public async Task<IReadOnlyList<DueMeasure>> ForPatientAsync(Guid patientId, Facts facts, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = new List<DueMeasure>();
        if (facts.HasOpenRequests)
        {
            var requests = await db.MeasureRequests.AsNoTracking().Where(r => r.PatientId == patientId && r.ResponseId == null)
                .OrderBy(r => r.RequestedAt).ToListAsync(ct);
            foreach (var request in requests)
            {
                if (InstrumentCatalog.Find(request.InstrumentId) is { } instrument && due.All(d => d.Instrument.Id != instrument.Id))
                {
                    due.Add(new DueMeasure(instrument, "Your therapist asked you to answer this.", null, request.Id));
                }
            }
        }

        // The baseline: a patient who has never answered the core measures is asked for them after the intake.
        if (facts.HasIntake)
        {
            foreach (var instrument in CoreInstruments)
            {
                if (facts.LastAnswered(instrument.Id) is null && due.All(d => d.Instrument.Id != instrument.Id))
                {
                    due.Add(new DueMeasure(instrument, "Part of your first assessment.", null, null));
                }
            }
        }

        if (facts is { NextId: { } nextId, NextTherapistId: { } therapistId, NextStartUtc: { } startUtc } && startUtc > now && startUtc <= now + Window)
        {
            var plan = await PlanOf.For(db)(db, patientId, ct) ?? MeasurementPlan.Default(patientId);
            var number = await sessionHistory.NumberOfAsync(patientId, therapistId, startUtc, ct);
            var windowOpens = startUtc - Window;
            foreach (var instrument in CoreInstruments)
            {
                if (plan.IsDueAt(instrument.Id, number) && !(facts.LastAnswered(instrument.Id) >= windowOpens) && due.All(d => d.Instrument.Id != instrument.Id))
                {
                    // Not "session k": the schedule counts every appointment, the first conversation too, while the
                    // patient's sessions are numbered from the course's first (TreatmentCourses readme, "Session numbers").
                    due.Add(new DueMeasure(instrument, "Before your next session.", startUtc, null));
                }
            }
        }
        return due;
    }

    private static readonly Instrument[] CoreInstruments = [InstrumentCatalog.Phq9Instrument, InstrumentCatalog.Gad7Instrument, InstrumentCatalog.WsasInstrument];
}
