namespace Rapport.Web.Features.TreatmentCourses;

/// <summary>
/// The named rules of an IPT course (numbered, with their source in docs/clinical/, in this folder's readme.md).
/// The names are stable: tests, API clients and the audit trail use them.
/// </summary>
public static class TreatmentCourseRules
{
    // The course and its phases (docs/clinical/ipt-course.md#phases).
    public const string NoChangesWhenClosed = "TreatmentCourse.NoChangesWhenClosed";
    public const string InitialOnlyFromAssessment = "TreatmentCourse.InitialOnlyFromAssessment";
    public const string MiddleOnlyFromInitial = "TreatmentCourse.MiddleOnlyFromInitial";
    public const string MiddleNeedsAgreedFormulation = "TreatmentCourse.MiddleNeedsAgreedFormulation";
    public const string MiddleNeedsSignedContract = "TreatmentCourse.MiddleNeedsSignedContract";
    public const string TerminationOnlyFromMiddle = "TreatmentCourse.TerminationOnlyFromMiddle";
    public const string TerminationWithinEndingWindow = "TreatmentCourse.TerminationWithinEndingWindow";
    public const string MaintenanceOnlyFromTermination = "TreatmentCourse.MaintenanceOnlyFromTermination";
    public const string MaintenanceNeedsTerminationReview = "TreatmentCourse.MaintenanceNeedsTerminationReview";
    public const string CloseOnlyAfterTermination = "TreatmentCourse.CloseOnlyAfterTermination";
    public const string CloseNeedsTerminationReview = "TreatmentCourse.CloseNeedsTerminationReview";
    public const string EndingNeedsReason = "TreatmentCourse.EndingNeedsReason";
    public const string TransferToAnotherTherapist = "TreatmentCourse.TransferToAnotherTherapist";
    public const string SessionsStartWithInitialPhase = "TreatmentCourse.SessionsStartWithInitialPhase";
    public const string SessionRecordedOnce = "TreatmentCourse.SessionRecordedOnce";
    public const string NoSessionsBeyondContract = "TreatmentCourse.NoSessionsBeyondContract";
    public const string ContractMustBeSignedByBoth = "TreatmentCourse.ContractMustBeSignedByBoth";
    public const string ContractVersionMovesForward = "TreatmentCourse.ContractVersionMovesForward";
    public const string ContractNotBelowSessionsUsed = "TreatmentCourse.ContractNotBelowSessionsUsed";

    // Interpersonal inventory (docs/clinical/ipt-course.md#interpersonal-inventory).
    public const string InventoryAtMostThirtyPeople = "TreatmentCourse.InventoryAtMostThirtyPeople";
    public const string InventoryPersonNeedsNameAndRole = "TreatmentCourse.InventoryPersonNeedsNameAndRole";
    public const string InventoryTextTooLong = "TreatmentCourse.InventoryTextTooLong";
    public const string InventoryClosenessRing = "TreatmentCourse.InventoryClosenessRing";
    public const string InventoryPatientEditsOnlyDraft = "TreatmentCourse.InventoryPatientEditsOnlyDraft";
    public const string InventoryCompletedWithTherapist = "TreatmentCourse.InventoryCompletedWithTherapist";
    public const string InventoryNeedsAPerson = "TreatmentCourse.InventoryNeedsAPerson";
    public const string InventoryPersonNotFound = "TreatmentCourse.InventoryPersonNotFound";

    // Formulation (docs/clinical/ipt-course.md#problem-areas and #formulation).
    public const string FormulationNeedsPrimaryArea = "TreatmentCourse.FormulationNeedsPrimaryArea";
    public const string AtMostTwoProblemAreas = "TreatmentCourse.AtMostTwoProblemAreas";
    public const string SecondaryDiffersFromPrimary = "TreatmentCourse.SecondaryDiffersFromPrimary";
    public const string RoleDisputeNeedsStage = "TreatmentCourse.RoleDisputeNeedsStage";
    public const string StageOnlyForRoleDispute = "TreatmentCourse.StageOnlyForRoleDispute";
    public const string DeficitsOnlyWhenNoOtherAreaFits = "TreatmentCourse.DeficitsOnlyWhenNoOtherAreaFits";
    public const string FormulationNeedsTrigger = "TreatmentCourse.FormulationNeedsTrigger";
    public const string TriggerDateNotInFuture = "TreatmentCourse.TriggerDateNotInFuture";
    public const string FormulationNeedsGoals = "TreatmentCourse.FormulationNeedsGoals";
    public const string FormulationNeedsWording = "TreatmentCourse.FormulationNeedsWording";
    public const string FormulationTextTooLong = "TreatmentCourse.FormulationTextTooLong";
    public const string LinkedPeopleFromInventory = "TreatmentCourse.LinkedPeopleFromInventory";
    public const string FormulationAlreadyAgreed = "TreatmentCourse.FormulationAlreadyAgreed";

