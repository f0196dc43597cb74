using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;

namespace Rapport.Web.Features.TreatmentCourses.Pages.Patient;

/// <summary>
/// The patient reads the treatment contract as one document and signs it with their typed name and a confirmation
/// (docs/clinical/ipt-course.md#treatment-contract); when both have signed the first version, their sessions are booked and shown here.
/// </summary>
[Authorize(Policy = Policies.Patient)]
[Audited(AuditAction.CourseRead, PatientIsCaller = true)]
public sealed class ContractModel(TreatmentCourseService courses, AppDbContext db, TimeProvider clock, SessionHistory appointments) : OwnCoursePageModel(courses, clock)
{
    [BindProperty] public string? TypedName { get; set; }
    [BindProperty] public bool Confirmed { get; set; }

    /// <summary>The version to read and sign: one waiting for signatures, else the one in force.</summary>
    public TreatmentContract? Shown => Record is { } file ? file.OpenContract ?? file.ContractInForce : null;
    public IReadOnlyList<Appointment> SeriesBooked { get; private set; } = [];
    /// <summary>The sessions used and booked so far, which the contract's last-session date is reckoned from.</summary>
    public CourseSessionDates SessionDates { get; private set; } = CourseSessionDates.None;

    public ContractDocumentView Document(TreatmentContract contract) => new(contract, Record!.Patient.DisplayName, Record.Therapist.DisplayName, Zone,
        Record.ContractInForce?.Id == contract.Id, SessionDates);

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        await LoadSeriesAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Record?.OpenContract is not { } open)
        {
            return NotFound();
        }
        return await AttemptAsync(async () =>
        {
            // The service checks the signer, puts the version in force when both have signed, books the series and audits each step.
            var signed = await Courses.SignContractAsync(open.Id, User.UserId(), TypedName ?? "", Confirmed, ct);
            var done = signed switch
            {
                { NowInForce: false } => "Thank you for signing. The contract applies once your therapist has signed it too.",
                { Series: { Succeeded: true } series } => $"Thank you for signing. The contract is in force and your {series.Booked.Count} sessions are booked.",
                { Series: not null } => "Thank you for signing. The contract is in force. Some of the planned times were not free, so your therapist will choose the times and your sessions will appear under your appointments.",
                _ => "Thank you for signing. The contract is in force.",
            };
            return this.RedirectWithNotice("/my-plan/contract", done);
        }, async () =>
        {
            db.ChangeTracker.Clear();
            await LoadAsync(ct);
            await LoadSeriesAsync(ct);
        });
    }

    private async Task LoadSeriesAsync(CancellationToken ct)
    {
        if (Course is { } course)
        {
            SessionDates = await Courses.SessionDatesAsync(course, ct);
        }
        if (Course?.BookedSeriesId is { } seriesId)
        {
            SeriesBooked = [.. (await appointments.SeriesAsync(seriesId, ct)).Where(a => a.PatientId == Course.PatientId)];
        }
    }
}
