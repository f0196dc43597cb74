using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;

namespace Rapport.Web.Features.TreatmentCourses.Pages.Therapist;

/// <summary>
/// The treatment contract (docs/clinical/ipt-course.md#treatment-contract): drafted from the agreed formulation with the default terms, every
/// part editable until both have signed, shown as the document both sign (typed name and a confirmation), locked once
/// signed, changed only by an amendment both sign again. Once the first version is in force the series is booked: the
/// page shows the sessions booked, or each clash with nearby times and a form to book from another first time.
/// </summary>
[Authorize(Policy = Policies.Therapist)]
[Audited(AuditAction.CourseRead)]
public sealed class ContractModel(TreatmentCourseService courses, SeriesPreview preview, AppDbContext db, ContractWriting writing, TimeProvider clock,
    SessionHistory appointments)
    : TherapistCoursePageModel(courses, clock)
{
    [BindProperty] public ContractForm Form { get; set; } = new();
    [BindProperty] public string? TypedName { get; set; }
    [BindProperty] public bool Confirmed { get; set; }
    /// <summary>Where the series starts, on the therapist's wall clock.</summary>
    [BindProperty] public DateTime? FirstStart { get; set; }

    /// <summary>The clashes of booking the series from <see cref="FirstStart"/>; null when there is nothing to book.</summary>
    public IReadOnlyList<SeriesConflict>? Conflicts { get; private set; }
    public int SessionsToBook { get; private set; }
    public IReadOnlyList<Appointment> SeriesBooked { get; private set; } = [];
    /// <summary>The sessions used and booked so far, which the contract's last-session date is reckoned from.</summary>
    public CourseSessionDates SessionDates { get; private set; } = CourseSessionDates.None;
    public bool SeriesToBook => Course is { IsEnded: false, BookedSeriesId: null, ContractInForceId: not null } && SessionsToBook > 0;

    public ContractDocumentView Document(TreatmentContract contract) => new(contract, Record!.Patient.DisplayName, Record.Therapist.DisplayName, Zone,
        Record.ContractInForce?.Id == contract.Id, SessionDates);

    /// <summary>How a version's sessions fall into the phases, from the initial-phase sessions this course has used.</summary>
    public ContractLengthCheck LengthCheck(TreatmentContract contract) =>
        ContractLengthCheck.For(contract.SessionCount, Course?.InitialSessionsUsed ?? 0);

    public async Task<IActionResult> OnGetAsync(Guid patientId, CancellationToken ct)
    {
        if (!await LoadAsync(patientId, ct))
        {
            return NotFound();
        }
        FillForm();
        await LoadSeriesAsync(ct);
        return Page();
    }

    /// <summary>Writes the first draft, or changes the open draft or amendment (a signature already given is withdrawn).</summary>
    public Task<IActionResult> OnPostSaveAsync(Guid patientId, CancellationToken ct) =>
        ChangeAsync(patientId, async (course, file) =>
        {
            var contract = await writing.SaveAsync(User.UserId(), course.PatientId, Form.ToTerms(Zone), ct);
            return $"Version {contract.Version} saved. Both of you sign it to put it in force.";
        }, ct);

    /// <summary>A change to the contract in force: a new version with its reason, signed again by both; the old one applies meanwhile.</summary>
    public Task<IActionResult> OnPostAmendAsync(Guid patientId, CancellationToken ct) =>
        ChangeAsync(patientId, async (course, file) =>
        {
            var amendment = await writing.AmendAsync(User.UserId(), course.PatientId, Form.ToTerms(Zone), Form.Reason, ct);
            return $"Amendment (version {amendment.Version}) saved. Version {file.ContractInForce?.Version} stays in force until both of you sign it.";
        }, ct);

    public Task<IActionResult> OnPostSignAsync(Guid patientId, CancellationToken ct) =>
        ChangeAsync(patientId, async (course, file) =>
        {
            var open = file.OpenContract
                ?? throw new RuleViolationException(TreatmentCourseRules.NoContractVersionWaiting, "There is no version waiting for a signature.");
            // The service signs, puts the version in force when both have signed, books the series, and audits each step.
            var signed = await Courses.SignContractAsync(open.Id, User.UserId(), TypedName ?? "", Confirmed, ct);
            return signed switch
            {
                { NowInForce: false } => $"You signed version {open.Version}. It applies once the patient signs it too.",
                { Series: { Succeeded: true } series } => $"You signed version {open.Version}: it is in force, and {series.Booked.Count} sessions are booked.",
                { Series: not null } => $"You signed version {open.Version}: it is in force, but the series could not be booked. Choose another first time below.",
                _ => $"You signed version {open.Version}: it is in force.",
            };
        }, ct, keepPostedForm: false);

    public async Task<IActionResult> OnPostBookSeriesAsync(Guid patientId, CancellationToken ct)
    {
        var first = FirstStart;
        if (!await LoadAsync(patientId, ct))
        {
            return NotFound();
        }
        if (Course is not { } course)
        {
            return NotFound();
        }
        FillForm();
        FirstStart = first;
        return await AttemptAsync(async () =>
        {
            var start = first is { } local
                ? WallClock.ToUtc(local, Zone) ?? throw new RuleViolationException(TreatmentCourseRules.SeriesStartNotOnTheClock, "That time does not exist on your clock (the clocks change then).")
                : throw new RuleViolationException(TreatmentCourseRules.SeriesStartRequired, "Choose the date and time of the first session.");
            var outcome = await Courses.BookSeriesAsync(course, start, ct);
            if (outcome.Succeeded)
            {
                return this.RedirectWithNotice(CourseUrl("contract"), $"{outcome.Booked.Count} sessions booked, from {Local(outcome.Booked[0].StartUtc)}.");
            }
            // Nothing was booked: show every clash with its alternatives beside the form.
            SessionsToBook = await Courses.SessionsToBookAsync(course, ct);
            Conflicts = outcome.Conflicts;
            ModelState.AddModelError("", $"Nothing was booked: {Count(outcome.Conflicts.Count, "session")} of the series cannot be booked at that time.");
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }, async () =>
        {
            db.ChangeTracker.Clear();
            await LoadAsync(patientId, ct);
            FillForm();
            FirstStart = first;
            await LoadSeriesAsync(ct);
        });
    }

    private async Task<IActionResult> ChangeAsync(Guid patientId, Func<TreatmentCourse, CourseFile, Task<string>> change, CancellationToken ct,
        bool keepPostedForm = true)
    {
        var posted = Form;
        if (!await LoadAsync(patientId, ct))
        {
            return NotFound();
        }
        if (Course is not { } course)
        {
            return NotFound();
        }
        Form = posted;
        return await AttemptAsync(async () =>
        {
            course.EnsureOpen();
            var done = await change(course, Record!);
            return this.RedirectWithNotice(CourseUrl("contract"), done);
        }, async () =>
        {
            db.ChangeTracker.Clear();
            await LoadAsync(patientId, ct);
            if (keepPostedForm)
            {
                Form = posted;
            }
            else
            {
                FillForm();
            }
            await LoadSeriesAsync(ct);
        });
    }

    /// <summary>The form shows the open version, or the version in force (for an amendment), or the default terms for a first draft.</summary>
    private void FillForm()
    {
        if (Record is not { } file)
        {
            return;
        }
        var today = WallClock.Today(Clock.GetUtcNow(), Zone);
        Form = (file.OpenContract ?? file.ContractInForce) is { } contract
            ? ContractForm.From(contract, Zone)
            : ContractForm.From(TreatmentContract.Terms.Defaults(today), Zone);
    }

    /// <summary>Booked: the series' sessions. Not yet: what booking from the contract's first session (or the chosen time) would meet.</summary>
    private async Task LoadSeriesAsync(CancellationToken ct)
    {
        if (Course is { } any)
        {
            SessionDates = await Courses.SessionDatesAsync(any, ct);
        }
        if (Course is not { } course || course.ContractInForceId is null)
        {
            return;
        }
        if (course.BookedSeriesId is { } seriesId)
        {
            SeriesBooked = await appointments.SeriesAsync(seriesId, ct);
            return;
        }
        SessionsToBook = await Courses.SessionsToBookAsync(course, ct);
        var first = FirstStart is { } chosen ? WallClock.ToUtc(chosen, Zone) : Record!.Contracts.FirstOrDefault(c => c.Version == 1)?.FirstSessionAt;
        FirstStart ??= first is { } f ? WallClock.Local(f, Zone) : null;
        if (first is { } start && SessionsToBook > 0 && !course.IsEnded)
        {
            Conflicts = (await preview.CheckAsync(course, start, ct)).Conflicts;
        }
    }

    public static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