    // Treatment contract (docs/clinical/ipt-course.md#treatment-contract).
    public const string ContractNeedsAgreedFormulation = "TreatmentCourse.ContractNeedsAgreedFormulation";
    public const string ContractSessionCount = "TreatmentCourse.ContractSessionCount";
    public const string ContractSessionLength = "TreatmentCourse.ContractSessionLength";
    public const string ContractTextRequired = "TreatmentCourse.ContractTextRequired";
    public const string ContractTextTooLong = "TreatmentCourse.ContractTextTooLong";
    public const string ContractStartDate = "TreatmentCourse.ContractStartDate";
    public const string ContractLockedOnceSigned = "TreatmentCourse.ContractLockedOnceSigned";
    public const string NoContractVersionWaiting = "TreatmentCourse.NoContractVersionWaiting";
    public const string SignerIsAParty = "TreatmentCourse.SignerIsAParty";
    public const string SignatureMatchesName = "TreatmentCourse.SignatureMatchesName";
    public const string SignatureNeedsConfirmation = "TreatmentCourse.SignatureNeedsConfirmation";
    public const string AlreadySigned = "TreatmentCourse.AlreadySigned";
    public const string AmendOnlyASignedContract = "TreatmentCourse.AmendOnlyASignedContract";
    public const string AmendmentNeedsReason = "TreatmentCourse.AmendmentNeedsReason";

    // Session notes (docs/clinical/ipt-course.md#middle-phase-session-flow and #techniques).
    public const string NotesByTheCourseTherapist = "TreatmentCourse.NotesByTheCourseTherapist";
    public const string NotesOnlyForTreatmentSessions = "TreatmentCourse.NotesOnlyForTreatmentSessions";
    public const string SignedNoteIsLocked = "TreatmentCourse.SignedNoteIsLocked";
    public const string NoteNeedsContent = "TreatmentCourse.NoteNeedsContent";
    public const string NoteSignedOnlyOnceTheSessionStarted = "TreatmentCourse.NoteSignedOnlyOnceTheSessionStarted";
    public const string NoteTextTooLong = "TreatmentCourse.NoteTextTooLong";
    public const string CommunicationAnalysisNeedsWhatWasSaid = "TreatmentCourse.CommunicationAnalysisNeedsWhatWasSaid";
    public const string AmendOnlySignedNotes = "TreatmentCourse.AmendOnlySignedNotes";
    public const string RiskSectionRequired = "TreatmentCourse.RiskSectionRequired";
    public const string ProblemAreaWorkedFromFormulation = "TreatmentCourse.ProblemAreaWorkedFromFormulation";

    // Decision analysis loop (docs/clinical/ipt-course.md#middle-phase-session-flow, step 6).
    public const string DecisionNeedsProblem = "TreatmentCourse.DecisionNeedsProblem";
    public const string DecisionOptionInvalid = "TreatmentCourse.DecisionOptionInvalid";
    public const string AtMostTenOptions = "TreatmentCourse.AtMostTenOptions";
    public const string ChooseABrainstormedOption = "TreatmentCourse.ChooseABrainstormedOption";
    public const string ChoiceNeedsPlan = "TreatmentCourse.ChoiceNeedsPlan";
    public const string OneTryAtATime = "TreatmentCourse.OneTryAtATime";
    public const string FeedbackNeedsAPlan = "TreatmentCourse.FeedbackNeedsAPlan";
    /// <summary>A report says whether the plan was tried: the form's own answer missing, not a clash with anyone's change.</summary>
    public const string FeedbackSaysWhetherTried = "TreatmentCourse.FeedbackSaysWhetherTried";
    public const string FeedbackOncePerTry = "TreatmentCourse.FeedbackOncePerTry";
    public const string AdjustmentFollowsFeedback = "TreatmentCourse.AdjustmentFollowsFeedback";
    public const string DecisionClosed = "TreatmentCourse.DecisionClosed";

