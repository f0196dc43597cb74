using Rapport.Web.Features.Assessments;

namespace Rapport.Web.Features.Safety;

/// <summary>
/// One version of a patient's Stanley &amp; Brown safety plan (docs/clinical/safety-workflow.md#safety-plan): six prioritised steps written
/// with the patient. Never edited in place: every save is a new version, so what the patient held on a
/// given day is always known. It is not a no-suicide contract.
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
        string?[] all = [steps.WarningSigns, steps.CopingStrategies, steps.DistractionPeopleAndPlaces, steps.PeopleToAskForHelp,
            steps.ProfessionalsAndCrisisLines, steps.MakingTheEnvironmentSafe, steps.ReasonForLiving];
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

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
