namespace Rapport.Web.Features.TreatmentCourses;

public enum MaintenanceDecision
{
    Undecided = 0,
    /// <summary>Monthly maintenance sessions (IPT-M, docs/clinical/ipt-course.md#maintenance).</summary>
    Maintenance = 1,
    NoMaintenance = 2,
    /// <summary>The patient is not better: another effective treatment is offered, without blame (docs/clinical/ipt-course.md#termination).</summary>
    OtherTreatment = 3,
}

/// <summary>A score at the start of the course and now, as passed in from the measurement history.</summary>
public sealed record ScoreComparison(string Instrument, int Baseline, int Current)
{
    public int Change => Current - Baseline;
}

/// <summary>A personal warning sign and what the patient will do about it, including telling someone (docs/clinical/ipt-course.md#termination).</summary>
public sealed record WarningSign(string Sign, string WhatToDo);

public sealed record AnticipatedProblem(string Problem, string Plan);

/// <summary>
/// The review of the last sessions (docs/clinical/ipt-course.md#termination): scores then and now, the gains in the patient's own words,
/// warning signs with what to do, problems ahead with plans, who to contact in an emergency, and the
/// maintenance decision. The patient keeps a copy; once completed it is locked.
/// </summary>
public sealed class TerminationReview
{
    private TerminationReview() { }

    public const int MaxTextLength = 2000;
    public const int MaxItems = 12;
    public const int MaxScore = 100;

    private readonly List<ScoreComparison> _scores = [];
    private readonly List<WarningSign> _warningSigns = [];
    private readonly List<AnticipatedProblem> _anticipatedProblems = [];

