namespace Rapport.Web.Features.TreatmentCourses;

/// <summary>
/// What the therapist's page shows beside each problem area: the cues, goals and strategies of docs/clinical/ipt-course.md#problem-areas,
/// paraphrased (not quoted from the manuals). A guide, never a checklist the therapist must click through.
/// </summary>
public sealed record ProblemAreaGuide(ProblemArea Area, string Name, string PlainName, string Cues,
    IReadOnlyList<string> Goals, IReadOnlyList<string> Strategies)
{
    public static ProblemAreaGuide For(ProblemArea area) => area switch
    {
        ProblemArea.Grief => new(area, "Grief", "Loss of someone important",
            "Onset or persistence linked to the death of a significant person; grief that is delayed, avoided or prolonged. Ordinary grief is not a target.",
            ["Help the patient mourn.", "Help them rebuild interests and relationships that partly replace what was lost."],
            ["Link the onset of the depression to the death.", "Reconstruct the relationship with the person who died, its good and bad sides.",
             "Go through the events around the death.", "Explore avoided feelings such as guilt or anger.", "Reconnect with other people."]),
        ProblemArea.RoleDispute => new(area, "Role dispute", "A conflict with someone important",
            "An open or hidden conflict with a significant other, with expectations that do not match; the dispute is stalled or repeating.",
            ["Identify the dispute.", "Choose a plan of action.", "Change communication, expectations, or both.", "The therapist does not favour any outcome."],
            ["Decide the stage of the dispute.", "Explore the issues, each side's expectations and the options.",
             "Look for parallels in other relationships."]),
        ProblemArea.RoleTransition => new(area, "Role transition", "A big change in life",
            "Linked to a life change such as a new job, a move, a divorce, an illness, a birth or retirement; positive changes count too.",
            ["Mourn and accept the loss of the old role.", "See the new role more positively.", "Restore self-esteem through mastery of the new role."],
            ["Weigh the good and bad of the old and the new role.", "Express feelings about what was lost.", "Find the opportunities in the new role.",
             "Build support and the skills the new role needs."]),
        ProblemArea.InterpersonalDeficits => new(area, "Interpersonal deficits (sensitivity)", "Feeling alone or cut off",
            "Chosen only when no other area fits: few attachments, chronic isolation.",
            ["Reduce isolation.", "Build new relationships."],
            ["Review past relationships and the patterns that repeat.", "Use the therapy relationship for feedback.", "Rehearse with role play.",
             "The outlook is poorer: consider alternatives or adding medication if there is no improvement."]),
        _ => throw new ArgumentOutOfRangeException(nameof(area)),
    };

    /// <summary>The strategy for a role dispute at each stage (docs/clinical/ipt-course.md#problem-areas).</summary>
    public static string ForStage(DisputeStage stage) => stage switch
    {
        DisputeStage.Renegotiation => "Renegotiation: both are actively trying, so work on improving how they communicate.",
        DisputeStage.Impasse => "Impasse: talks have stopped and resentment simmers, so bring the dispute into the open to restart negotiation.",
        DisputeStage.Dissolution => "Dissolution: the relationship is beyond repair, so help the patient end it and mourn, as in grief.",
        _ => throw new ArgumentOutOfRangeException(nameof(stage)),
    };

    public static IReadOnlyList<ProblemAreaGuide> All { get; } = Enum.GetValues<ProblemArea>().Select(For).ToList();
}
