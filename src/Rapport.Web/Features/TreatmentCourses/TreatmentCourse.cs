namespace Rapport.Web.Features.TreatmentCourses;

/// <summary>The phases of an IPT course (docs/clinical/ipt-course.md#phases). The last three are terminal: nothing changes after them.</summary>
public enum CoursePhase
{
    /// <summary>The first conversation(s): is IPT right, and is the patient willing? No contracted session yet.</summary>
    Assessment = 0,
    /// <summary>Sessions 1–3: symptoms, sick role, inventory, formulation, contract.</summary>
    Initial = 1,
    /// <summary>Working the agreed problem area(s) week by week.</summary>
    Middle = 2,
    /// <summary>The last 2–4 contracted sessions, scaled to the contract: ending, gains, warning signs, maintenance decision.</summary>
    Termination = 3,
    /// <summary>Optional monthly IPT-M after the acute course.</summary>
    Maintenance = 4,
    Closed = 5,
    EndedEarly = 6,
    Transferred = 7,
}

public enum SessionOutcome
{
    Held = 0,
    /// <summary>The patient did not come and did not cancel.</summary>
    NoShow = 1,
    /// <summary>The patient cancelled inside the notice period.</summary>
    LateCancelled = 2,
}

/// <summary>One contracted (or maintenance) appointment as the course counts it. Cancellations with notice and a therapist's absence are not recorded: they are rebooked.</summary>
public sealed class CourseSession
{
    private CourseSession() { }

    public Guid Id { get; private set; }
    public Guid AppointmentId { get; private set; }
    public DateTimeOffset At { get; private set; }
    public SessionOutcome Outcome { get; private set; }
    public CoursePhase Phase { get; private set; }
    /// <summary>Whether it used one of the contracted sessions: decided by the contract in force when it was recorded.</summary>
    public bool CountsTowardContract { get; private set; }
    /// <summary>Its number in the acute course ("session k"); null when it did not count or was a maintenance session.</summary>
    public int? Number { get; private set; }

    internal static CourseSession Record(Guid appointmentId, DateTimeOffset at, SessionOutcome outcome, CoursePhase phase, bool counts, int? number, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        AppointmentId = appointmentId,
        At = at.ToUniversalTime(),
        Outcome = outcome,
        Phase = phase,
        CountsTowardContract = counts,
        Number = number,
    };
}

/// <summary>A step in the course's history, for the timeline and the treatment summary.</summary>
public sealed class PhaseChange
{
    private PhaseChange() { }

    public Guid Id { get; private set; }
    /// <summary>1 for the first change: the order of changes made within the same instant.</summary>
    public int Sequence { get; private set; }
    public CoursePhase From { get; private set; }
    public CoursePhase To { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string? Reason { get; private set; }

    internal static PhaseChange Of(int sequence, CoursePhase from, CoursePhase to, DateTimeOffset at, string? reason) =>
        new() { Id = Guid.CreateVersion7(at), Sequence = sequence, From = from, To = to, At = at, Reason = reason };
}

/// <summary>
/// One patient's course of IPT with one therapist: the phases as a state machine (docs/clinical/ipt-course.md#phases), and the
/// count of contracted sessions that both sides see as "session k of N". The formulation, contract,
/// inventory, notes and reviews are entities of their own that point at the course; the course checks
/// them when they gate a phase. Handlers changing those entities call <see cref="EnsureOpen"/> first.
/// </summary>
public sealed class TreatmentCourse
{
    private TreatmentCourse() { }

    public const int MaxReasonLength = 1000;
    /// <summary>The ending window before a contract is in force: the widest the rule gives (<see cref="TerminationWindowFor"/>).</summary>
    public const int LongestTerminationWindow = 4;
    /// <summary>docs/clinical/ipt-course.md#phases: the initial phase takes "no more than three" sessions (IPT-UK: up to four). Beyond this the therapist is prompted, never blocked.</summary>
    public const int InitialPhaseSessions = 3;

    private readonly List<CourseSession> _sessions = [];
    private readonly List<PhaseChange> _history = [];

    public Guid Id { get; private set; }
    public Guid PatientId { get; private set; }
    public Guid TherapistId { get; private set; }
    /// <summary>The course this one continues after a transfer, if any.</summary>
    public Guid? PreviousCourseId { get; private set; }
    public CoursePhase Phase { get; private set; }
    public DateTimeOffset OpenedAt { get; private set; }
    public DateTimeOffset PhaseSince { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }
    /// <summary>Why it ended early or was transferred. Clinical text: encrypted at rest.</summary>
    public string? EndReason { get; private set; }
    public Guid? TransferredToTherapistId { get; private set; }

