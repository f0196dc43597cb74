using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Assessments.Pages;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.TreatmentCourses.Pages.Therapist;

/// <summary>
/// The termination review (docs/clinical/ipt-course.md#termination): first and latest scores from the measurement history beside the
/// PHQ-9 chart, the gains in the patient's words, warning signs each with what to do, problems ahead with plans, who to
/// contact in an emergency and the maintenance decision. A draft until completed, then locked (the patient has their
/// copy). From here the termination phase begins, and the course closes once the review is complete.
/// </summary>
[Authorize(Policy = Policies.Therapist)]
[Audited(AuditAction.CourseRead)]
public sealed class TerminationModel(TreatmentCourseService courses, TimeProvider clock, AppDbContext db, MeasurementHistory history, TerminationReviewing reviewing, CoursePhases phases)
    : TherapistCoursePageModel(courses, clock)
{
    /// <summary>Empty rows offered below the filled ones: more are added by saving (no script).</summary>
    public const int EmptyRows = 3;

    public sealed class Row
    {
        public string? Text { get; set; }
        public string? Plan { get; set; }
    }

    public sealed class ReviewForm
    {
        public int Version { get; set; }
        public string? GainsInOwnWords { get; set; }
        public List<Row> WarningSigns { get; set; } = [];
        public List<Row> AnticipatedProblems { get; set; } = [];
        public string? EmergencyContact { get; set; }
        public MaintenanceDecision Decision { get; set; }
        public string? DecisionNote { get; set; }

        public static ReviewForm From(TerminationReview? review) => review is null ? new() : new()
        {
            Version = review.Version,
            GainsInOwnWords = review.GainsInOwnWords,
            WarningSigns = [.. review.WarningSigns.Select(w => new Row { Text = w.Sign, Plan = w.WhatToDo })],
            AnticipatedProblems = [.. review.AnticipatedProblems.Select(p => new Row { Text = p.Problem, Plan = p.Plan })],
            EmergencyContact = review.EmergencyContact,
            Decision = review.Decision,
            DecisionNote = review.DecisionNote,
        };
    }

    [BindProperty] public ReviewForm Form { get; set; } = new();

    public TerminationReview? Review => Record?.Review;
    public IReadOnlyList<ScoreComparison> Scores { get; private set; } = [];
    public MeasuresView? Phq9 { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid patientId, CancellationToken ct)
    {
        if (!await LoadReviewAsync(patientId, ct))
        {
            return NotFound();
        }
        Form = ReviewForm.From(Review);
        return Page();
    }

    public async Task<IActionResult> OnPostBeginAsync(Guid patientId, CancellationToken ct)
    {
        if (!await LoadReviewAsync(patientId, ct))
        {
            return NotFound();
        }
        Form = ReviewForm.From(Review);
        return await AttemptAsync(async () =>
        {
            await phases.BeginTerminationAsync(User.UserId(), patientId, ct);
            return this.RedirectWithNotice(CourseUrl("termination"), "The termination phase has begun. Raise the ending openly and start the review.");
        }, () => ReloadAsync(patientId, ct));
    }

    public Task<IActionResult> OnPostSaveAsync(Guid patientId, CancellationToken ct) => WriteAsync(patientId, complete: false, ct);

    public Task<IActionResult> OnPostCompleteAsync(Guid patientId, CancellationToken ct) => WriteAsync(patientId, complete: true, ct);

    /// <summary>Closes the course from the termination phase: the review must be complete (the course's own rule).</summary>
    public async Task<IActionResult> OnPostCloseAsync(Guid patientId, CancellationToken ct)
    {
        if (!await LoadReviewAsync(patientId, ct))
        {
            return NotFound();
        }
        Form = ReviewForm.From(Review);
        return await AttemptAsync(async () =>
        {
            await phases.CloseAsync(User.UserId(), patientId, ct);
            return this.RedirectWithNotice(CourseUrl("termination"), "The course is closed. The patient keeps their review and emergency contact.");
        }, () => ReloadAsync(patientId, ct));
    }

    private async Task<IActionResult> WriteAsync(Guid patientId, bool complete, CancellationToken ct)
    {
        var posted = Form;
        if (!await LoadReviewAsync(patientId, ct))
        {
            return NotFound();
        }
        Form = posted;
        return await AttemptAsync(async () =>
        {
            await reviewing.SaveAsync(User.UserId(), patientId, new TerminationReviewing.Draft(posted.Version, posted.GainsInOwnWords,
                [.. Filled(posted.WarningSigns).Select(r => new WarningSign(r.Text ?? "", r.Plan ?? ""))],
                [.. Filled(posted.AnticipatedProblems).Select(r => new AnticipatedProblem(r.Text ?? "", r.Plan ?? ""))],
                posted.EmergencyContact, posted.Decision, posted.DecisionNote), complete, ct);
            return this.RedirectWithNotice(CourseUrl("termination"), complete ? "Review complete. The patient has their copy on their plan." : "Draft saved.");
        }, () => ReloadAsync(patientId, ct));
    }

    private async Task ReloadAsync(Guid patientId, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await LoadReviewAsync(patientId, ct);
    }

    private async Task<bool> LoadReviewAsync(Guid patientId, CancellationToken ct)
    {
        if (!await LoadAsync(patientId, ct) || Record is null)
        {
            return false;
        }
        var series = await history.ForPatientAsync(patientId, ct);
        Scores = TerminationReviewing.ScoresFor(series, Review);
        if (series.FirstOrDefault(s => s.Instrument.Id == InstrumentCatalog.Phq9) is { } phq9)
        {
            Phq9 = new MeasuresView(phq9, SessionNumbering.Of([], [Record.Course], Clock.GetUtcNow()).Marks, Zone, ForPatient: false);
        }
        return true;
    }

    /// <summary>The filled rows and then <see cref="EmptyRows"/> empty ones, within the review's limit.</summary>
    public static IReadOnlyList<Row> WithEmptyRows(IReadOnlyList<Row> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var filled = Filled(rows).ToList();
        return [.. filled, .. Enumerable.Range(0, Math.Max(0, Math.Min(EmptyRows, TerminationReview.MaxItems - filled.Count))).Select(_ => new Row())];
    }

    private static IEnumerable<Row> Filled(IEnumerable<Row> rows) => rows.Where(r => !string.IsNullOrWhiteSpace(r.Text) || !string.IsNullOrWhiteSpace(r.Plan));
}
