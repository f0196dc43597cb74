namespace Rapport.Web.Features.TreatmentCourses;

/// <summary>
/// The supervisor's fidelity rating form (readme, rule 33): for each task, what the record shows and the rating it
/// suggests. A suggestion is only a starting point: the supervisor reads the course and confirms or corrects it. Tasks
/// of a phase the course has not reached have no suggestion: they stay unrated.
/// </summary>
public static class FidelityChecklist
{
    public sealed record Question(FidelityItem Item, CoursePhase Phase, string Text, string Evidence, int? Suggested);

    public static IReadOnlyList<Question> Questions(CourseFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var reached = FidelityItems.PhasesReached(file.Course);
        return [.. FidelityItems.All.Select(i =>
        {
            var (evidence, suggested) = Evidence(file, i.Id);
            return new Question(i.Id, i.Phase, i.Text, evidence, reached.Contains(i.Phase) ? suggested : null);
        })];
    }

    /// <summary>What the record suggests for every task of the phases reached; the others are absent (not yet rated).</summary>
    public static IReadOnlyDictionary<FidelityItem, int?> Suggest(CourseFile file) =>
        Questions(file).ToDictionary(q => q.Item, q => q.Suggested);

    private static (string Evidence, int Suggested) Evidence(CourseFile file, FidelityItem item)
    {
        var notes = file.Notes.Where(n => n.IsSigned).ToList();
        var middle = notes.Where(n => n.Phase == CoursePhase.Middle).ToList();
        var review = file.Review;
        return item switch
        {
            FidelityItem.InterpersonalInventory => file.Inventory switch
            {
                null => ("No inventory started.", 0),
                { State: InventoryState.Completed } i => ($"{i.People.Count} people; completed with the therapist.", 2),
                var i => ($"{i.People.Count} people; still the patient's draft.", i.People.Count > 0 ? 1 : 0),
            },
            FidelityItem.FormulationShared => file.Formulation switch
            {
                null => ("No formulation written.", 0),
                { IsAgreed: true } f => ($"Agreed ({f.AgreedVia}).", 2),
                _ => ("Written, not agreed.", 1),
            },
            FidelityItem.ContractAgreed => file.ContractInForce is { } c ? ($"Version {c.Version} in force: {c.SessionCount} sessions.", 2)
                : file.OpenContract is not null ? ("Drafted, not signed by both.", 1) : ("No contract drafted.", 0),
            FidelityItem.SickRoleGiven => file.Course.SickRoleGivenOn is { } on
                ? ($"Recorded as given on {on.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}.", 2)
                : ("Not recorded.", 0),
            FidelityItem.FocusKept => Share(middle.Count(n => n.ProblemAreaWork is not null), middle.Count, "middle-phase notes record problem-area work"),
            FidelityItem.MoodLinkedToEvents => Share(notes.Count(LinksMoodAndEvents), notes.Count, "signed notes record both mood and the week's events"),
            FidelityItem.TechniquesSuitTheArea => Share(middle.Count(n => n.Techniques.Count > 0 && n.ProblemAreaWorked is not null), middle.Count,
                "middle-phase notes name the area worked on and the techniques used; judge whether they suit it"),
            FidelityItem.BetweenSessionWorkReviewed => Share(middle.Count(n => n.BetweenSessionTask is not null)
                + file.Decisions.SelectMany(d => d.Tries).Count(t => t.HasFeedback), middle.Count + file.Decisions.SelectMany(d => d.Tries).Count(),
                "between-session tasks and decision tries recorded or reported on"),
            FidelityItem.ProgressReviewed => review is null ? ("No termination review.", 0)
                : review.GainsInOwnWords is not null && review.Scores.Count > 0 ? ($"Gains written, {review.Scores.Count} scores compared.", 2)
                : ("The review is started; gains or scores missing.", 1),
            FidelityItem.FeelingsAboutEndingDiscussed => (review is { IsCompleted: true }, notes.Any(n => n.Phase == CoursePhase.Termination)) switch
            {
                (false, false) => ("Not yet.", 0),
                // An ending reached after too short a middle phase was not in good time, however it was discussed.
                _ when ShortMiddle(file) is { } shortMiddle => (shortMiddle, 1),
                (true, _) => ("Termination review completed.", 2),
                _ => ("Termination-phase notes exist; review not completed.", 2),
            },
            FidelityItem.WarningSignsNamed => review is { WarningSigns.Count: > 0 } ? ($"{review.WarningSigns.Count} warning signs, each with what to do.", 2)
                : ("No warning signs written.", 0),
            FidelityItem.FuturePlanned => review is null ? ("No termination review.", 0)
                : review.AnticipatedProblems.Count > 0 && review.Decision != MaintenanceDecision.Undecided
                    ? ($"{review.AnticipatedProblems.Count} problems ahead planned for; {TreatmentSummary.Decision(review.Decision).ToLowerInvariant()}.", 2)
                : review.AnticipatedProblems.Count > 0 || review.Decision != MaintenanceDecision.Undecided ? ("Partly planned.", 1) : ("Not yet.", 0),
            _ => throw new ArgumentOutOfRangeException(nameof(item)),
        };
    }

    /// <summary>All of them 2, some 1, none (or nothing to judge) 0.</summary>
    private static (string, int) Share(int part, int all, string what) => all == 0
        ? ("Nothing recorded yet.", 0)
        : ($"{part} of {all} {what}.", part == all ? 2 : part > 0 ? 1 : 0);

    private static string? ShortMiddle(CourseFile file) => file.Course.MiddlePhaseWasShort
        ? $"The middle phase had {file.Course.MiddleSessionsUsed} of {file.Course.ContractedSessions} contracted sessions, fewer than half: the ending came before the problem area had room."
        : null;

    private static bool LinksMoodAndEvents(SessionNote note) => note.MoodSinceLastTime is not null && note.InterpersonalEvents is not null;
}
