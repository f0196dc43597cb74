namespace Rapport.Web.Features.TreatmentCourses;

/// <summary>
/// The tasks of each phase a supervisor rates (docs/clinical/fidelity.md): four of the initial phase, four of the middle
/// phase and four of the ending. The numbers are stored; never renumber them.
/// </summary>
public enum FidelityItem
{
    InterpersonalInventory = 0,
    FormulationShared = 1,
    ContractAgreed = 2,
    SickRoleGiven = 3,
    FocusKept = 4,
    MoodLinkedToEvents = 5,
    TechniquesSuitTheArea = 6,
    BetweenSessionWorkReviewed = 7,
    ProgressReviewed = 8,
    FeelingsAboutEndingDiscussed = 9,
    WarningSignsNamed = 10,
    FuturePlanned = 11,
}

/// <summary>The rated items with their phase and wording, and which phases a course has reached (readme, rule 33).</summary>
public static class FidelityItems
{
    public sealed record Item(FidelityItem Id, CoursePhase Phase, string Text);

    /// <summary>The phases whose tasks are rated, in course order.</summary>
    public static readonly IReadOnlyList<CoursePhase> RatedPhases = [CoursePhase.Initial, CoursePhase.Middle, CoursePhase.Termination];

    public static readonly IReadOnlyList<Item> All =
    [
        new(FidelityItem.InterpersonalInventory, CoursePhase.Initial, "The interpersonal inventory was taken"),
        new(FidelityItem.FormulationShared, CoursePhase.Initial, "The formulation was shared with the patient and the focus agreed"),
        new(FidelityItem.ContractAgreed, CoursePhase.Initial, "The treatment contract was agreed"),
        new(FidelityItem.SickRoleGiven, CoursePhase.Initial, "The sick role was given"),
        new(FidelityItem.FocusKept, CoursePhase.Middle, "The sessions kept to the agreed problem area"),
        new(FidelityItem.MoodLinkedToEvents, CoursePhase.Middle, "Mood was linked to interpersonal events"),
        new(FidelityItem.TechniquesSuitTheArea, CoursePhase.Middle, "The techniques suited the problem area"),
        new(FidelityItem.BetweenSessionWorkReviewed, CoursePhase.Middle, "What the patient tried between sessions was reviewed"),
        new(FidelityItem.ProgressReviewed, CoursePhase.Termination, "Progress was reviewed and the patient's part in it credited"),
        new(FidelityItem.FeelingsAboutEndingDiscussed, CoursePhase.Termination, "Feelings about the ending were discussed"),
        new(FidelityItem.WarningSignsNamed, CoursePhase.Termination, "Warning signs were named with what to do"),
        new(FidelityItem.FuturePlanned, CoursePhase.Termination, "A plan for the future was made"),
    ];

    public static Item Of(FidelityItem item) => All.Single(i => i.Id == item);

    /// <summary>The rated phases the course is in or has been through (its history keeps every phase it entered).</summary>
    public static IReadOnlySet<CoursePhase> PhasesReached(TreatmentCourse course)
    {
        ArgumentNullException.ThrowIfNull(course);
        return course.History.Select(h => h.To).Append(course.Phase).Where(RatedPhases.Contains).ToHashSet();
    }

    /// <summary>"Initial phase", "Middle phase", "Ending".</summary>
    public static string PhaseName(CoursePhase phase) => phase switch
    {
        CoursePhase.Initial => "Initial phase",
        CoursePhase.Middle => "Middle phase",
        _ => "Ending (termination phase)",
    };

    public static string RatingWord(int? rating) => rating switch
    {
        0 => "0 absent",
        1 => "1 partly done",
        2 => "2 fully done",
        _ => "not yet rated",
    };
}

/// <summary>
/// A supervisor's fidelity rating of one course (readme, rule 33; docs/clinical/fidelity.md): each task of every phase
/// the course has reached rated 0 (absent), 1 (partly done) or 2 (fully done); the tasks of later phases stay unrated,
/// never 0. The total is the sum out of twice the number of rated tasks ("17 of 24").
/// </summary>
public sealed class FidelityReview
{
    private FidelityReview() { }

    public const int MaxCommentLength = 2000;
    public const int MaxRating = 2;

    public Guid Id { get; private set; }
    public Guid CourseId { get; private set; }
    public Guid TherapistId { get; private set; }
    public Guid ReviewerId { get; private set; }
    public int? InterpersonalInventory { get; private set; }
    public int? FormulationShared { get; private set; }
    public int? ContractAgreed { get; private set; }
    public int? SickRoleGiven { get; private set; }
    public int? FocusKept { get; private set; }
    public int? MoodLinkedToEvents { get; private set; }
    public int? TechniquesSuitTheArea { get; private set; }
    public int? BetweenSessionWorkReviewed { get; private set; }
    public int? ProgressReviewed { get; private set; }
    public int? FeelingsAboutEndingDiscussed { get; private set; }
    public int? WarningSignsNamed { get; private set; }
    public int? FuturePlanned { get; private set; }
    /// <summary>Clinical text (it may discuss the patient): encrypted at rest.</summary>
    public string? Comment { get; private set; }
    public DateTimeOffset At { get; private set; }