    // Termination and maintenance (docs/clinical/ipt-course.md#termination and #maintenance).
    public const string ReviewInTerminationPhase = "TreatmentCourse.ReviewInTerminationPhase";
    public const string ReviewNeedsGains = "TreatmentCourse.ReviewNeedsGains";
    public const string ReviewNeedsWarningSigns = "TreatmentCourse.ReviewNeedsWarningSigns";
    public const string ReviewNeedsEmergencyContact = "TreatmentCourse.ReviewNeedsEmergencyContact";
    public const string ReviewNeedsMaintenanceDecision = "TreatmentCourse.ReviewNeedsMaintenanceDecision";
    public const string ReviewTextTooLong = "TreatmentCourse.ReviewTextTooLong";
    public const string ReviewScoreInvalid = "TreatmentCourse.ReviewScoreInvalid";
    public const string CompletedReviewIsLocked = "TreatmentCourse.CompletedReviewIsLocked";
    public const string MaintenanceWasChosen = "TreatmentCourse.MaintenanceWasChosen";
    public const string MaintenanceLength = "TreatmentCourse.MaintenanceLength";
    public const string MaintenanceScheduleRequired = "TreatmentCourse.MaintenanceScheduleRequired";
    public const string MonthlyMaintenanceWithoutRemissionNeedsReason = "TreatmentCourse.MonthlyMaintenanceWithoutRemissionNeedsReason";
    public const string MaintenanceReasonTooLong = "TreatmentCourse.MaintenanceReasonTooLong";

    // The medical model of the initial phase (readme, rule 32).
    public const string DiagnosisFromTheList = "TreatmentCourse.DiagnosisFromTheList";
    public const string OtherDiagnosisNeedsText = "TreatmentCourse.OtherDiagnosisNeedsText";
    public const string DiagnosisTextTooLong = "TreatmentCourse.DiagnosisTextTooLong";
    public const string SickRoleDateRequired = "TreatmentCourse.SickRoleDateRequired";
    public const string SickRoleNotInFuture = "TreatmentCourse.SickRoleNotInFuture";
    public const string SickRoleNotBeforeCourse = "TreatmentCourse.SickRoleNotBeforeCourse";
    public const string MedicationDecisionRequired = "TreatmentCourse.MedicationDecisionRequired";
    public const string MedicationNoteTooLong = "TreatmentCourse.MedicationNoteTooLong";

    public const string OneOpenCourse = "TreatmentCourse.OneOpenCourse";
    public const string SeriesAlreadyBooked = "TreatmentCourse.SeriesAlreadyBooked";
    public const string SeriesStartRequired = "TreatmentCourse.SeriesStartRequired";
    public const string SeriesStartNotOnTheClock = "TreatmentCourse.SeriesStartNotOnTheClock";

    // Relapse alerts and supervision (readme, rules 28 and 29).
    public const string RelapseAlertClosed = "TreatmentCourse.RelapseAlertClosed";
    public const string RelapseAlertNeedsAction = "TreatmentCourse.RelapseAlertNeedsAction";
    public const string FidelityByAnotherClinician = "TreatmentCourse.FidelityByAnotherClinician";
    public const string FidelityCommentTooLong = "TreatmentCourse.FidelityCommentTooLong";
    public const string FidelityNothingToRateYet = "TreatmentCourse.FidelityNothingToRateYet";
    public const string FidelityRatingRange = "TreatmentCourse.FidelityRatingRange";
    public const string FidelityPhaseNotReached = "TreatmentCourse.FidelityPhaseNotReached";
    public const string FidelityRateEveryReachedTask = "TreatmentCourse.FidelityRateEveryReachedTask";
}

/// <summary>Checks shared by the course's entities: text is trimmed, blank becomes null, and limits are refused with the caller's rule.</summary>
internal static class CourseText
{
    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>A short item of a list (a goal) on one line: inner line breaks and runs of spaces become one space.</summary>
    public static string? OneLine(string? text) =>
        Clean(string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));

    public static IReadOnlyList<string> Lines(string text) =>
        text.Length == 0 ? [] : text.Split('\n');

    public static string? Limit(string? text, int max, string rule, string what)
    {
        var clean = Clean(text);
        if (clean?.Length > max)
        {
            throw new RuleViolationException(rule, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{what} can be at most {max:N0} characters (this has {clean.Length:N0})."));
        }
        return clean;
    }

    /// <summary>
    /// Refuses, in one message, every named text longer than <paramref name="max"/> (after trimming), saying how long
    /// each is: "Problem-area work has 10,000 characters; each part of the note can be at most 4,000."
    /// </summary>
    public static void LimitAll(int max, string rule, string eachWhat, params (string Name, string? Text)[] texts)
    {
        var over = texts.Select(t => (t.Name, Length: TextLimit.Length(t.Text))).Where(t => t.Length > max).ToList();
        if (over.Count > 0)
        {
            throw new RuleViolationException(rule, TextLimit.TooLongMessage(over, max, eachWhat));
        }
    }

    public static string Required(string? text, int max, string requiredRule, string tooLongRule, string whatIsMissing, string what)
    {
        var clean = Limit(text, max, tooLongRule, what);
        if (clean is null)
        {
            throw new RuleViolationException(requiredRule, whatIsMissing);
        }
        return clean;
    }

    public static void Require(bool condition, string rule, string message)
    {
        if (!condition)
        {
            throw new RuleViolationException(rule, message);
        }
    }
}
