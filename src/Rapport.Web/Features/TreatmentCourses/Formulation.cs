namespace Rapport.Web.Features.TreatmentCourses;

/// <summary>The four IPT problem areas (docs/clinical/ipt-course.md#problem-areas).</summary>
public enum ProblemArea
{
    Grief = 0,
    RoleDispute = 1,
    RoleTransition = 2,
    /// <summary>Interpersonal deficits, also called interpersonal sensitivity.</summary>
    InterpersonalDeficits = 3,
}

/// <summary>The stage of a role dispute (docs/clinical/ipt-course.md#problem-areas), which decides the strategy.</summary>
public enum DisputeStage
{
    Renegotiation = 0,
    Impasse = 1,
    Dissolution = 2,
}

/// <summary>How the patient's agreement was given (docs/clinical/ipt-course.md#formulation: the middle phase needs explicit agreement).</summary>
public enum AgreementChannel
{
    /// <summary>Said in the session and recorded by the therapist.</summary>
    InSession = 0,
    /// <summary>Confirmed by the patient in the portal.</summary>
    Portal = 1,
}

/// <summary>One focus of the formulation; the stage is given for a role dispute and only then.</summary>
public sealed record ProblemFocus(ProblemArea Area, DisputeStage? Stage = null);

/// <summary>
/// The IPT formulation (docs/clinical/ipt-course.md#formulation): the depression linked to one problem area, two at most, tied to the
/// triggering event, with goals, in the therapist's words for the patient. The middle phase waits for the
/// patient's explicit agreement; any change after agreement needs agreement again.
/// </summary>
public sealed class Formulation
{
    private Formulation() { }

    public const int MaxGoals = 10;
    public const int MaxGoalLength = 300;
    public const int MaxTriggerLength = 1000;
    public const int MaxWordingLength = 4000;

    // One goal a line, so the goals are one encrypted column (ClinicalText only covers text columns).
    private string _goals = "";
    private readonly List<Guid> _linkedPersonIds = [];