    /// <summary>The rating of one task; null when it was not rated (a phase not reached, or a row kept from the yes/no checklist).</summary>
    public int? Rating(FidelityItem item) => item switch
    {
        FidelityItem.InterpersonalInventory => InterpersonalInventory,
        FidelityItem.FormulationShared => FormulationShared,
        FidelityItem.ContractAgreed => ContractAgreed,
        FidelityItem.SickRoleGiven => SickRoleGiven,
        FidelityItem.FocusKept => FocusKept,
        FidelityItem.MoodLinkedToEvents => MoodLinkedToEvents,
        FidelityItem.TechniquesSuitTheArea => TechniquesSuitTheArea,
        FidelityItem.BetweenSessionWorkReviewed => BetweenSessionWorkReviewed,
        FidelityItem.ProgressReviewed => ProgressReviewed,
        FidelityItem.FeelingsAboutEndingDiscussed => FeelingsAboutEndingDiscussed,
        FidelityItem.WarningSignsNamed => WarningSignsNamed,
        FidelityItem.FuturePlanned => FuturePlanned,
        _ => throw new ArgumentOutOfRangeException(nameof(item)),
    };

    private IEnumerable<int> Rated => FidelityItems.All.Select(i => Rating(i.Id)).OfType<int>();

    public int Total => Rated.Sum();
    public int Maximum => Rated.Count() * MaxRating;
    /// <summary>"17 of 24".</summary>
    public string Score => $"{Total} of {Maximum}";

    /// <summary>
    /// Rates the course: every task of each phase reached must be rated 0–2, a task of a phase not reached must not be.
    /// The course's own therapist cannot rate themself.
    /// </summary>
    public static FidelityReview Record(TreatmentCourse course, Guid reviewerId, IReadOnlyDictionary<FidelityItem, int?> ratings, string? comment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(course);
        ArgumentNullException.ThrowIfNull(ratings);
        CourseText.Require(reviewerId != course.TherapistId, TreatmentCourseRules.FidelityByAnotherClinician,
            "A fidelity review is done by a supervisor, not by the course's own therapist.");
        var reached = FidelityItems.PhasesReached(course);
        CourseText.Require(reached.Count > 0, TreatmentCourseRules.FidelityNothingToRateYet,
            "The course is still in its assessment: there is no phase to rate yet.");
        var given = ratings.Where(r => r.Value is not null).ToDictionary(r => r.Key, r => r.Value!.Value);
        CourseText.Require(given.Values.All(r => r is >= 0 and <= MaxRating), TreatmentCourseRules.FidelityRatingRange,
            "Rate each task 0 (absent), 1 (partly done) or 2 (fully done).");
        var early = given.Keys.Where(i => !reached.Contains(FidelityItems.Of(i).Phase)).ToList();
        CourseText.Require(early.Count == 0, TreatmentCourseRules.FidelityPhaseNotReached,
            $"The course has not reached the phase of: {string.Join("; ", early.Select(i => FidelityItems.Of(i).Text.ToLowerInvariant()))}. Leave those unrated.");
        var missing = FidelityItems.All.Where(i => reached.Contains(i.Phase) && !given.ContainsKey(i.Id)).ToList();
        CourseText.Require(missing.Count == 0, TreatmentCourseRules.FidelityRateEveryReachedTask,
            $"Rate every task of the phases the course has reached; not yet rated: {string.Join("; ", missing.Select(i => i.Text.ToLowerInvariant()))}.");
        int? Of(FidelityItem item) => given.TryGetValue(item, out var r) ? r : null;
        return new FidelityReview
        {
            Id = Guid.CreateVersion7(now),
            CourseId = course.Id,
            TherapistId = course.TherapistId,
            ReviewerId = reviewerId,
            InterpersonalInventory = Of(FidelityItem.InterpersonalInventory),
            FormulationShared = Of(FidelityItem.FormulationShared),
            ContractAgreed = Of(FidelityItem.ContractAgreed),
            SickRoleGiven = Of(FidelityItem.SickRoleGiven),
            FocusKept = Of(FidelityItem.FocusKept),
            MoodLinkedToEvents = Of(FidelityItem.MoodLinkedToEvents),
            TechniquesSuitTheArea = Of(FidelityItem.TechniquesSuitTheArea),
            BetweenSessionWorkReviewed = Of(FidelityItem.BetweenSessionWorkReviewed),
            ProgressReviewed = Of(FidelityItem.ProgressReviewed),
            FeelingsAboutEndingDiscussed = Of(FidelityItem.FeelingsAboutEndingDiscussed),
            WarningSignsNamed = Of(FidelityItem.WarningSignsNamed),
            FuturePlanned = Of(FidelityItem.FuturePlanned),
            Comment = CourseText.Limit(comment, MaxCommentLength, TreatmentCourseRules.FidelityCommentTooLong, "The comment"),
            At = now,
        };
    }
}
