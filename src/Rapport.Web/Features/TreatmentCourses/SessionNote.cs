namespace Rapport.Web.Features.TreatmentCourses;

/// <summary>The IPT techniques (docs/clinical/ipt-course.md#techniques), tagged on notes and used by the fidelity checklist.</summary>
public enum Technique
{
    Exploratory = 0,
    EncouragementOfAffect = 1,
    Clarification = 2,
    CommunicationAnalysis = 3,
    UseOfTherapeuticRelationship = 4,
    DecisionAnalysis = 5,
    RolePlay = 6,
    /// <summary>Contract setting and administrative details (from the 1984 manual; not re-verified).</summary>
    Adjunctive = 7,
    // The directive techniques of behaviour change (readme, rule 24a).
    Advice = 8,
    LimitSetting = 9,
    EducationAboutDepression = 10,
}

/// <summary>A recent exchange that carried strong feeling, rebuilt line by line (docs/clinical/ipt-course.md#middle-phase-session-flow, step 5).</summary>
public sealed record CommunicationAnalysis(string WhatWasSaid, string? WhatWasMeant, string? Feelings, string? Alternatives);

/// <summary>An addition to a signed note. A signed note is never edited: corrections are appended, signed by their author.</summary>
public sealed class NoteAmendment
{
    private NoteAmendment() { }

    public Guid Id { get; private set; }
    /// <summary>Clinical text: encrypted at rest.</summary>
    public string Text { get; private set; } = "";
    public Guid AuthorId { get; private set; }
    public DateTimeOffset At { get; private set; }

    internal static NoteAmendment Of(string text, Guid authorId, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(now), Text = text, AuthorId = authorId, At = now };
}

/// <summary>
/// The therapist's note of one session, shaped by the phase it was written in (docs/clinical/ipt-course.md#middle-phase-session-flow): a draft until
/// signed, then locked; later corrections are appended as amendments.
/// </summary>
public sealed class SessionNote
{
    private SessionNote() { }

    public const int MaxTextLength = 4000;
    /// <summary>A PHQ-9 this much higher than the score before it is shown at the top of the session's note (readme, rule 24a).</summary>
    public const int Phq9RiseShown = 5;

    private readonly List<Technique> _techniques = [];
    private readonly List<NoteAmendment> _amendments = [];