    public Guid Id { get; private set; }
    public Guid CourseId { get; private set; }
    public Guid PatientId { get; private set; }
    // Clinical text below: encrypted at rest.
    public string? GainsInOwnWords { get; private set; }
    public string? EmergencyContact { get; private set; }
    public MaintenanceDecision Decision { get; private set; }
    public string? DecisionNote { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public Guid? CompletedById { get; private set; }
    public int Version { get; private set; }

    public IReadOnlyList<ScoreComparison> Scores => _scores;
    public IReadOnlyList<WarningSign> WarningSigns => _warningSigns;
    public IReadOnlyList<AnticipatedProblem> AnticipatedProblems => _anticipatedProblems;
    public bool IsCompleted => CompletedAt is not null;

    /// <summary>The PHQ-9 at the end of acute treatment: the baseline of the relapse rule in maintenance.</summary>
    public int? EndOfAcutePhq9 => _scores.FirstOrDefault(s => string.Equals(s.Instrument, "PHQ-9", StringComparison.OrdinalIgnoreCase))?.Current;

    public sealed record Details(IReadOnlyList<ScoreComparison> Scores, string? GainsInOwnWords, IReadOnlyList<WarningSign> WarningSigns,
        IReadOnlyList<AnticipatedProblem> AnticipatedProblems, string? EmergencyContact, MaintenanceDecision Decision, string? DecisionNote);

    public static TerminationReview Start(TreatmentCourse course, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(course);
        course.EnsureOpen();
        CourseText.Require(course.Phase == CoursePhase.Termination, TreatmentCourseRules.ReviewInTerminationPhase,
            "The termination review is written in the termination phase.");
        return new TerminationReview
        {
            Id = Guid.CreateVersion7(now),
            CourseId = course.Id,
            PatientId = course.PatientId,
            StartedAt = now,
            UpdatedAt = now,
        };
    }

    public void Edit(Details details, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(details);
        CourseText.Require(!IsCompleted, TreatmentCourseRules.CompletedReviewIsLocked, "This review is complete and the patient has their copy; it can no longer change.");
        const string tooLong = TreatmentCourseRules.ReviewTextTooLong;
        var scores = details.Scores ?? [];
        CourseText.Require(scores.All(s => !string.IsNullOrWhiteSpace(s.Instrument) && s.Baseline is >= 0 and <= MaxScore && s.Current is >= 0 and <= MaxScore),
            TreatmentCourseRules.ReviewScoreInvalid, "Each score needs its measure and whole numbers from the measure's range.");
        var signs = (details.WarningSigns ?? []).Select(w => new WarningSign(
            CourseText.Limit(w.Sign, MaxTextLength, tooLong, "Each warning sign") ?? "",
            CourseText.Limit(w.WhatToDo, MaxTextLength, tooLong, "What to do") ?? "")).ToList();
        var problems = (details.AnticipatedProblems ?? []).Select(p => new AnticipatedProblem(
            CourseText.Limit(p.Problem, MaxTextLength, tooLong, "Each problem") ?? "",
            CourseText.Limit(p.Plan, MaxTextLength, tooLong, "Each plan") ?? "")).ToList();
        CourseText.Require(signs.Count <= MaxItems && problems.Count <= MaxItems && scores.Count <= MaxItems, tooLong, $"Keep each list to {MaxItems} entries.");
        CourseText.Require(Enum.IsDefined(details.Decision), TreatmentCourseRules.ReviewNeedsMaintenanceDecision, "Choose a maintenance decision from the list.");
        var gains = CourseText.Limit(details.GainsInOwnWords, MaxTextLength, tooLong, "The gains");
        var contact = CourseText.Limit(details.EmergencyContact, MaxTextLength, tooLong, "The emergency contact");
        var note = CourseText.Limit(details.DecisionNote, MaxTextLength, tooLong, "The note on the decision");

        _scores.Clear();
        _scores.AddRange(scores.Select(s => s with { Instrument = s.Instrument.Trim() }));
        _warningSigns.Clear();
        _warningSigns.AddRange(signs.Where(w => w.Sign.Length > 0 || w.WhatToDo.Length > 0));
        _anticipatedProblems.Clear();
        _anticipatedProblems.AddRange(problems.Where(p => p.Problem.Length > 0 || p.Plan.Length > 0));
        GainsInOwnWords = gains;
        EmergencyContact = contact;
        Decision = details.Decision;
        DecisionNote = note;
        UpdatedAt = now;
        Version++;
    }

    /// <summary>Completes the review: everything the patient takes away must be there.</summary>
    public void Complete(Guid therapistId, DateTimeOffset now)
    {
        CourseText.Require(!IsCompleted, TreatmentCourseRules.CompletedReviewIsLocked, "This review is already complete.");
        CourseText.Require(GainsInOwnWords is not null, TreatmentCourseRules.ReviewNeedsGains, "Write the gains in the patient's own words.");
        CourseText.Require(_warningSigns.Count > 0 && _warningSigns.All(w => w.Sign.Length > 0 && w.WhatToDo.Length > 0), TreatmentCourseRules.ReviewNeedsWarningSigns,
            "List at least one personal warning sign, each with what to do about it.");
        CourseText.Require(EmergencyContact is not null, TreatmentCourseRules.ReviewNeedsEmergencyContact, "Write who to contact in an emergency.");
        CourseText.Require(Decision != MaintenanceDecision.Undecided, TreatmentCourseRules.ReviewNeedsMaintenanceDecision,
            "Record the decision about maintenance sessions; it is raised with every patient.");
        CompletedAt = now;
        CompletedById = therapistId;
        UpdatedAt = now;
        Version++;
    }
}

public enum MaintenanceFrequency
{
    Monthly = 0,
    TwiceMonthly = 1,
    Weekly = 2,
}

/// <summary>
/// Maintenance sessions after the acute course (IPT-M, docs/clinical/ipt-course.md#maintenance): monthly by default, since session
/// frequency made no difference for those who remitted with IPT alone (Frank 2007).
/// </summary>
public sealed class MaintenancePlan
{
    private MaintenancePlan() { }

    public const int MinMonths = 1;
    public const int MaxMonths = 36;
    public const int DefaultMonths = 12;
    /// <summary>A PHQ-9 below this is remission (the measurement-based-care definition the TreatmentCourses readme, rule 27a, cites).</summary>
    public const int Phq9RemissionBelow = 5;
    public const int MaxReasonLength = 1000;

