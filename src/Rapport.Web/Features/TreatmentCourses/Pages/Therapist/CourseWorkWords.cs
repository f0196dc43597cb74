namespace Rapport.Web.Features.TreatmentCourses.Pages.Therapist;

/// <summary>Plain labels for the therapist's session work: the techniques of docs/clinical/ipt-course.md#techniques and the phase's own part of the note.</summary>
public static class CourseWorkWords
{
    public static string Technique(Technique technique) => technique switch
    {
        TreatmentCourses.Technique.Exploratory => "Exploratory (open exploration, direct questions)",
        TreatmentCourses.Technique.EncouragementOfAffect => "Encouragement of affect (accepting painful feelings, bringing out suppressed ones)",
        TreatmentCourses.Technique.Clarification => "Clarification",
        TreatmentCourses.Technique.CommunicationAnalysis => "Communication analysis",
        TreatmentCourses.Technique.UseOfTherapeuticRelationship => "Use of the therapeutic relationship",
        TreatmentCourses.Technique.DecisionAnalysis => "Decision analysis",
        TreatmentCourses.Technique.RolePlay => "Role play",
        TreatmentCourses.Technique.Adjunctive => "Adjunctive (contract setting, administrative details)",
        TreatmentCourses.Technique.Advice => "Advice (directive)",
        TreatmentCourses.Technique.LimitSetting => "Limit setting (directive)",
        TreatmentCourses.Technique.EducationAboutDepression => "Education about depression (directive)",
        _ => technique.ToString(),
    };

    /// <summary>The label of <see cref="SessionNote.PhaseWork"/> in the phase the note was written in.</summary>
    public static string PhaseWork(CoursePhase phase) => phase switch
    {
        CoursePhase.Initial => "Initial-phase work: symptoms and sick role, inventory, formulation, contract",
        CoursePhase.Termination => "Termination work: feelings about the ending, gains and why, warning signs, plans, maintenance",
        CoursePhase.Maintenance => "Maintenance work: warning signs and keeping the interpersonal focus",
        _ => "Other work in this session",
    };

    public static string Decision(MaintenanceDecision decision) => decision switch
    {
        MaintenanceDecision.Undecided => "Not decided yet",
        MaintenanceDecision.Maintenance => "Maintenance sessions",
        MaintenanceDecision.NoMaintenance => "No maintenance sessions",
        MaintenanceDecision.OtherTreatment => "Another treatment is offered",
        _ => decision.ToString(),
    };

    public static string Frequency(MaintenanceFrequency frequency) => frequency switch
    {
        MaintenanceFrequency.Monthly => "Monthly",
        MaintenanceFrequency.TwiceMonthly => "Every two weeks",
        MaintenanceFrequency.Weekly => "Weekly",
        _ => frequency.ToString(),
    };

    public static string Feedback(DecisionTry attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return attempt.ReportedBy switch
        {
            FeedbackSource.Patient => "reported by the patient in the portal",
            FeedbackSource.Therapist => "as told in session",
            _ => "",
        };
    }
}
