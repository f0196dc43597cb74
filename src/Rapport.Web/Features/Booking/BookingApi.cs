using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Therapists;

namespace Rapport.Web.Features.Booking;

/// <summary>
/// Directory, slots and appointments for programs. Times go in as ISO 8601 instants and come back in UTC and in the
/// caller's zone (with its offset and the zone's id): the zone asked for with <c>?tz=</c>, else the bearer token's
/// person's own, else UTC, named as such.
/// </summary>
public static class BookingApi
{
    public sealed record TimeRange(DateTimeOffset StartUtc, DateTimeOffset EndUtc, DateTimeOffset StartLocal, DateTimeOffset EndLocal, string TimeZone);

    public sealed record TherapistDto(Guid Id, string Name, string Bio, IReadOnlyList<string> Languages, IReadOnlyList<string> Conditions,
        IReadOnlyList<string> Countries, string Training, bool AcceptingNewPatients, string TimeZone, TimeRange? NextFree);

    /// <summary>A page of the directory; <c>TimeZone</c> is the zone its times are shown in (each therapist's own is where they work).</summary>
    public sealed record TherapistPageDto(IReadOnlyList<TherapistDto> Items, int Page, int PageSize, int Total, string TimeZone);

    public sealed record AppointmentDto(Guid Id, Guid TherapistId, Guid PatientId, string Status, string Kind, TimeRange Time, Guid? SeriesId, int? SeriesIndex);

    public sealed record BookRequest([property: Required] Guid TherapistId, [property: Required] DateTimeOffset Start);

    /// <summary>A clinician's series for a patient in their care (<c>PatientId</c>); patients are refused (the contract books theirs).</summary>
    public sealed record SeriesRequest(Guid? TherapistId, [property: Required] DateTimeOffset FirstStart,
        [property: Range(1, BookingService.MaxSeriesCount)] int Count, Guid? PatientId = null);

    public sealed record RescheduleRequest([property: Required] DateTimeOffset Start);

    public sealed record SeriesConflictDto(int Index, DateTimeOffset? RequestedStartUtc, string Reason, IReadOnlyList<TimeRange> Alternatives);

    public static void MapBookingApi(this IEndpointRouteBuilder app)
    {
        var directory = app.MapGroup("/api/v1/therapists").WithTags("Therapists").AllowAnonymous();
        directory.MapGet("/", ListTherapists).WithoutAudit("public directory of listed therapists' published profiles").WithSummary("Listed therapists, filtered, with each one's next free time.");
        directory.MapGet("/{id:guid}/slots", ListSlots).WithoutAudit("a listed therapist's free times, public; names no patient").WithSummary("Bookable times of one therapist between two instants (at most 62 days).");

        var appointments = app.MapGroup("/api/v1/appointments").WithTags("Appointments").RequireAuthorization(Policies.ApiUser);
        appointments.MapGet("/", ListMine).WithAudit(AuditAction.ListedAppointments).WithSummary("My appointments, as patient or therapist.");
        appointments.MapPost("/", Book).RequireAuthorization(Policies.Patient).AddEndpointFilter<IdempotencyFilter>().WithAudit(AuditAction.AppointmentChangeRequested)
            .WithSummary("Book one appointment at an offered slot. Accepts Idempotency-Key.");
        appointments.MapPost("/series", BookSeries).RequireAuthorization(Policies.PatientOrTherapist).AddEndpointFilter<IdempotencyFilter>()
            .WithAudit(AuditAction.AppointmentChangeRequested)
            .WithSummary("A clinician books N weekly sessions for a patient in their care (patientId), all or nothing. Patients get 409 Booking.SeriesOnlyThroughCare: their series comes from the treatment contract. Accepts Idempotency-Key.");
        appointments.MapPost("/{id:guid}/cancel", Cancel).AddEndpointFilter<IdempotencyFilter>().WithAudit(AuditAction.AppointmentChangeRequested)
            .WithSummary("Cancel my appointment. Accepts Idempotency-Key.");
        appointments.MapPost("/{id:guid}/reschedule", Reschedule).AddEndpointFilter<IdempotencyFilter>().WithAudit(AuditAction.AppointmentChangeRequested)
            .WithSummary("Move my appointment to another offered slot. Accepts Idempotency-Key.");
        appointments.MapGet("/{id:guid}/ics", Ics).WithAudit(AuditAction.ReadAppointment).WithSummary("My appointment as an RFC 5545 calendar file.");
    }

