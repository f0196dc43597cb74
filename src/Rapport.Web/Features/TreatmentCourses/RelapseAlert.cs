namespace Rapport.Web.Features.TreatmentCourses;

/// <summary>Which rule raised a course's PHQ-9 alert.</summary>
public enum CourseAlertKind
{
    /// <summary>In maintenance (readme, rule 28); the patient is offered an earlier session.</summary>
    Relapse = 0,
    /// <summary>In the acute phases (readme, rule 29); the clinician reviews the plan.</summary>
    Deterioration = 1,
}

/// <summary>
/// Raised in maintenance when a PHQ-9 meets the relapse rule (TreatmentCourses readme, rule 28), or in the acute phases when it meets the
/// deterioration rule: the therapist sees it on the course and is told by an e-mail with no clinical words; after a
/// relapse the patient is offered an earlier session. The therapist closes it with what they did. One open alert of
/// each kind per course: a second rise while one is open adds nothing new.
/// </summary>
public sealed class RelapseAlert
{
    private RelapseAlert() { }

    public const int MaxNoteLength = 2000;

    public Guid Id { get; private set; }
    public Guid CourseId { get; private set; }
    public Guid PatientId { get; private set; }
    public Guid TherapistId { get; private set; }
    public Guid ResponseId { get; private set; }
    public CourseAlertKind Kind { get; private set; }
    public int Phq9 { get; private set; }
    public int? EndOfAcutePhq9 { get; private set; }
    public bool RoseByFiveOrMore { get; private set; }
    public bool ReachedTen { get; private set; }
    /// <summary>Deterioration: the course's baseline PHQ-9 and the complete one before this, when there were any.</summary>
    public int? BaselinePhq9 { get; private set; }
    public int? PreviousPhq9 { get; private set; }
    public bool RoseFromBaseline { get; private set; }
    public bool RoseFromPrevious { get; private set; }
    public bool ReachedSevere { get; private set; }
    public DateTimeOffset RaisedAt { get; private set; }
    public DateTimeOffset? AcknowledgedAt { get; private set; }
    /// <summary>What the therapist did. Clinical text: encrypted at rest.</summary>
    public string? ActionTaken { get; private set; }
    public int Version { get; private set; }

    public bool IsOpen => AcknowledgedAt is null;

    /// <summary>The alert for a maintenance PHQ-9, or null when the rule is not met.</summary>
    public static RelapseAlert? For(TreatmentCourse course, MaintenancePlan plan, Guid responseId, int phq9, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(course);
        ArgumentNullException.ThrowIfNull(plan);
        if (course.Phase != CoursePhase.Maintenance || plan.CourseId != course.Id)
        {
            return null;
        }
        var check = plan.Check(phq9);
        if (!check.IsRelapseAlert)
        {
            return null;
        }
        var alert = Raise(course, responseId, CourseAlertKind.Relapse, phq9, now);
        alert.EndOfAcutePhq9 = plan.EndOfAcutePhq9;
        alert.RoseByFiveOrMore = check.RoseByFiveOrMore;
        alert.ReachedTen = check.ReachedTen;
        return alert;
    }

    /// <summary>The deterioration notice for a PHQ-9 in the acute phases, or null when the rule is not met or the course is not acute.</summary>
    public static RelapseAlert? ForDeterioration(TreatmentCourse course, Guid responseId, int phq9, int? baseline, int? previous, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(course);
        if (course.IsEnded || course.Phase == CoursePhase.Maintenance)
        {
            return null;
        }
        var check = DeteriorationRule.Check(baseline, previous, phq9);
        if (!check.IsAlert)
        {
            return null;
        }
        var alert = Raise(course, responseId, CourseAlertKind.Deterioration, phq9, now);
        alert.BaselinePhq9 = baseline;
        alert.PreviousPhq9 = previous;
        alert.RoseFromBaseline = check.RoseFromBaseline;
        alert.RoseFromPrevious = check.RoseFromPrevious;
        alert.ReachedSevere = check.ReachedSevere;
        return alert;
    }

    private static RelapseAlert Raise(TreatmentCourse course, Guid responseId, CourseAlertKind kind, int phq9, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        CourseId = course.Id,
        PatientId = course.PatientId,
        TherapistId = course.TherapistId,
        ResponseId = responseId,
        Kind = kind,
        Phq9 = phq9,
        RaisedAt = now,
    };

    /// <summary>
    /// Closes the alert with what was done. Who may is decided by care before this is called (the pages ask
    /// <c>CareAccess</c> for a clinician acting for the patient): the responsible clinician, or the covering one during
    /// cover, who is also the one the e-mail went to.
    /// </summary>
    public void Acknowledge(Guid clinicianId, string actionTaken, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfEqual(clinicianId, Guid.Empty);
        CourseText.Require(IsOpen, TreatmentCourseRules.RelapseAlertClosed, "This alert has already been closed.");
        ActionTaken = CourseText.Required(actionTaken, MaxNoteLength, TreatmentCourseRules.RelapseAlertNeedsAction, TreatmentCourseRules.RelapseAlertNeedsAction,
            "Write what you did, for example: phoned, offered an earlier session.", "What you did");
        AcknowledgedAt = now;
        Version++;
    }

    /// <summary>Why, in words for the therapist.</summary>
    public string Reason => Kind == CourseAlertKind.Deterioration ? DeteriorationReason : RelapseReason;

    private string DeteriorationReason
    {
        get
        {
            var why = new List<string>();
            if (RoseFromBaseline)
            {
                why.Add($"up {Phq9 - BaselinePhq9} from {BaselinePhq9} at the course's baseline");
            }
            if (RoseFromPrevious)
            {
                why.Add($"up {Phq9 - PreviousPhq9} from {PreviousPhq9} the time before");
            }
            if (ReachedSevere)
            {
                why.Add($"at or above {DeteriorationRule.Threshold} (severe)");
            }
            return $"Deterioration in the acute phase: PHQ-9 is {Phq9}: {string.Join("; ", why)}.";
        }
    }

    private string RelapseReason => (RoseByFiveOrMore, ReachedTen) switch
    {
        (true, true) => $"PHQ-9 is {Phq9}: up {Phq9 - EndOfAcutePhq9} from {EndOfAcutePhq9} at the end of acute treatment, and at or above {RelapseRule.Threshold}.",
        (true, false) => $"PHQ-9 is {Phq9}: up {Phq9 - EndOfAcutePhq9} from {EndOfAcutePhq9} at the end of acute treatment.",
        _ => $"PHQ-9 is {Phq9}, at or above {RelapseRule.Threshold}.",
    };
}