    public Guid Id { get; private set; }
    public Guid CourseId { get; private set; }
    public ProblemArea PrimaryArea { get; private set; }
    public DisputeStage? PrimaryStage { get; private set; }
    public ProblemArea? SecondaryArea { get; private set; }
    public DisputeStage? SecondaryStage { get; private set; }
    /// <summary>Clinical text: encrypted at rest.</summary>
    public string? TriggerEvent { get; private set; }
    public DateOnly? TriggerDate { get; private set; }
    /// <summary>The therapist's explanation written for the patient, in plain words. Clinical text: encrypted at rest.</summary>
    public string? WordingForPatient { get; private set; }
    /// <summary>1 when first written, +1 for every change.</summary>
    public int Revision { get; private set; }
    public DateTimeOffset? AgreedAt { get; private set; }
    public AgreementChannel? AgreedVia { get; private set; }
    public Guid? AgreementRecordedById { get; private set; }
    /// <summary>The last revision the patient agreed, kept when a change withdraws the agreement.</summary>
    public int? LastAgreedRevision { get; private set; }
    public Guid WrittenById { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public int Version { get; private set; }

    public IReadOnlyList<string> Goals => CourseText.Lines(_goals);
    public IReadOnlyList<Guid> LinkedPersonIds => _linkedPersonIds;
    public bool IsAgreed => AgreedAt is not null;

    public IReadOnlyList<ProblemFocus> Foci => SecondaryArea is { } secondary
        ? [new(PrimaryArea, PrimaryStage), new(secondary, SecondaryStage)]
        : [new(PrimaryArea, PrimaryStage)];

    public sealed record Details(IReadOnlyList<ProblemFocus> Foci, string? TriggerEvent, DateOnly? TriggerDate,
        IReadOnlyList<Guid> LinkedPersonIds, IReadOnlyList<string> Goals, string? WordingForPatient);

    public static Formulation Write(TreatmentCourse course, Details details, InterpersonalInventory? inventory, Guid therapistId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(course);
        course.EnsureOpen();
        var formulation = new Formulation { Id = Guid.CreateVersion7(now), CourseId = course.Id };
        formulation.Apply(details, inventory, therapistId, now);
        return formulation;
    }

    /// <summary>Changes the formulation. A change to an agreed formulation withdraws the agreement until the patient agrees again.</summary>
    public void Revise(Details details, InterpersonalInventory? inventory, Guid therapistId, DateTimeOffset now)
    {
        Apply(details, inventory, therapistId, now);
        AgreedAt = null;
        AgreedVia = null;
        AgreementRecordedById = null;
    }

    /// <summary>The patient agrees the formulation as worded, in the session or in the portal.</summary>
    public void RecordAgreement(AgreementChannel channel, Guid recordedById, DateTimeOffset now)
    {
        CourseText.Require(!IsAgreed, TreatmentCourseRules.FormulationAlreadyAgreed, "This formulation has already been agreed.");
        CourseText.Require(WordingForPatient is not null, TreatmentCourseRules.FormulationNeedsWording,
            "Write the formulation in words for the patient before asking for their agreement.");
        AgreedAt = now;
        AgreedVia = channel;
        AgreementRecordedById = recordedById;
        LastAgreedRevision = Revision;
        Version++;
    }

    private void Apply(Details details, InterpersonalInventory? inventory, Guid therapistId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(details);
        var foci = details.Foci ?? [];
        CourseText.Require(foci.Count > 0, TreatmentCourseRules.FormulationNeedsPrimaryArea, "Choose the main problem area.");
        CourseText.Require(foci.Count <= 2, TreatmentCourseRules.AtMostTwoProblemAreas,
            "IPT keeps to one problem area, two at most. Choose the one or two that matter most to the patient.");
        foreach (var focus in foci)
        {
            CourseText.Require(Enum.IsDefined(focus.Area), TreatmentCourseRules.FormulationNeedsPrimaryArea, "Choose a problem area from the list.");
            CourseText.Require(focus.Area != ProblemArea.RoleDispute || focus.Stage is { } s && Enum.IsDefined(s), TreatmentCourseRules.RoleDisputeNeedsStage,
                "Give the stage of the role dispute: renegotiation, impasse or dissolution.");
            CourseText.Require(focus.Area == ProblemArea.RoleDispute || focus.Stage is null, TreatmentCourseRules.StageOnlyForRoleDispute,
                "A stage is given only for a role dispute.");
        }
        if (foci.Count == 2)
        {
            CourseText.Require(foci[0].Area != foci[1].Area, TreatmentCourseRules.SecondaryDiffersFromPrimary,
                "The second problem area must differ from the first.");
            CourseText.Require(foci.All(f => f.Area != ProblemArea.InterpersonalDeficits), TreatmentCourseRules.DeficitsOnlyWhenNoOtherAreaFits,
                "Interpersonal deficits is chosen only when no other problem area fits, so it cannot be paired with another.");
        }
        var onlyDeficits = foci[0].Area == ProblemArea.InterpersonalDeficits;
        var trigger = CourseText.Limit(details.TriggerEvent, MaxTriggerLength, TreatmentCourseRules.FormulationTextTooLong, "The trigger event");
        // Deficits describe chronic isolation, which may have no single triggering event (docs/clinical/ipt-course.md#problem-areas).
        CourseText.Require(trigger is not null || onlyDeficits, TreatmentCourseRules.FormulationNeedsTrigger,
            "Describe the event that the depression is linked to.");
        CourseText.Require(details.TriggerDate is not { } date || date <= DateOnly.FromDateTime(now.UtcDateTime), TreatmentCourseRules.TriggerDateNotInFuture,
            "The trigger event cannot be in the future.");
        var goals = (details.Goals ?? []).Select(CourseText.OneLine).OfType<string>().ToList();
        CourseText.Require(goals.Count > 0, TreatmentCourseRules.FormulationNeedsGoals, "Write at least one goal for the problem area.");
        CourseText.Require(goals.Count <= MaxGoals, TreatmentCourseRules.FormulationNeedsGoals, $"Keep to at most {MaxGoals} goals.");
        CourseText.Require(goals.All(g => g.Length <= MaxGoalLength), TreatmentCourseRules.FormulationTextTooLong, $"Each goal can be at most {MaxGoalLength} characters.");
        var wording = CourseText.Limit(details.WordingForPatient, MaxWordingLength, TreatmentCourseRules.FormulationTextTooLong, "The wording for the patient");
        var linked = (details.LinkedPersonIds ?? []).Distinct().ToList();
        if (linked.Count > 0)
        {
            CourseText.Require(inventory is not null && inventory.CourseId == CourseId && linked.All(id => inventory.People.Any(p => p.Id == id)),
                TreatmentCourseRules.LinkedPeopleFromInventory, "The people involved must be chosen from this patient's interpersonal inventory.");
        }

        PrimaryArea = foci[0].Area;
        PrimaryStage = foci[0].Stage;
        SecondaryArea = foci.Count == 2 ? foci[1].Area : null;
        SecondaryStage = foci.Count == 2 ? foci[1].Stage : null;
        TriggerEvent = trigger;
        TriggerDate = details.TriggerDate;
        WordingForPatient = wording;
        _goals = string.Join('\n', goals);
        _linkedPersonIds.Clear();
        _linkedPersonIds.AddRange(linked);
        WrittenById = therapistId;
        UpdatedAt = now;
        Revision++;
        Version++;
    }
}
