using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;

namespace Rapport.Web.Features.TreatmentCourses;

/// <summary>
/// Courses for programs: the caller's courses, and the treatment summary as JSON and as a PDF. The
/// summary answers only to the course's patient, its therapist and a supervisor (an admin signed in with a second
/// factor); anyone else gets 404 as if the course did not exist. Every read is audited with the patient named.
/// </summary>
public static class CoursesApi
{
    public sealed record CourseDto(Guid Id, Guid PatientId, Guid TherapistId, string Phase, int? SessionNumber, int? ContractedSessions, int? WeeksLeft,
        int SessionsHeld, DateTimeOffset OpenedAt, DateTimeOffset? EndedAt);

    public static void MapCoursesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/courses").WithTags("Treatment courses").RequireAuthorization(Policies.ApiUser, Policies.PatientOrTherapist);
        api.MapGet("/", List).WithAudit(AuditAction.ListedCourses).WithSummary("The caller's IPT courses: a patient's own; a clinician's, those of the patients whose record they read (responsible, covering, supervising).");
        api.MapGet("/{courseId:guid}/summary", Summary).WithAudit(AuditAction.TreatmentSummaryRead)
            .WithSummary("The treatment summary of one course: dates, attendance, focus, scores from start to end and the termination review. for=patient (plain words, default) or referral.");

        // The PDF is downloaded from the pages, so it uses the sign-in cookie; supervisors (admins) may read it too.
        app.MapGet("/courses/{courseId:guid}/summary.pdf", Pdf).WithName("TreatmentSummaryPdf").RequireAuthorization().WithAudit(AuditAction.TreatmentSummaryRead).ExcludeFromDescription();
    }

    private static async Task<Ok<IReadOnlyList<CourseDto>>> List(ClaimsPrincipal user, AppDbContext db, CareRelationships.CareAccess care, CancellationToken ct)
    {
        var me = user.UserId();
        // A clinician lists the courses of the patients whose record they read now (care decides, not who ran the course).
        var readable = care.PatientsWhoseRecordIsReadBy(me);
        var courses = await db.TreatmentCourses.AsNoTracking().Where(c => c.PatientId == me || readable.Contains(c.PatientId))
            .OrderByDescending(c => c.OpenedAt).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<CourseDto>>([.. courses.Select(c => new CourseDto(c.Id, c.PatientId, c.TherapistId, c.Phase.ToString(),
            c.SessionNumber, c.ContractedSessions, c.WeeksLeft, c.SessionsHeld, c.OpenedAt, c.EndedAt))]);
    }

    private static async Task<Ok<TreatmentSummary>> Summary(Guid courseId, string? @for, HttpContext http, TreatmentCourseService courses,
        MeasurementHistory measures, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await BuildAsync(courseId, @for, http, courses, measures, clock, ct));

    private static async Task<FileContentHttpResult> Pdf(Guid courseId, string? @for, HttpContext http, TreatmentCourseService courses,
        MeasurementHistory measures, PeopleNames people, TimeProvider clock, CancellationToken ct)
    {
        var summary = await BuildAsync(courseId, @for, http, courses, measures, clock, ct);
        var zone = await ViewerZone.ResolveAsync(http.User, null, people, clock);
        // Private: never kept by a shared cache or the browser's back-forward cache.
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(TreatmentSummaryPdf.Render(summary, zone), "application/pdf", "treatment-summary.pdf");
    }

    private static async Task<TreatmentSummary> BuildAsync(Guid courseId, string? audience, HttpContext http, TreatmentCourseService courses,
        MeasurementHistory measures, TimeProvider clock, CancellationToken ct)
    {
        var user = http.User;
        var course = await courses.ForReaderAsync(courseId, user.UserId(), ct);
        http.NameAuditedPatient(course.PatientId);
        var file = await courses.FileAsync(course, ct);
        var series = await measures.ForPatientAsync(course.PatientId, ct);
        var forWhom = audience?.ToLowerInvariant() switch
        {
            null or "" or "patient" => SummaryAudience.Patient,
            "referral" => SummaryAudience.Referral,
            _ => throw new InputValidationException(new Dictionary<string, string[]> { ["for"] = ["Choose patient or referral."] }),
        };
        var zone = ProfileChoices.ZoneOrUtc(user.UserId() == course.PatientId ? file.Patient.TimeZoneId : file.Therapist.TimeZoneId);
        return TreatmentSummary.From(file, series, forWhom, zone, clock.GetUtcNow(), await courses.SessionDatesAsync(file.Course, ct));
    }
}