    private static async Task<Results<Ok<TherapistPageDto>, ProblemHttpResult>> ListTherapists(
        TherapistDirectory directory, HttpContext http, PeopleNames people, CancellationToken ct,
        string? language = null, string? condition = null, bool? accepting = null, int? availableWithinDays = null,
        int page = 1, int pageSize = 10, string? tz = null, string? country = null)
    {
        if (await ViewerZoneAsync(tz, await BearerCallerAsync(http), people, ct) is not { } zone)
        {
            return UnknownZone(tz);
        }
        if (availableWithinDays is < 1 or > 90)
        {
            return TypedResults.Problem("availableWithinDays must be between 1 and 90.", statusCode: 400, title: "Invalid filter");
        }
        var result = await directory.SearchAsync(new DirectoryFilter(language, condition, accepting, availableWithinDays, page, pageSize, country), ct);
        return TypedResults.Ok(new TherapistPageDto(result.Entries.Select(e => new TherapistDto(e.Id, e.Name, e.Bio, e.Languages, e.Specialties,
            e.Countries, e.Training.ToString(), e.AcceptingNewPatients, e.TimeZoneId, e.NextFree is { } n ? Range(n.StartUtc, n.EndUtc, zone) : null)).ToArray(),
            result.Page, result.PageSize, result.Total, zone.Id));
    }

    private static async Task<Results<Ok<IReadOnlyList<TimeRange>>, ProblemHttpResult>> ListSlots(Guid id, DateTimeOffset from, DateTimeOffset to,
        BookingService booking, HttpContext http, PeopleNames people, CancellationToken ct, string? tz = null)
    {
        if (await ViewerZoneAsync(tz, await BearerCallerAsync(http), people, ct) is not { } zone)
        {
            return UnknownZone(tz);
        }
        var slots = await booking.SlotsAsync(id, from, to, ct);
        return TypedResults.Ok<IReadOnlyList<TimeRange>>(slots.Select(s => Range(s.StartUtc, s.EndUtc, zone)).ToArray());
    }

    private static async Task<Ok<IReadOnlyList<AppointmentDto>>> ListMine(ClaimsPrincipal user, AppDbContext db, PeopleNames people, CancellationToken ct)
    {
        var me = user.UserId();
        var zone = await ViewerZoneAsync(null, user, people, ct) ?? TimeZoneInfo.Utc;
        var mine = await db.Appointments.AsNoTracking().Where(a => a.PatientId == me || a.TherapistId == me)
            .OrderBy(a => a.StartUtc).Take(500).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<AppointmentDto>>(mine.Select(a => Dto(a, zone)).ToArray());
    }

    private static async Task<Created<AppointmentDto>> Book(BookRequest request, BookingService booking, ClaimsPrincipal user,
        PeopleNames people, CancellationToken ct)
    {
        var appointment = await booking.BookAsync(user.UserId(), request.TherapistId, request.Start, AppointmentKind.Assessment, ct);
        return TypedResults.Created($"/api/v1/appointments/{appointment.Id}", Dto(appointment, await ViewerZoneAsync(null, user, people, ct) ?? TimeZoneInfo.Utc));
    }