    public Guid Id { get; private set; }
    public Guid CourseId { get; private set; }
    public Guid AppointmentId { get; private set; }
    public Guid PatientId { get; private set; }
    public Guid TherapistId { get; private set; }
    public CoursePhase Phase { get; private set; }
    /// <summary>"Session k" at the time of writing; null in maintenance.</summary>
    public int? SessionNumber { get; private set; }
    /// <summary>Contracted sessions left after this one, for the closing summary (docs/clinical/ipt-course.md#middle-phase-session-flow, step 9).</summary>
    public int? SessionsRemaining { get; private set; }
    // Clinical text below: encrypted at rest.
    public string? MoodSinceLastTime { get; private set; }
    public string? InterpersonalEvents { get; private set; }
    /// <summary>The formulation's problem area worked on in this session, if the therapist named one.</summary>
    public ProblemArea? ProblemAreaWorked { get; private set; }
    public string? ProblemAreaWork { get; private set; }
    /// <summary>Initial phase: sick role, inventory, formulation and contract work; termination phase: the ending, gains, warning signs.</summary>
    public string? PhaseWork { get; private set; }
    public CommunicationAnalysis? CommunicationAnalysis { get; private set; }
    public string? BetweenSessionTask { get; private set; }
    /// <summary>What was asked about risk, what the patient said, what was agreed (readme, rule 30).</summary>
    public string? RiskSection { get; private set; }
    /// <summary>Whether risk was raised at this session, fixed when the note is signed (then the Risk section was required).</summary>
    public bool RiskRaised { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? SignedAt { get; private set; }
    public int Version { get; private set; }

    public IReadOnlyList<Technique> Techniques => _techniques;
    public IReadOnlyList<NoteAmendment> Amendments => [.. _amendments.OrderBy(a => a.At).ThenBy(a => a.Id)];
    public bool IsSigned => SignedAt is not null;

    public sealed record Content(string? MoodSinceLastTime, string? InterpersonalEvents, string? ProblemAreaWork, string? PhaseWork,
        IReadOnlyList<Technique> Techniques, CommunicationAnalysis? CommunicationAnalysis, string? BetweenSessionTask, string? Risk = null,
        ProblemArea? ProblemAreaWorked = null);

    /// <summary>How far the PHQ-9 rose since the score before it, when that is <see cref="Phq9RiseShown"/> or more; else null.</summary>
    public static int? Phq9RiseWorthShowing(int? previous, int? current) =>
        previous is { } before && current is { } now && now - before >= Phq9RiseShown ? now - before : null;

    /// <summary>Starts the note for an appointment of this course. Only the course's own therapist writes its notes.</summary>
    public static SessionNote Start(TreatmentCourse course, Guid appointmentId, Guid therapistId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(course);
        course.EnsureOpen();
        CourseText.Require(therapistId == course.TherapistId, TreatmentCourseRules.NotesByTheCourseTherapist,
            "Only this patient's therapist can write notes for their course.");
        CourseText.Require(course.Phase != CoursePhase.Assessment, TreatmentCourseRules.NotesOnlyForTreatmentSessions,
            "Session notes start with the initial phase; record the assessment in the intake.");
        return new SessionNote
        {
            Id = Guid.CreateVersion7(now),
            CourseId = course.Id,
            AppointmentId = appointmentId,
            PatientId = course.PatientId,
            TherapistId = course.TherapistId,
            Phase = course.Phase,
            SessionNumber = course.Phase == CoursePhase.Maintenance ? null : course.SessionNumber,
            SessionsRemaining = course.Phase == CoursePhase.Maintenance ? null : course.RemainingSessions is { } left ? Math.Max(0, left - 1) : null,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>The headings the note offers in its phase (docs/clinical/ipt-course.md#phases, #middle-phase-session-flow and #termination): a guide, none is required.</summary>
    public static IReadOnlyList<string> Prompts(CoursePhase phase) => phase switch
    {
        CoursePhase.Initial =>
        [
            "Symptoms reviewed and severity scale", "Sick role explained", "Is medication needed?", "Interpersonal inventory", "Formulation and agreed focus", "Contract",
        ],
        CoursePhase.Middle =>
        [
            "How have things been since we last met?", "Symptom check (PHQ-9)", "This week's mood linked to this week's events", "Work on the problem area",
            "Communication analysis", "Decision analysis", "Role play", "Between-session task", "Summary and sessions remaining",
        ],
        CoursePhase.Termination =>
        [
            "How have things been since we last met?", "Feelings about the ending", "Baseline and current scores compared", "Why is the patient better? Credit their work",
            "Warning signs and what to do about each", "Future problems and plans", "Maintenance decision", "Sessions remaining",
        ],
        CoursePhase.Maintenance =>
        [
            "How have things been since we last met?", "Monthly PHQ-9", "Interpersonal events and mood", "Warning signs", "Keeping the interpersonal focus",
        ],
        _ => [],
    };

    /// <param name="formulation">The course's formulation: the problem area worked on must be one of its areas.</param>
    public void Edit(Content content, Guid therapistId, DateTimeOffset now, Formulation? formulation = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        CourseText.Require(therapistId == TherapistId, TreatmentCourseRules.NotesByTheCourseTherapist, "Only this patient's therapist can write notes for their course.");
        CourseText.Require(!IsSigned, TreatmentCourseRules.SignedNoteIsLocked, "This note is signed and cannot be changed. Add an amendment instead.");
        RefuseOverLongParts(content);
        var mood = CourseText.Clean(content.MoodSinceLastTime);
        var events = CourseText.Clean(content.InterpersonalEvents);
        var work = CourseText.Clean(content.ProblemAreaWork);
        var phaseWork = CourseText.Clean(content.PhaseWork);
        var task = CourseText.Clean(content.BetweenSessionTask);
        var risk = CourseText.Clean(content.Risk);
        CommunicationAnalysis? analysis = null;
        if (content.CommunicationAnalysis is { } ca)
        {
            var said = CourseText.Clean(ca.WhatWasSaid);
            CourseText.Require(said is not null, TreatmentCourseRules.CommunicationAnalysisNeedsWhatWasSaid,
                "A communication analysis starts from what was actually said.");
            analysis = new(said!, CourseText.Clean(ca.WhatWasMeant), CourseText.Clean(ca.Feelings), CourseText.Clean(ca.Alternatives));
        }
        if (content.ProblemAreaWorked is { } area)
        {
            CourseText.Require(formulation is not null && formulation.CourseId == CourseId && formulation.Foci.Any(f => f.Area == area),
                TreatmentCourseRules.ProblemAreaWorkedFromFormulation,
                formulation is null ? "The problem area worked on is one of the formulation's; write the formulation first."
                    : $"The problem area worked on is one of the formulation's: {string.Join(" or ", formulation.Foci.Select(f => ProblemAreaGuide.For(f.Area).Name))}.");
        }
        var techniques = (content.Techniques ?? []).Where(Enum.IsDefined).ToHashSet();
        if (analysis is not null)
        {
            techniques.Add(Technique.CommunicationAnalysis);
        }
        MoodSinceLastTime = mood;
        InterpersonalEvents = events;
        ProblemAreaWork = work;
        ProblemAreaWorked = content.ProblemAreaWorked;
        PhaseWork = phaseWork;
        CommunicationAnalysis = analysis;
        BetweenSessionTask = task;
        RiskSection = risk;
        _techniques.Clear();
        _techniques.AddRange(techniques.Order());
        UpdatedAt = now;
        Version++;
    }

    /// <summary>The parts of the note by the names the form gives them, so a refusal says which part to shorten.</summary>
    public static class Parts
    {
        public const string MoodSinceLastTime = "Mood and symptoms since last time";
        public const string InterpersonalEvents = "Interpersonal events linked to mood";
        public const string ProblemAreaWork = "Problem-area work";
        public const string PhaseWork = "The phase's work";
        public const string WhatWasSaid = "What was said";
        public const string WhatWasMeant = "What was meant";
        public const string Feelings = "Feelings";
        public const string Alternatives = "Alternatives";
        public const string BetweenSessionTask = "Between-session task";
        public const string Risk = "Risk";
    }

    /// <summary>
    /// Every part over the limit is named in one refusal: text is refused whole, never cut, so nothing typed is lost
    /// and nothing is saved until the therapist has shortened it (readme, rule 24).
    /// </summary>
    private static void RefuseOverLongParts(Content content)
    {
        var ca = content.CommunicationAnalysis;
        CourseText.LimitAll(MaxTextLength, TreatmentCourseRules.NoteTextTooLong, "part of the note",
            (Parts.MoodSinceLastTime, content.MoodSinceLastTime), (Parts.InterpersonalEvents, content.InterpersonalEvents),
            (Parts.ProblemAreaWork, content.ProblemAreaWork), (Parts.PhaseWork, content.PhaseWork),
            (Parts.WhatWasSaid, ca?.WhatWasSaid), (Parts.WhatWasMeant, ca?.WhatWasMeant), (Parts.Feelings, ca?.Feelings),
            (Parts.Alternatives, ca?.Alternatives), (Parts.BetweenSessionTask, content.BetweenSessionTask), (Parts.Risk, content.Risk));
    }

    /// <summary>
    /// Adds one line to the draft, as the therapist keeps a line of the call's chat (LiveSessions readme, "Beside the call"): it goes under the
    /// session's work (the problem-area work; the phase work in the initial and termination phases), on its own line.
    /// </summary>
    public void AddLine(string line, Guid therapistId, DateTimeOffset now)
    {
        CourseText.Require(therapistId == TherapistId, TreatmentCourseRules.NotesByTheCourseTherapist, "Only this patient's therapist can write notes for their course.");
        CourseText.Require(!IsSigned, TreatmentCourseRules.SignedNoteIsLocked, "This note is signed and cannot be changed. Add an amendment instead.");
        var clean = CourseText.Required(line, MaxTextLength, TreatmentCourseRules.NoteNeedsContent, TreatmentCourseRules.NoteTextTooLong, "Choose a line to keep.", "A line");
        var intoPhaseWork = Phase is CoursePhase.Initial or CoursePhase.Termination;
        var current = intoPhaseWork ? PhaseWork : ProblemAreaWork;
        var joined = current is null ? clean : current + "\n" + clean;
        CourseText.Require(joined.Length <= MaxTextLength, TreatmentCourseRules.NoteTextTooLong, $"Each part of the note can be at most {MaxTextLength} characters.");
        if (intoPhaseWork)
        {
            PhaseWork = joined;
        }
        else
        {
            ProblemAreaWork = joined;
        }
        UpdatedAt = now;
        Version++;
    }

    /// <summary>
    /// Signs and locks the note. A note records a session that happened: before its session starts it can be drafted
    /// (a plan for the hour) but not signed, or a locked note and its between-session task would describe an hour
    /// nobody has had yet, and "My plan" would show that empty task as the patient's current one.
    /// <paramref name="riskRaised"/> is whether risk was raised at this session (the caller asks the Safety feature's risk
    /// summary at the session's time); then the Risk section must be written first (rule 30).
    /// </summary>
    public void Sign(Guid therapistId, DateTimeOffset sessionStartsAt, DateTimeOffset now, bool riskRaised)
    {
        CourseText.Require(therapistId == TherapistId, TreatmentCourseRules.NotesByTheCourseTherapist, "Only this patient's therapist can sign notes for their course.");
        CourseText.Require(!IsSigned, TreatmentCourseRules.SignedNoteIsLocked, "This note is already signed.");
        CourseText.Require(now >= sessionStartsAt, TreatmentCourseRules.NoteSignedOnlyOnceTheSessionStarted,
            "This session has not started yet. Save the note as a draft now and sign it once the session has begun.");
        CourseText.Require(new[] { MoodSinceLastTime, InterpersonalEvents, ProblemAreaWork, PhaseWork, BetweenSessionTask, RiskSection }.Any(t => t is not null)
            || CommunicationAnalysis is not null, TreatmentCourseRules.NoteNeedsContent, "Write something in the note before signing it.");
        CourseText.Require(!riskRaised || RiskSection is not null, TreatmentCourseRules.RiskSectionRequired,
            "Risk was raised at this session: write what you asked, what the patient said and what you agreed before signing.");
        RiskRaised = riskRaised;
        SignedAt = now;
        UpdatedAt = now;
        Version++;
    }

    public NoteAmendment Amend(string text, Guid therapistId, DateTimeOffset now)
    {
        CourseText.Require(therapistId == TherapistId, TreatmentCourseRules.NotesByTheCourseTherapist, "Only this patient's therapist can amend notes for their course.");
        CourseText.Require(IsSigned, TreatmentCourseRules.AmendOnlySignedNotes, "This note is still a draft: change it directly.");
        var clean = CourseText.Required(text, MaxTextLength, TreatmentCourseRules.NoteNeedsContent, TreatmentCourseRules.NoteTextTooLong,
            "Write the amendment.", "An amendment");
        var amendment = NoteAmendment.Of(clean, therapistId, now);
        _amendments.Add(amendment);
        Version++;
        return amendment;
    }
}