    // The terms of the contract version in force, copied when it is adopted, so the count never needs the contract loaded.
    public Guid? ContractInForceId { get; private set; }
    public int? ContractVersionInForce { get; private set; }
    public int? ContractedSessions { get; private set; }
    public int? SessionIntervalDays { get; private set; }
    public DateOnly? PlannedEndDate { get; private set; }
    public bool NoShowsCount { get; private set; }
    public bool LateCancellationsCount { get; private set; }

    /// <summary>The appointment series booked when the first contract was signed by both (booking's series id).</summary>
    public Guid? BookedSeriesId { get; private set; }
    public Guid? AgreedFormulationId { get; private set; }
    public Guid? TerminationReviewId { get; private set; }
    public Guid? MaintenancePlanId { get; private set; }
    public int Version { get; private set; }

    // The medical model of the initial phase (readme, rule 32): a working diagnosis, the sick role and the medication decision.
    /// <summary>A code of <see cref="DiagnosisList"/>; null until recorded.</summary>
    public string? DiagnosisCode { get; private set; }
    /// <summary>The diagnosis in the clinician's words when the code is "other". Clinical text: encrypted at rest.</summary>
    public string? DiagnosisText { get; private set; }
    public DateTimeOffset? DiagnosedAt { get; private set; }
    /// <summary>The day the clinician gave the sick role, in the clinician's zone.</summary>
    public DateOnly? SickRoleGivenOn { get; private set; }
    public MedicationDecision Medication { get; private set; }
    /// <summary>Clinical text: encrypted at rest.</summary>
    public string? MedicationNote { get; private set; }
    public DateTimeOffset? MedicationDecidedAt { get; private set; }

    public const int MaxDiagnosisTextLength = 200;

    /// <summary>The recorded working diagnosis as the list names it, with the clinician's words for "other".</summary>
    public string? DiagnosisLabel => DiagnosisList.Find(DiagnosisCode) is not { } d ? null
        : d.Code == DiagnosisList.Other ? $"{d.Title}: {DiagnosisText}" : d.Label;

    // Loaded rows come in no particular order, so the lists are read in their own order.
    public IReadOnlyList<CourseSession> Sessions => [.. _sessions.OrderBy(s => s.At).ThenBy(s => s.Number)];
    public IReadOnlyList<PhaseChange> History => [.. _history.OrderBy(h => h.Sequence)];

    /// <summary>The course's count of its sessions, which every count below reads.</summary>
    public CourseCount Counts => new(Phase, ContractedSessions, SessionIntervalDays, _sessions);

    public bool IsEnded => Counts.IsEnded;

    public int SessionsHeld => Counts.SessionsHeld;
    public int MaintenanceSessionsHeld => Counts.MaintenanceSessionsHeld;
    /// <inheritdoc cref="CourseCount.SessionsUsed"/>
    public int SessionsUsed => Counts.SessionsUsed;
    /// <inheritdoc cref="CourseCount.RemainingSessions"/>
    public int? RemainingSessions => Counts.RemainingSessions;

    /// <inheritdoc cref="CourseCount.SessionNumber"/>
    public int? SessionNumber => Counts.SessionNumber;

    /// <inheritdoc cref="CourseCount.WeeksLeft"/>
    public int? WeeksLeft => Counts.WeeksLeft;

    /// <summary>
    /// How many of the last contracted sessions are the ending, scaled to the contract (readme, rule 5): 2 below 10
    /// sessions, 3 from 10 to 15, 4 from 16. Below 12 the ending takes the last 2–3 sessions, from 12 the last 3–4.
    /// </summary>
    public static int TerminationWindowFor(int contractedSessions) => contractedSessions switch
    {
        < 10 => 2,
        < 16 => 3,
        _ => LongestTerminationWindow,
    };

    /// <summary>The ending window of the contract in force.</summary>
    public int TerminationWindow => ContractedSessions is { } n ? TerminationWindowFor(n) : LongestTerminationWindow;

    /// <summary>Contracted sessions used in the initial phase so far.</summary>
    public int InitialSessionsUsed => _sessions.Count(s => s.CountsTowardContract && s.Phase == CoursePhase.Initial);

    /// <summary>Contracted sessions used in the middle phase so far.</summary>
    public int MiddleSessionsUsed => _sessions.Count(s => s.CountsTowardContract && s.Phase == CoursePhase.Middle);

