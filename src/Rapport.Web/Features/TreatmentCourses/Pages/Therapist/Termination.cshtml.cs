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
public sealed class TerminationModel(TreatmentCourseService courses, TimeProvider clock, AppDbContext db, MeasurementHistory history, Auditor audit, CoursePhases phases)
    : TherapistCoursePageModel(courses, clock)
{
    /// <summary>Empty rows offered below the filled ones: more are added by saving (no script).</summary>
    public const int EmptyRows = 3;

    /// <summary>The measures compared at the end of the course (docs/clinical/ipt-course.md#termination), in this order.</summary>
    public static readonly IReadOnlyList<string> Compared = [InstrumentCatalog.Phq9, InstrumentCatalog.Gad7, InstrumentCatalog.Wsas];

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
            var now = Clock.GetUtcNow();
            Course!.EnsureOpen();
            var review = Review;
            if (review is null)
            {
                review = TerminationReview.Start(Course, now);
                db.TerminationReviews.Add(review);
            }
            else if (!review.IsCompleted && review.Version != posted.Version)
            {
                throw new Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException("The review changed since the form was opened.");
            }
            review.Edit(new TerminationReview.Details(Scores, posted.GainsInOwnWords,
                [.. Filled(posted.WarningSigns).Select(r => new WarningSign(r.Text ?? "", r.Plan ?? ""))],
                [.. Filled(posted.AnticipatedProblems).Select(r => new AnticipatedProblem(r.Text ?? "", r.Plan ?? ""))],
                posted.EmergencyContact, posted.Decision, posted.DecisionNote), now);
            if (complete)
            {
                review.Complete(User.UserId(), now);
            }
            audit.Stage(AuditAction.TerminationReviewSaved, subject: review.Id.ToString(), patientId: patientId,
                detail: complete ? "completed" : "draft");
            await db.SaveChangesAsync(ct);
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
        // A completed review keeps the scores it was completed with; a draft takes the latest from the history.
        Scores = Review is { IsCompleted: true } done ? done.Scores
            : [.. Compared.Select(id => series.FirstOrDefault(s => s.Instrument.Id == id))
                .Where(s => s?.Baseline?.Total is not null && s.Latest?.Total is not null)
                .Select(s => new ScoreComparison(s!.Instrument.ShortName, s.Baseline!.Total!.Value, s.Latest!.Total!.Value))];
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
