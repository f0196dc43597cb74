using Rapport.Web.Features.Assessments;

namespace Rapport.Web.Features.Safety;

/// <summary>
/// One version of a patient's Stanley &amp; Brown safety plan (docs/clinical/safety-workflow.md#safety-plan): six prioritised steps written
/// with the patient. Never edited in place: every save is a new version, so what the patient held on a
/// given day is always known, and never a copy of the version before it: a save that changes nothing is no new
/// version (readme, rule 8). It is not a no-suicide contract.
/// </summary>
public sealed class SafetyPlanVersion
{
    private SafetyPlanVersion() { }

    public const int MaxStepLength = 2000;

    public Guid Id { get; private set; }
    public Guid PatientId { get; private set; }
    public int Version { get; private set; }
    // Each step is clinical text, encrypted at rest.
    public string? WarningSigns { get; private set; }
    public string? CopingStrategies { get; private set; }
    public string? DistractionPeopleAndPlaces { get; private set; }
    public string? PeopleToAskForHelp { get; private set; }
    public string? ProfessionalsAndCrisisLines { get; private set; }
    public string? MakingTheEnvironmentSafe { get; private set; }
    /// <summary>"The one thing most important to me": optional, often written at the top of the plan.</summary>
    public string? ReasonForLiving { get; private set; }
    public Guid AuthoredById { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public sealed record Steps(string? WarningSigns, string? CopingStrategies, string? DistractionPeopleAndPlaces, string? PeopleToAskForHelp,
        string? ProfessionalsAndCrisisLines, string? MakingTheEnvironmentSafe, string? ReasonForLiving);

    public static SafetyPlanVersion Write(Guid patientId, SafetyPlanVersion? previous, Steps steps, Guid authorId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var all = Texts(steps);
        if (all.All(string.IsNullOrWhiteSpace))
        {
            throw new RuleViolationException(SafetyRules.PlanNeedsAStep, "Write at least one step of the plan.");
        }
        // Refused whole, each over-long step named, never cut (docs/architecture.md, request flow step 6).
        string[] names = [.. StepHeadings, ReasonForLivingHeading];
        var over = all.Select((text, i) => (Name: names[i], Length: TextLimit.Length(text))).Where(o => o.Length > MaxStepLength).ToList();
        if (over.Count > 0)
        {
            throw new RuleViolationException(SafetyRules.PlanStepTooLong, TextLimit.TooLongMessage(over, MaxStepLength, "step"));
        }
        if (previous is not null && previous.PatientId != patientId)
        {
            throw new ArgumentException("The previous version belongs to another patient.", nameof(previous));
        }
        if (previous is not null && previous.Holds(steps))
        {
            // A version the same as the one before would say the plan was changed when it was not, on the record and in the audit trail.
            throw new RuleViolationException(SafetyRules.PlanUnchanged, "Nothing had changed, so the plan is as it was.");
        }
        return new SafetyPlanVersion
        {
            Id = Guid.CreateVersion7(now),
            PatientId = patientId,
            Version = (previous?.Version ?? 0) + 1,
            WarningSigns = Clean(steps.WarningSigns),
            CopingStrategies = Clean(steps.CopingStrategies),
            DistractionPeopleAndPlaces = Clean(steps.DistractionPeopleAndPlaces),
            PeopleToAskForHelp = Clean(steps.PeopleToAskForHelp),
            ProfessionalsAndCrisisLines = Clean(steps.ProfessionalsAndCrisisLines),
            MakingTheEnvironmentSafe = Clean(steps.MakingTheEnvironmentSafe),
            ReasonForLiving = Clean(steps.ReasonForLiving),
            AuthoredById = authorId,
            CreatedAt = now,
        };
    }

    /// <summary>
    /// Whether saving <paramref name="steps"/> would leave this version's words as they are: each step the same once
    /// cleaned as a save cleans it (blank is empty, the ends trimmed), and a line break the same whichever way it was sent.
    /// </summary>
    public bool Holds(Steps steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        return Texts(ToSteps()).Zip(Texts(steps), (stored, typed) => string.Equals(Lines(stored), Lines(Clean(typed)), StringComparison.Ordinal)).All(same => same);
    }

    public Steps ToSteps() => new(WarningSigns, CopingStrategies, DistractionPeopleAndPlaces, PeopleToAskForHelp,
        ProfessionalsAndCrisisLines, MakingTheEnvironmentSafe, ReasonForLiving);

    /// <summary>The heading of what matters most, shown above the six steps.</summary>
    public const string ReasonForLivingHeading = "What matters most to me";

    /// <summary>The six steps' plain-language headings, in the order the plan is used; a form for a first plan needs them before any version exists.</summary>
    public static readonly IReadOnlyList<string> StepHeadings =
    [
        "Warning signs that a crisis may be starting",
        "Things I can do on my own to take my mind off my problems",
        "People and places that help me take my mind off things",
        "People I can ask for help",
        "Professionals and crisis lines I can contact",
        "Making my surroundings safe",
    ];

    /// <summary>The six steps with their plain-language headings, in the order the plan is used.</summary>
    public IReadOnlyList<(int Number, string Heading, string? Text)> Numbered() =>
    [
        (1, StepHeadings[0], WarningSigns),
        (2, StepHeadings[1], CopingStrategies),
        (3, StepHeadings[2], DistractionPeopleAndPlaces),
        (4, StepHeadings[3], PeopleToAskForHelp),
        (5, StepHeadings[4], ProfessionalsAndCrisisLines),
        (6, StepHeadings[5], MakingTheEnvironmentSafe),
    ];

    /// <summary>What matters most and the numbered steps, as every copy of the plan shows them.</summary>
    public PlanSteps ToPlanSteps() => new(ReasonForLiving, Numbered());

    private static string?[] Texts(Steps steps) => [steps.WarningSigns, steps.CopingStrategies, steps.DistractionPeopleAndPlaces, steps.PeopleToAskForHelp,
        steps.ProfessionalsAndCrisisLines, steps.MakingTheEnvironmentSafe, steps.ReasonForLiving];

    private static string? Lines(string? text) => text?.ReplaceLineEndings("\n");

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