    /// <summary>
    /// The middle phase ended with fewer than half the contracted sessions (readme, rule 5a): the problem area had little
    /// room, whatever the ending looked like. Only known once termination has begun.
    /// </summary>
    public bool MiddlePhaseWasShort => ContractedSessions is { } n && _history.Any(h => h.From == CoursePhase.Middle)
        && MiddleSessionsUsed * 2 < n;

    /// <summary>The app raises the ending once the contract's ending window is reached and termination has not begun.</summary>
    public bool ShouldPromptTermination => Phase == CoursePhase.Middle && RemainingSessions <= TerminationWindow;

    /// <summary>The initial phase has run past its usual three sessions without an agreed focus and contract.</summary>
    public bool InitialPhaseRunningLong => Phase == CoursePhase.Initial && SessionsHeld > InitialPhaseSessions;

    public static TreatmentCourse Open(Guid patientId, Guid therapistId, DateTimeOffset now, Guid? previousCourseId = null)
    {
        var course = new TreatmentCourse
        {
            Id = Guid.CreateVersion7(now),
            PatientId = patientId,
            TherapistId = therapistId,
            PreviousCourseId = previousCourseId,
            Phase = CoursePhase.Assessment,
            OpenedAt = now,
            PhaseSince = now,
        };
        return course;
    }

    /// <summary>Refuses any change once the course has ended. Handlers call it before changing the course's other entities.</summary>
    public void EnsureOpen()
    {
        if (IsEnded)
        {
            throw new RuleViolationException(TreatmentCourseRules.NoChangesWhenClosed, Phase switch
            {
                CoursePhase.Transferred => "This course was transferred to another therapist; changes belong in the new course.",
                _ => "This course has ended, so it can no longer be changed.",
            });
        }
    }

    /// <summary>The patient and therapist agreed to start IPT: contracted sessions begin with session 1.</summary>
    public void BeginInitialPhase(DateTimeOffset now)
    {
        EnsureOpen();
        CourseText.Require(Phase == CoursePhase.Assessment, TreatmentCourseRules.InitialOnlyFromAssessment,
            "The initial phase follows the assessment, and this course is already past it.");
        MoveTo(CoursePhase.Initial, now, null);
    }

    /// <summary>
    /// The middle phase starts only after the patient explicitly agrees the formulation (docs/clinical/ipt-course.md#formulation) and
    /// both have signed the contract (§1.6).
    /// </summary>
    public void BeginMiddlePhase(Formulation formulation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(formulation);
        EnsureOpen();
        CourseText.Require(Phase == CoursePhase.Initial, TreatmentCourseRules.MiddleOnlyFromInitial,
            "The middle phase follows the initial phase.");
        EnsureOwn(formulation.CourseId, nameof(formulation));
        CourseText.Require(formulation.IsAgreed, TreatmentCourseRules.MiddleNeedsAgreedFormulation,
            "The patient has not yet agreed the formulation. Agree the focus together before the middle phase.");
        CourseText.Require(ContractInForceId is not null, TreatmentCourseRules.MiddleNeedsSignedContract,
            "The treatment contract must be signed by both of you before the middle phase.");
        AgreedFormulationId = formulation.Id;
        MoveTo(CoursePhase.Middle, now, null);
    }

    /// <summary>Termination work starts when the contract's ending window is reached (<see cref="TerminationWindowFor"/>).</summary>
    public void BeginTermination(DateTimeOffset now)
    {
        EnsureOpen();
        CourseText.Require(Phase == CoursePhase.Middle, TreatmentCourseRules.TerminationOnlyFromMiddle,
            "The termination phase follows the middle phase.");
        CourseText.Require(RemainingSessions <= TerminationWindow, TreatmentCourseRules.TerminationWithinEndingWindow,
            $"Termination starts when {TerminationWindow} or fewer contracted sessions remain; {RemainingSessions} remain. To end sooner, amend the contract or end the course early.");
        MoveTo(CoursePhase.Termination, now, null);
    }

    /// <summary>Maintenance follows a completed termination review in which maintenance was chosen (docs/clinical/ipt-course.md#termination and #maintenance).</summary>
    public void BeginMaintenance(TerminationReview review, MaintenancePlan plan, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(review);
        ArgumentNullException.ThrowIfNull(plan);
        EnsureOpen();
        CourseText.Require(Phase == CoursePhase.Termination, TreatmentCourseRules.MaintenanceOnlyFromTermination,
            "Maintenance follows the termination phase.");
        EnsureOwn(review.CourseId, nameof(review));
        EnsureOwn(plan.CourseId, nameof(plan));
        CourseText.Require(review.IsCompleted && review.Decision == MaintenanceDecision.Maintenance, TreatmentCourseRules.MaintenanceNeedsTerminationReview,
            "Complete the termination review, with maintenance chosen, before starting maintenance sessions.");
        TerminationReviewId = review.Id;
        MaintenancePlanId = plan.Id;
        MoveTo(CoursePhase.Maintenance, now, null);
    }

