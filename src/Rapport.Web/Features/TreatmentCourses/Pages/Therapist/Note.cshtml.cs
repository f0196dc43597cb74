using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.Safety;
using Rapport.Web.Features.Safety.Pages;

namespace Rapport.Web.Features.TreatmentCourses.Pages.Therapist;

/// <summary>
/// The note of one session (docs/clinical/ipt-course.md#middle-phase-session-flow): what the phase asks for as a guide, the PHQ-9 of that week, last
/// time's task and the agenda (plans waiting to be talked through), and the note itself: a draft until signed, then
/// locked with amendments appended. The appointment must be between this therapist and this patient, else 404.
/// While risk is raised the page shows the risk banner and the note's Risk section, which signing requires when risk was
/// raised at the session's time (readme, rule 30).
/// </summary>
[Authorize(Policy = Policies.Therapist)]
[Audited(AuditAction.CourseRead)]
public sealed class NoteModel(TreatmentCourseService courses, TimeProvider clock, AppDbContext db, MeasurementHistory history, DueMeasures dueMeasures,
    SessionNoteWriting notes, DecisionAnalyses decisions, PatientRisk risk, KeptForm kept, PeopleNames people, SessionHistory appointments) : TherapistCoursePageModel(courses, clock)
{
    public sealed class NoteForm
    {
        /// <summary>The version the form was opened on (0 for a note not yet started): a stale save is refused.</summary>
        public int Version { get; set; }
        public string? MoodSinceLastTime { get; set; }
        public string? InterpersonalEvents { get; set; }
        public string? ProblemAreaWork { get; set; }
        public ProblemArea? ProblemAreaWorked { get; set; }
        public string? PhaseWork { get; set; }
        public List<Technique> Techniques { get; set; } = [];
        public string? WhatWasSaid { get; set; }
        public string? WhatWasMeant { get; set; }
        public string? Feelings { get; set; }
        public string? Alternatives { get; set; }
        public string? BetweenSessionTask { get; set; }
        public string? Risk { get; set; }

        public SessionNote.Content ToContent() => new(MoodSinceLastTime, InterpersonalEvents, ProblemAreaWork, PhaseWork, Techniques,
            new[] { WhatWasSaid, WhatWasMeant, Feelings, Alternatives }.Any(t => !string.IsNullOrWhiteSpace(t))
                ? new CommunicationAnalysis(WhatWasSaid ?? "", WhatWasMeant, Feelings, Alternatives)
                : null,
            BetweenSessionTask, Risk, ProblemAreaWorked);

        /// <summary>The form as it was posted, from its fields by name (text kept across the idle sign-out, Accounts readme rule 7a).</summary>
        public static NoteForm From(IReadOnlyDictionary<string, string[]> fields)
        {
            string? Field(string name) => fields.TryGetValue("Form." + name, out var values) ? values.FirstOrDefault() : null;
            return new()
            {
                Version = int.TryParse(Field(nameof(Version)), System.Globalization.CultureInfo.InvariantCulture, out var version) ? version : 0,
                MoodSinceLastTime = Field(nameof(MoodSinceLastTime)),
                InterpersonalEvents = Field(nameof(InterpersonalEvents)),
                ProblemAreaWork = Field(nameof(ProblemAreaWork)),
                ProblemAreaWorked = Enum.TryParse<ProblemArea>(Field(nameof(ProblemAreaWorked)), out var area) ? area : null,
                PhaseWork = Field(nameof(PhaseWork)),
                Techniques = [.. (fields.TryGetValue("Form." + nameof(Techniques), out var tags) ? tags : [])
                    .Select(t => Enum.TryParse<Technique>(t, out var technique) ? technique : (Technique?)null).OfType<Technique>()],
                WhatWasSaid = Field(nameof(WhatWasSaid)),
                WhatWasMeant = Field(nameof(WhatWasMeant)),
                Feelings = Field(nameof(Feelings)),
                Alternatives = Field(nameof(Alternatives)),
                BetweenSessionTask = Field(nameof(BetweenSessionTask)),
                Risk = Field(nameof(Risk)),
            };
        }

        public static NoteForm From(SessionNote? note) => note is null ? new() : new()
        {
            Version = note.Version,
            MoodSinceLastTime = note.MoodSinceLastTime,
            InterpersonalEvents = note.InterpersonalEvents,
            ProblemAreaWork = note.ProblemAreaWork,
            ProblemAreaWorked = note.ProblemAreaWorked,
            PhaseWork = note.PhaseWork,
            Techniques = [.. note.Techniques],
            WhatWasSaid = note.CommunicationAnalysis?.WhatWasSaid,
            WhatWasMeant = note.CommunicationAnalysis?.WhatWasMeant,
            Feelings = note.CommunicationAnalysis?.Feelings,
            Alternatives = note.CommunicationAnalysis?.Alternatives,
            BetweenSessionTask = note.BetweenSessionTask,
            Risk = note.RiskSection,
        };
    }

    /// <summary>The PHQ-9 around this session: answered in the week before it, or due and not yet answered.</summary>
    public sealed record WeekPhq9(AssessmentResponse? Answered, bool Due);

    [BindProperty] public NoteForm Form { get; set; } = new();
    [BindProperty] public string? Amendment { get; set; }
    [BindProperty] public Guid DecisionId { get; set; }
    [BindProperty] public int DecisionVersion { get; set; }
    [BindProperty] public string? Adjustment { get; set; }
    [BindProperty] public string? Problem { get; set; }

    public Appointment Appointment { get; private set; } = null!;
    public SessionNote? Note { get; private set; }
    public CoursePhase Phase { get; private set; }
    public int? SessionNumber { get; private set; }
    public WeekPhq9 Phq9 { get; private set; } = new(null, false);
    public string? LastTask { get; private set; }
    public IReadOnlyList<DecisionAnalysis> Agenda { get; private set; } = [];
    public IReadOnlyDictionary<Guid, string> AuthorNames { get; private set; } = new Dictionary<Guid, string>();
    /// <summary>Another save reached the note first: what is stored now, shown beside the words in the form.</summary>
    public bool ChangedMeanwhile { get; private set; }
    /// <summary>Risk now, for the banner.</summary>
    public RiskBanner Risk { get; private set; } = null!;
    /// <summary>Risk as it stood at this session: it decides whether signing needs the Risk section.</summary>
    public RiskSummary RiskAtSession { get; private set; } = null!;
    /// <summary>The Risk section is offered while risk is or was raised, or once something is written in it.</summary>
    public bool ShowsRiskSection => RiskAtSession.IsRaised || Risk.Risk.IsRaised || Note?.RiskRaised == true || !string.IsNullOrWhiteSpace(Form.Risk);

    public string NoteUrl => CourseUrl($"sessions/{Appointment.Id}");
    /// <summary>The clinician may see this patient's care, but no course has been opened yet.</summary>
    private bool NoCourseYet { get; set; }

    /// <summary>The form shows text posted after the idle sign-out, not yet saved (Accounts readme, rule 7a).</summary>
    public bool RestoredUnsaved { get; private set; }
    /// <summary>Seconds until the idle sign-out, for the page's warning (wwwroot/js/note-keeper.js).</summary>
    public int? IdleSecondsLeft { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid patientId, Guid appointmentId, CancellationToken ct)
    {
        if (!await LoadNoteAsync(patientId, appointmentId, ct))
        {
            // The dashboard and the calendar link every session here; before a course is opened (the first conversation)
            // there is no note to write, and the course page is where the therapist opens one.
            return NoCourseYet ? Redirect(CourseUrl()) : NotFound();
        }
        Form = NoteForm.From(Note);
        if (Note is not { IsSigned: true } && kept.Find(HttpContext, User.UserId()) is { } fields)
        {
            Form = NoteForm.From(fields);
            RestoredUnsaved = true;
        }
        IdleSecondsLeft = await AccountsSetup.IdleSecondsLeftAsync(HttpContext, Clock);
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(Guid patientId, Guid appointmentId, CancellationToken ct) =>
        WriteAsync(patientId, appointmentId, sign: false, ct);

    public Task<IActionResult> OnPostSignAsync(Guid patientId, Guid appointmentId, CancellationToken ct) =>
        WriteAsync(patientId, appointmentId, sign: true, ct);

    public async Task<IActionResult> OnPostAmendAsync(Guid patientId, Guid appointmentId, CancellationToken ct)
    {
        if (!await LoadNoteAsync(patientId, appointmentId, ct))
        {
            return NotFound();
        }
        Form = NoteForm.From(Note);
        return await AttemptAsync(async () =>
        {
            await notes.AmendAsync(User.UserId(), patientId, appointmentId, Amendment, ct);
            return this.RedirectWithNotice(NoteUrl, "Amendment added.");
        }, () => ReloadAsync(patientId, appointmentId, ct));
    }

    /// <summary>The therapist records the adjustment to a plan the patient reported on (the agenda of this session).</summary>
    public async Task<IActionResult> OnPostAdjustAsync(Guid patientId, Guid appointmentId, CancellationToken ct)
    {
        if (!await LoadNoteAsync(patientId, appointmentId, ct))
        {
            return NotFound();
        }
        Form = NoteForm.From(Note);
        var decision = Record!.Decisions.FirstOrDefault(d => d.Id == DecisionId);
        if (decision is null)
        {
            return NotFound();
        }
        return await AttemptAsync(async () =>
        {
            await decisions.AdjustAsync(User.UserId(), patientId, decision.Id, DecisionVersion, Adjustment, ct);
            return this.RedirectWithNotice(NoteUrl, "Adjustment recorded. You can now choose another option or plan to try.");
        }, () => ReloadAsync(patientId, appointmentId, ct));
    }

    /// <summary>Opens a decision analysis brainstormed in this session.</summary>
    public async Task<IActionResult> OnPostOpenDecisionAsync(Guid patientId, Guid appointmentId, CancellationToken ct)
    {
        if (!await LoadNoteAsync(patientId, appointmentId, ct))
        {
            return NotFound();
        }
        Form = NoteForm.From(Note);
        return await AttemptAsync(async () =>
        {
            var decision = await notes.OpenDecisionAsync(User.UserId(), patientId, appointmentId, Problem, ct);
            return this.RedirectWithNotice(CourseUrl($"decisions/{decision.Id}"), "Decision analysis opened. Add the options you brainstormed.");
        }, () => ReloadAsync(patientId, appointmentId, ct));
    }

    private async Task<IActionResult> WriteAsync(Guid patientId, Guid appointmentId, bool sign, CancellationToken ct)
    {
        var posted = Form;
        if (!await LoadNoteAsync(patientId, appointmentId, ct))
        {
            return NotFound();
        }
        Form = posted;
        return await AttemptAsync(async () =>
        {
            var written = await notes.WriteAsync(User.UserId(), patientId, appointmentId, posted.Version, posted.ToContent(), sign, ct);
            if (written.ChangedMeanwhile)
            {
                return ShowChangedMeanwhile();
            }
            KeptForm.Forget(HttpContext);
            return this.RedirectWithNotice(NoteUrl, sign ? "Note signed. It is now locked; add an amendment to correct it." : "Draft saved.");
        }, () => ReloadAsync(patientId, appointmentId, ct));
    }

    protected override string FieldOf(RuleViolationException refusal) =>
        refusal?.Rule == TreatmentCourseRules.RiskSectionRequired ? RiskField : "";

    public const string RiskField = "Form.Risk";

    private PageResult ShowChangedMeanwhile()
    {
        ChangedMeanwhile = true;
        // The words stay in the form; saving again now builds on the stored version.
        Form.Version = Note!.Version;
        ModelState.Remove("Form.Version");
        ModelState.AddModelError("", "This note was saved by someone else (or in another tab) while you were writing. Nothing of yours was saved yet: compare with the stored note below, then save again.");
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task ReloadAsync(Guid patientId, Guid appointmentId, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await LoadNoteAsync(patientId, appointmentId, ct);
    }

    private async Task<bool> LoadNoteAsync(Guid patientId, Guid appointmentId, CancellationToken ct)
    {
        var me = User.UserId();
        if (!await LoadAsync(patientId, ct))
        {
            return false;
        }
        if (Record is null)
        {
            NoCourseYet = true;
            return false;
        }
        if (await appointments.OwnAsync(appointmentId, me, ct) is not { } appointment || appointment.TherapistId != me || appointment.PatientId != patientId)
        {
            return false;
        }
        Appointment = appointment;
        Note = Record.Notes.FirstOrDefault(n => n.AppointmentId == appointmentId);
        var course = Record.Course;
        Phase = Note?.Phase ?? course.Phase;
        SessionNumber = course.Sessions.FirstOrDefault(s => s.AppointmentId == appointmentId)?.Number ?? Note?.SessionNumber
            ?? (Phase == CoursePhase.Maintenance ? null : course.SessionNumber);

        var weekBefore = appointment.StartUtc.AddDays(-7);
        var phq9 = await history.ResponsesAsync(patientId, InstrumentCatalog.Phq9Instrument, ct);
        var answered = phq9.LastOrDefault(p => p.SubmittedAt >= weekBefore && p.SubmittedAt <= appointment.EndUtc);
        var due = answered is null && (await dueMeasures.ForPatientAsync(patientId, ct)).Any(d => d.Instrument.Id == InstrumentCatalog.Phq9);
        Phq9 = new WeekPhq9(answered, due);
        var before = answered is null ? null : phq9.LastOrDefault(p => p.Total is not null && p.SubmittedAt < answered.SubmittedAt);
        Phq9Rise = SessionNote.Phq9RiseWorthShowing(before?.Total, answered?.Total) is { } rise ? (before!.Total!.Value, answered!.Total!.Value, rise) : null;
        Risk = new RiskBanner(await risk.NowAsync(patientId, ct), Zone);
        // Fixed at the session: what was known by its end (or by now, for a note written during or before it).
        var now = Clock.GetUtcNow();
        RiskAtSession = await risk.AtAsync(patientId, appointment.EndUtc < now ? appointment.EndUtc : now, ct);

        var earlier = Record.Notes.Where(n => n.AppointmentId != appointmentId && n.IsSigned && (Note is null || n.CreatedAt < Note.CreatedAt));
        LastTask = earlier.MaxBy(n => n.CreatedAt)?.BetweenSessionTask;
        Agenda = [.. Record.OnNextAgenda];
        var authors = Note?.Amendments.Select(a => a.AuthorId).Distinct().ToList() ?? [];
        AuthorNames = authors.Count == 0 ? new Dictionary<Guid, string>()
            : await people.OfAsync(authors, ct);
        return true;
    }

    /// <summary>This week's PHQ-9 rose by 5 or more since the score before it: shown at the top of the note (readme, rule 24a).</summary>
    public (int From, int To, int By)? Phq9Rise { get; private set; }

    /// <summary>PHQ-9 item 9 of this week's answer (docs/clinical/measures.md#phq-9: any score of 1 or more needs follow-up, whatever the total).</summary>
    public int? Phq9Item9 => Phq9.Answered?.AnswerList() is { Count: >= 9 } answers ? answers[8] : null;

    public string OptionText(DecisionAnalysis decision, Guid optionId) => decision.Options.FirstOrDefault(o => o.Id == optionId)?.Text ?? "";
}