    private static async Task<Results<Created<IReadOnlyList<AppointmentDto>>, Conflict<ProblemDetails>>> BookSeries(SeriesRequest request,
        BookingService booking, ClaimsPrincipal user, PeopleNames people, CancellationToken ct)
    {
        var zone = await ViewerZoneAsync(null, user, people, ct) ?? TimeZoneInfo.Utc;
        if (!user.IsInRole(Roles.Therapist))
        {
            throw BookingService.SeriesOnlyThroughCare();
        }
        if (request.PatientId is not { } patientId)
        {
            throw new InputValidationException(new Dictionary<string, string[]> { ["patientId"] = ["Name the patient in your care the series is for."] });
        }
        var outcome = await booking.BookSeriesByClinicianAsync(user.UserId(), patientId, request.FirstStart, request.Count, ct);
        if (!outcome.Succeeded)
        {
            var problem = new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Some weeks cannot be booked",
                Detail = $"{outcome.Conflicts.Count} of {request.Count} weekly times are not available; nothing was booked. Choose from the alternatives.",
            };
            problem.Extensions["rule"] = BookingRules.SlotTaken;
            problem.Extensions["conflicts"] = outcome.Conflicts.Select(c => new SeriesConflictDto(c.Index, c.RequestedStartUtc, c.Reason,
                c.Alternatives.Select(a => Range(a.StartUtc, a.EndUtc, zone)).ToArray())).ToArray();
            return TypedResults.Conflict(problem);
        }
        return TypedResults.Created($"/api/v1/appointments?series={outcome.SeriesId}",
            (IReadOnlyList<AppointmentDto>)outcome.Booked.Select(a => Dto(a, zone)).ToArray());
    }

    private static async Task<Ok<AppointmentDto>> Cancel(Guid id, BookingService booking, ClaimsPrincipal user, PeopleNames people, CancellationToken ct) =>
        TypedResults.Ok(Dto(await booking.CancelAsync(id, user.UserId(), ct), await ViewerZoneAsync(null, user, people, ct) ?? TimeZoneInfo.Utc));

    private static async Task<Ok<AppointmentDto>> Reschedule(Guid id, RescheduleRequest request, BookingService booking, ClaimsPrincipal user,
        PeopleNames people, CancellationToken ct) =>
        TypedResults.Ok(Dto(await booking.RescheduleAsync(id, user.UserId(), request.Start, ct), await ViewerZoneAsync(null, user, people, ct) ?? TimeZoneInfo.Utc));

    private static async Task<FileContentHttpResult> Ics(Guid id, BookingService booking, PeopleNames people, AppointmentMail mail,
        ClaimsPrincipal user, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var me = user.UserId();
        var appointment = await booking.OwnAsync(id, me, ct);
        http.NameAuditedPatient(appointment.PatientId);
        var otherId = appointment.PatientId == me ? appointment.TherapistId : appointment.PatientId;
        var otherName = await people.OfAsync(otherId, ct) ?? "someone";
        var ics = IcsWriter.Write([new IcsEvent(appointment, otherName, mail.LinkFor(appointment))], clock.GetUtcNow());
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(ics), IcsWriter.MediaType, "appointment.ics");
    }

    /// <summary>
    /// The person behind a bearer token on the public endpoints, or null. Anonymous endpoints run no scheme but the
    /// cookie's, so a program's token would go unread and its person would get UTC while their appointments come in
    /// their own zone. The session cookie never authenticates the API (README, "JSON API"); a token that does not stand
    /// is read as no caller, as the endpoints are public.
    /// </summary>
    private static async Task<ClaimsPrincipal?> BearerCallerAsync(HttpContext http) =>
        await http.AuthenticateAsync(RevocableBearerHandler.SchemeName) is { Succeeded: true } result ? result.Principal : null;

    /// <summary>The zone to show times in: the one asked for, else the signed-in person's own, else UTC. Null for an unknown zone.</summary>
    private static async Task<TimeZoneInfo?> ViewerZoneAsync(string? tz, ClaimsPrincipal? user, PeopleNames people, CancellationToken ct)
    {
        var id = tz;
        if (string.IsNullOrEmpty(id) && user?.Identity?.IsAuthenticated == true)
        {
            id = (await people.FindAsync(user.UserId(), ct))?.TimeZoneId;
        }
        id = string.IsNullOrEmpty(id) ? "UTC" : id;
        return ProfileChoices.IsTimeZone(id) ? TimeZoneInfo.FindSystemTimeZoneById(id) : null;
    }

    private static ProblemHttpResult UnknownZone(string? tz) =>
        TypedResults.Problem($"'{tz}' is not an IANA time zone such as Europe/Berlin.", statusCode: 400, title: "Unknown time zone");

    public static TimeRange Range(DateTimeOffset start, DateTimeOffset end, TimeZoneInfo zone) =>
        new(start, end, TimeZoneInfo.ConvertTime(start, zone), TimeZoneInfo.ConvertTime(end, zone), zone.Id);

    private static AppointmentDto Dto(Appointment a, TimeZoneInfo zone) =>
        new(a.Id, a.TherapistId, a.PatientId, a.Status.ToString(), a.Kind.ToString(), Range(a.StartUtc, a.EndUtc, zone), a.SeriesId, a.SeriesIndex);
}