    public Guid Id { get; private set; }
    public Guid CourseId { get; private set; }
    public MaintenanceFrequency Frequency { get; private set; }
    public int LengthMonths { get; private set; }
    public DateOnly StartDate { get; private set; }
    /// <summary>The baseline of the relapse rule; null when no PHQ-9 was recorded at the end of acute treatment.</summary>
    public int? EndOfAcutePhq9 { get; private set; }
    /// <summary>The course's last PHQ-9 when maintenance was planned (the review's when none was measured); null when there was none.</summary>
    public int? LastPhq9 { get; private set; }
    /// <summary>Why monthly maintenance was chosen though the last PHQ-9 was not in remission. Clinical text: encrypted at rest.</summary>
    public string? NotRemittedReason { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public DateOnly EndDate => StartDate.AddMonths(LengthMonths);

    /// <summary>Remission is a PHQ-9 below 5; an unknown score is not taken as remission.</summary>
    public static bool IsRemission(int? phq9) => phq9 is < Phq9RemissionBelow;

    /// <summary>
    /// Plans maintenance after a review that chose it. When the last PHQ-9 is not in remission (readme, rule 27a), monthly
    /// maintenance needs the clinician's reason: the evidence for monthly IPT-M is for those who remitted. The other
    /// choices are more frequent continuation sessions (weekly or every two weeks) or extending the acute phase by an
    /// amendment of the contract instead of a plan.
    /// </summary>
    /// <param name="lastPhq9">The course's last complete PHQ-9; null takes the review's end-of-acute score.</param>
    public static MaintenancePlan Create(TreatmentCourse course, TerminationReview review, MaintenanceFrequency frequency, int lengthMonths,
        DateOnly startDate, DateTimeOffset now, int? lastPhq9 = null, string? notRemittedReason = null)
    {
        ArgumentNullException.ThrowIfNull(course);
        ArgumentNullException.ThrowIfNull(review);
        course.EnsureOpen();
        if (review.CourseId != course.Id)
        {
            throw new ArgumentException("The review belongs to another course.", nameof(review));
        }
        CourseText.Require(review is { IsCompleted: true, Decision: MaintenanceDecision.Maintenance }, TreatmentCourseRules.MaintenanceWasChosen,
            "A maintenance plan follows a completed termination review in which maintenance was chosen.");
        CourseText.Require(lengthMonths is >= MinMonths and <= MaxMonths && Enum.IsDefined(frequency), TreatmentCourseRules.MaintenanceLength,
            $"Maintenance lasts between {MinMonths} and {MaxMonths} months.");
        var last = lastPhq9 ?? review.EndOfAcutePhq9;
        var reason = CourseText.Limit(notRemittedReason, MaxReasonLength, TreatmentCourseRules.MaintenanceReasonTooLong, "The reason for monthly maintenance");
        CourseText.Require(IsRemission(last) || frequency != MaintenanceFrequency.Monthly || reason is not null,
            TreatmentCourseRules.MonthlyMaintenanceWithoutRemissionNeedsReason,
            $"The last PHQ-9 is {(last is { } score ? score.ToString(System.Globalization.CultureInfo.InvariantCulture) : "unknown")}, not in remission (below {Phq9RemissionBelow}). " +
            "Monthly maintenance was tested for people in remission: extend the acute phase by amending the contract, choose more frequent continuation sessions, or write why monthly maintenance is right.");
        return new MaintenancePlan
        {
            Id = Guid.CreateVersion7(now),
            CourseId = course.Id,
            Frequency = frequency,
            LengthMonths = lengthMonths,
            StartDate = startDate,
            EndOfAcutePhq9 = review.EndOfAcutePhq9,
            LastPhq9 = last,
            NotRemittedReason = IsRemission(last) ? null : reason,
            CreatedAt = now,
        };
    }

    /// <summary>The relapse rule against this plan's end-of-acute score; without one, only the threshold of 10 applies.</summary>
    public RelapseCheck Check(int currentPhq9) => RelapseRule.Check(EndOfAcutePhq9, currentPhq9);
}

public sealed record RelapseCheck(bool RoseByFiveOrMore, bool ReachedTen)
{
    public bool IsRelapseAlert => RoseByFiveOrMore || ReachedTen;
}

/// <summary>
/// In maintenance (TreatmentCourses readme, rule 28), a PHQ-9 that rises by 5 or more from the end of acute treatment, or reaches 10,
/// alerts the therapist. 10 is the PHQ-9's "moderate" cut-off; 5 is one point under the 6-point margin of reliable change
/// (docs/clinical/measures.md), so that a returning depression is raised a little early rather than late.
/// </summary>
public static class RelapseRule
{
    public const int Rise = 5;
    public const int Threshold = 10;

    public static RelapseCheck Check(int? endOfAcute, int current)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(current);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(current, 27);
        if (endOfAcute is { } b)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(b, nameof(endOfAcute));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(b, 27, nameof(endOfAcute));
        }
        return new(endOfAcute is { } baseline && current - baseline >= Rise, current >= Threshold);
    }
}
