using Rapport.Web.Features.Assessments;

namespace Rapport.Web.Features.TreatmentCourses;

/// <summary>Who the summary is written for: the patient (plain words) or a referral to another clinician (the IPT terms too).</summary>
public enum SummaryAudience
{
    Patient = 0,
    Referral = 1,
}

/// <summary>
/// The treatment summary: dates, attendance, focus, scores from start to end and the termination review.
/// One model, rendered as a PDF (<see cref="TreatmentSummaryPdf"/>) and returned as JSON by the API, so both always
/// say the same thing. Nothing here is the therapist's private session notes: a summary is something to hand on.
/// </summary>
public sealed record TreatmentSummary(
    SummaryAudience Audience,
    string PatientName,
    string TherapistName,
    string Phase,
    DateOnly OpenedOn,
    DateOnly? ContractStart,
    DateOnly? PlannedEnd,
    DateOnly? EndedOn,
    int? ContractedSessions,
    int SessionsHeld,
    int NoShows,
    int LateCancellations,
    int MaintenanceSessionsHeld,
    IReadOnlyList<string> Focus,
    IReadOnlyList<string> Goals,
    string? FormulationForPatient,
    IReadOnlyList<TreatmentSummary.Score> Scores,
    TreatmentSummary.Review? Ending,
    DateTimeOffset GeneratedAt,
    TreatmentSummary.MedicalModelSummary? MedicalModel = null)
{
    /// <summary>
    /// The medical model of the initial phase (readme, rule 32), for a referral only: the patient's copy keeps to plain
    /// words (rule 31). Severity is the latest PHQ-9 of the course, never typed in.
    /// </summary>
    public sealed record MedicalModelSummary(string? DiagnosisCode, string? Diagnosis, string? Severity, DateOnly? SickRoleGivenOn, string Medication,
        string? MedicationNote);

    public sealed record Score(string Instrument, int? Baseline, DateOnly? BaselineOn, int? Latest, DateOnly? LatestOn, string? LatestBand, IReadOnlyList<string> Change);

    public sealed record Review(string? Gains, IReadOnlyList<WarningSign> WarningSigns, IReadOnlyList<AnticipatedProblem> AnticipatedProblems,
        string? EmergencyContact, string Decision, bool Completed);

    /// <summary>The instruments a summary reports, in this order.</summary>
    public static readonly string[] Instruments = [InstrumentCatalog.Phq9, InstrumentCatalog.Gad7, InstrumentCatalog.Wsas];

    /// <param name="sessions">The sessions used and booked ahead, so the planned last session is the one the contract names (readme, rule 20a).</param>
    public static TreatmentSummary From(CourseFile file, IReadOnlyList<MeasurementSeries> measures, SummaryAudience audience, TimeZoneInfo zone, DateTimeOffset now,
        CourseSessionDates sessions)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(measures);
        var course = file.Course;
        var contract = file.ContractInForce;
        DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

        var focus = file.Formulation is { IsAgreed: true } f
            ? f.Foci.Select(x => audience == SummaryAudience.Referral
                ? $"{ProblemAreaGuide.For(x.Area).Name}{(x.Stage is { } s ? $" ({s.ToString().ToLowerInvariant()})" : "")}: {ProblemAreaGuide.For(x.Area).PlainName.ToLowerInvariant()}"
                : ProblemAreaGuide.For(x.Area).PlainName).ToList()
            : [];
        var scores = Instruments.Select(id => measures.FirstOrDefault(m => m.Instrument.Id == id)).OfType<MeasurementSeries>()
            .Where(m => m.Baseline is not null)
            .Select(m => new Score(m.Instrument.ShortName, m.Baseline!.Total, Day(m.Baseline.SubmittedAt), m.Latest?.Total, m.Latest is { } l ? Day(l.SubmittedAt) : null,
                m.Latest?.Band, m.Change is { } c ? Labels(c) : []))
            .ToList();
        var review = file.Review is { } r
            ? new Review(r.GainsInOwnWords, r.WarningSigns, r.AnticipatedProblems, r.EmergencyContact, Decision(r.Decision), r.IsCompleted)
            : null;
        var severity = TreatmentCourses.MedicalModel.SeverityFrom(measures.FirstOrDefault(m => m.Instrument.Id == InstrumentCatalog.Phq9));
        var medical = audience == SummaryAudience.Referral
            ? new MedicalModelSummary(course.DiagnosisCode, course.DiagnosisLabel, severity?.Describe(zone), course.SickRoleGivenOn,
                TreatmentCourses.MedicalModel.Medication(course.Medication), course.MedicationNote)
            : null;
        return new TreatmentSummary(audience, file.Patient.DisplayName, file.Therapist.DisplayName, Pages.CourseWords.Phase(course.Phase),
            Day(course.OpenedAt), contract?.StartDate, contract?.LastSessionDate(sessions, zone), course.EndedAt is { } ended ? Day(ended) : null,
            course.ContractedSessions, course.SessionsHeld,
            course.Sessions.Count(s => s.Outcome == SessionOutcome.NoShow), course.Sessions.Count(s => s.Outcome == SessionOutcome.LateCancelled),
            course.MaintenanceSessionsHeld, focus, file.Formulation is { IsAgreed: true } agreed ? agreed.Goals : [],
            file.Formulation is { IsAgreed: true } worded ? worded.WordingForPatient : null, scores, review, now, medical);
    }

    private static List<string> Labels(MeasureChange change)
    {
        var labels = new List<string>();
        if (change.ReliableImprovement)
        {
            labels.Add("reliable improvement");
        }
        if (change.ReliableDeterioration)
        {
            labels.Add("reliable deterioration");
        }
        if (change.Response)
        {
            labels.Add("response (50% or more lower)");
        }
        if (change.Remission)
        {
            labels.Add("remission");
        }
        return labels;
    }

    public static string Decision(MaintenanceDecision decision) => decision switch
    {
        MaintenanceDecision.Maintenance => "Maintenance sessions to stay well",
        MaintenanceDecision.NoMaintenance => "No maintenance sessions; contact the therapist if the warning signs return",
        MaintenanceDecision.OtherTreatment => "Another treatment offered",
        _ => "Not decided yet",
    };

    /// <summary>"12 of 16 sessions held; 1 missed without notice"</summary>
    public string Attendance()
    {
        var parts = new List<string>
        {
            ContractedSessions is { } n ? $"{SessionsHeld} of {n} contracted sessions held" : $"{SessionsHeld} sessions held",
        };
        if (NoShows > 0)
        {
            parts.Add(NoShows == 1 ? "1 missed without notice" : $"{NoShows} missed without notice");
        }
        if (LateCancellations > 0)
        {
            parts.Add(LateCancellations == 1 ? "1 cancelled late" : $"{LateCancellations} cancelled late");
        }
        if (MaintenanceSessionsHeld > 0)
        {
            parts.Add(MaintenanceSessionsHeld == 1 ? "1 maintenance session" : $"{MaintenanceSessionsHeld} maintenance sessions");
        }
        return string.Join("; ", parts);
    }
}
