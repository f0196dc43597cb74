namespace Rapport.Web.Features.TreatmentCourses;

/// <summary>
/// The six questions of the supervisor's IPT fidelity checklist and the answer the record suggests for
/// each. A suggestion is only a starting point: the supervisor reads the course and confirms or corrects it.
/// </summary>
public static class FidelityChecklist
{
    public sealed record Question(string Field, string Text, string Evidence);

    public static IReadOnlyList<Question> Questions(CourseFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var notes = file.Notes.Where(n => n.IsSigned).ToList();
        var middle = notes.Where(n => n.Phase == CoursePhase.Middle).ToList();
        return
        [
            new(nameof(FidelityReview.InventoryDone), "Was an interpersonal inventory done?",
                file.Inventory is null ? "No inventory started." : $"{file.Inventory.People.Count} people; {(file.Inventory.State == InventoryState.Completed ? "completed with the therapist" : "still the patient's draft")}."),
            new(nameof(FidelityReview.FormulationDone), "Was a formulation agreed with the patient?",
                file.Formulation is null ? "No formulation written." : file.Formulation.IsAgreed ? $"Agreed ({file.Formulation.AgreedVia})." : "Written, not agreed."),
            new(nameof(FidelityReview.ContractDone), "Was a treatment contract signed by both?",
                file.ContractInForce is { } c ? $"Version {c.Version} in force: {c.SessionCount} sessions." : "No contract signed by both."),
            new(nameof(FidelityReview.FocusKept), "Was the agreed focus kept in the middle phase?",
                middle.Count == 0 ? "No signed middle-phase notes yet." : $"{middle.Count(n => n.ProblemAreaWork is not null)} of {middle.Count} middle-phase notes record problem-area work."),
            new(nameof(FidelityReview.MoodLinkedToEventsEachSession), "Were mood and interpersonal events linked each session?",
                notes.Count == 0 ? "No signed notes yet." : $"{notes.Count(LinksMoodAndEvents)} of {notes.Count} signed notes record both mood and the week's events."),
            new(nameof(FidelityReview.TerminationDiscussed), "Was the ending discussed in good time?",
                ShortMiddle(file) is { } shortMiddle ? shortMiddle
                : file.Review is { IsCompleted: true } ? "Termination review completed." : notes.Any(n => n.Phase == CoursePhase.Termination) ? "Termination-phase notes exist; review not completed." : "Not yet."),
        ];
    }

    /// <summary>What the record suggests; the supervisor confirms or corrects each.</summary>
    public static FidelityReview.Answers Suggest(CourseFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var notes = file.Notes.Where(n => n.IsSigned).ToList();
        var middle = notes.Where(n => n.Phase == CoursePhase.Middle).ToList();
        return new FidelityReview.Answers(
            file.Inventory is { State: InventoryState.Completed },
            file.Formulation is { IsAgreed: true },
            file.ContractInForce is not null,
            middle.Count > 0 && middle.All(n => n.ProblemAreaWork is not null),
            notes.Count > 0 && notes.All(LinksMoodAndEvents),
            // An ending reached after too short a middle phase was not "in good time", however it was discussed.
            !file.Course.MiddlePhaseWasShort && (file.Review is { IsCompleted: true } || notes.Any(n => n.Phase == CoursePhase.Termination)),
            null);
    }

    private static string? ShortMiddle(CourseFile file) => file.Course.MiddlePhaseWasShort
        ? $"The middle phase had {file.Course.MiddleSessionsUsed} of {file.Course.ContractedSessions} contracted sessions, fewer than half: the ending came before the problem area had room."
        : null;

    private static bool LinksMoodAndEvents(SessionNote note) => note.MoodSinceLastTime is not null && note.InterpersonalEvents is not null;
}