    /// <summary>Closes a course that went through termination: after the review, or at the end of maintenance.</summary>
    public void Close(TerminationReview? review, DateTimeOffset now)
    {
        EnsureOpen();
        CourseText.Require(Phase is CoursePhase.Termination or CoursePhase.Maintenance, TreatmentCourseRules.CloseOnlyAfterTermination,
            "A course closes after its termination phase. To stop earlier, end it early with a reason.");
        if (Phase == CoursePhase.Termination)
        {
            if (review is not null)
            {
                EnsureOwn(review.CourseId, nameof(review));
            }
            CourseText.Require(review is { IsCompleted: true }, TreatmentCourseRules.CloseNeedsTerminationReview,
                "Complete the termination review with the patient before closing the course.");
            TerminationReviewId = review!.Id;
        }
        EndedAt = now;
        MoveTo(CoursePhase.Closed, now, null);
    }

    /// <summary>The course stops before its planned end (the patient withdraws, IPT does not fit, a referral is needed).</summary>
    public void EndEarly(string reason, DateTimeOffset now)
    {
        EnsureOpen();
        var why = CourseText.Required(reason, MaxReasonLength, TreatmentCourseRules.EndingNeedsReason, TreatmentCourseRules.EndingNeedsReason,
            "Write why the course is ending early.", "The reason");
        EndReason = why;
        EndedAt = now;
        MoveTo(CoursePhase.EndedEarly, now, why);
    }

    /// <summary>The patient continues with another therapist, in a new course that names this one as its previous course.</summary>
    public void Transfer(Guid toTherapistId, string reason, DateTimeOffset now)
    {
        EnsureOpen();
        CourseText.Require(toTherapistId != Guid.Empty && toTherapistId != TherapistId, TreatmentCourseRules.TransferToAnotherTherapist,
            "Choose another therapist to transfer the course to.");
        var why = CourseText.Required(reason, MaxReasonLength, TreatmentCourseRules.EndingNeedsReason, TreatmentCourseRules.EndingNeedsReason,
            "Write why the course is being transferred.", "The reason");
        EndReason = why;
        TransferredToTherapistId = toTherapistId;
        EndedAt = now;
        MoveTo(CoursePhase.Transferred, now, why);
    }

    /// <summary>
    /// Puts a contract version in force once both have signed it: the first contract or a signed amendment.
    /// Its count cannot fall below the sessions already used.
    /// </summary>
    public void AdoptContract(TreatmentContract contract, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(contract);
        EnsureOpen();
        EnsureOwn(contract.CourseId, nameof(contract));
        CourseText.Require(contract.IsSignedByBoth, TreatmentCourseRules.ContractMustBeSignedByBoth,
            "Both of you must sign this version of the contract before it applies.");
        CourseText.Require(ContractVersionInForce is not { } current || contract.Version > current, TreatmentCourseRules.ContractVersionMovesForward,
            "A newer version of the contract is already in force.");
        CourseText.Require(contract.SessionCount >= SessionsUsed, TreatmentCourseRules.ContractNotBelowSessionsUsed,
            $"{SessionsUsed} sessions have already been used; the contract cannot have fewer.");
        ContractInForceId = contract.Id;
        ContractVersionInForce = contract.Version;
        ContractedSessions = contract.SessionCount;
        SessionIntervalDays = contract.IntervalDays;
        PlannedEndDate = contract.EndDate;
        NoShowsCount = contract.Contingencies.NoShowsCount;
        LateCancellationsCount = contract.Contingencies.LateCancellationsCount;
        Version++;
    }

    /// <summary>
    /// The working diagnosis, from the short list (readme, rule 32); "other" needs the diagnosis written. It may be
    /// revised while the course is open: the last one recorded stands.
    /// </summary>
    public void RecordDiagnosis(string? code, string? otherText, DateTimeOffset now)
    {
        EnsureOpen();
        var diagnosis = DiagnosisList.Find(code);
        CourseText.Require(diagnosis is not null, TreatmentCourseRules.DiagnosisFromTheList, "Choose the working diagnosis from the list.");
        DiagnosisText = diagnosis!.Code == DiagnosisList.Other
            ? CourseText.Required(otherText, MaxDiagnosisTextLength, TreatmentCourseRules.OtherDiagnosisNeedsText, TreatmentCourseRules.DiagnosisTextTooLong,
                "Write the diagnosis when it is not on the list.", "The diagnosis")
            : null;
        DiagnosisCode = diagnosis.Code;
        DiagnosedAt = now;
        Version++;
    }

    /// <summary>
    /// The day the clinician gave the sick role (readme, rule 32): not in the future, and not before the course opened,
    /// both as days on the clinician's clock.
    /// </summary>
    public void GiveSickRole(DateOnly givenOn, TimeZoneInfo zone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(zone);
        EnsureOpen();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var opened = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(OpenedAt, zone).DateTime);
        CourseText.Require(givenOn <= today, TreatmentCourseRules.SickRoleNotInFuture, "The sick role is recorded once given: choose today or an earlier day.");
        CourseText.Require(givenOn >= opened, TreatmentCourseRules.SickRoleNotBeforeCourse,
            $"The course opened on {opened.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}; the sick role is given within it.");
        SickRoleGivenOn = givenOn;
        Version++;
    }

    /// <summary>The medication decision of the initial phase, with an optional note (readme, rule 32).</summary>
    public void DecideMedication(MedicationDecision decision, string? note, DateTimeOffset now)
    {
        EnsureOpen();
        CourseText.Require(decision is MedicationDecision.None or MedicationDecision.AlreadyTaking or MedicationDecision.ReferredForAssessment,
            TreatmentCourseRules.MedicationDecisionRequired, "Choose what was decided about medication.");
        MedicationNote = CourseText.Limit(note, MaxReasonLength, TreatmentCourseRules.MedicationNoteTooLong, "The note on medication");
        Medication = decision;
        MedicationDecidedAt = now;
        Version++;
    }

    /// <summary>The contract's sessions were booked as one series.</summary>
    public void RecordSeriesBooked(Guid seriesId)
    {
        EnsureOpen();
        BookedSeriesId = seriesId;
        Version++;
    }

    /// <summary>The session took place. In the acute course it uses one contracted session; in maintenance it is counted apart.</summary>
    public CourseSession RecordSessionHeld(Guid appointmentId, DateTimeOffset at, DateTimeOffset now) =>
        Record(appointmentId, at, SessionOutcome.Held, now);

    /// <summary>The patient missed the session; the contract in force decides whether it uses one of the contracted sessions (docs/clinical/ipt-course.md#treatment-contract: what happens when a session does not go as planned).</summary>
    public CourseSession RecordSessionMissed(Guid appointmentId, DateTimeOffset at, SessionOutcome outcome, DateTimeOffset now)
    {
        if (outcome == SessionOutcome.Held)
        {
            throw new ArgumentException("A missed session is a no-show or a late cancellation.", nameof(outcome));
        }
        return Record(appointmentId, at, outcome, now);
    }

    private CourseSession Record(Guid appointmentId, DateTimeOffset at, SessionOutcome outcome, DateTimeOffset now)
    {
        EnsureOpen();
        CourseText.Require(Phase != CoursePhase.Assessment, TreatmentCourseRules.SessionsStartWithInitialPhase,
            "Sessions are counted from the start of the initial phase; the assessment is not session 1.");
        CourseText.Require(_sessions.All(s => s.AppointmentId != appointmentId), TreatmentCourseRules.SessionRecordedOnce,
            "This appointment has already been recorded.");
        var acute = Phase != CoursePhase.Maintenance;
        var counts = acute && outcome switch
        {
            SessionOutcome.Held => true,
            // Before a contract exists nothing was agreed about misses, so they do not use a session.
            SessionOutcome.NoShow => ContractInForceId is not null && NoShowsCount,
            SessionOutcome.LateCancelled => ContractInForceId is not null && LateCancellationsCount,
            _ => false,
        };
        if (counts && ContractedSessions is { } n)
        {
            CourseText.Require(SessionsUsed < n, TreatmentCourseRules.NoSessionsBeyondContract,
                $"All {n} contracted sessions have been used. Amend the contract to add sessions, or close the course.");
        }
        var session = CourseSession.Record(appointmentId, at, outcome, Phase, counts, counts ? SessionsUsed + 1 : null, now);
        _sessions.Add(session);
        Version++;
        return session;
    }

    private void MoveTo(CoursePhase to, DateTimeOffset now, string? reason)
    {
        _history.Add(PhaseChange.Of(_history.Count + 1, Phase, to, now, reason));
        Phase = to;
        PhaseSince = now;
        Version++;
    }

    private void EnsureOwn(Guid courseId, string what)
    {
        if (courseId != Id)
        {
            throw new ArgumentException("It belongs to another course.", what);
        }
    }
}
