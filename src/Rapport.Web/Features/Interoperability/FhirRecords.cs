using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.CareRelationships;
using Rapport.Web.Features.Safety;
using Rapport.Web.Features.Therapists;
using Rapport.Web.Features.TreatmentCourses;
using R4 = Hl7.Fhir.Model;

namespace Rapport.Web.Features.Interoperability;

/// <summary>Who asks: the account behind the bearer token, a patient or a clinician.</summary>
public sealed record FhirCaller(Guid Id, bool IsClinician)
{
    public static FhirCaller Of(ClaimsPrincipal user) => new(user.UserId(), user.IsInRole(Roles.Therapist));
}

/// <summary>One page of a search: the resources, how many match in all, and the one patient they are about (for the audit row).</summary>
public sealed record FhirPage(IReadOnlyList<R4.Resource> Resources, int Total, Guid? PatientId = null);

/// <summary>
/// The FHIR API's one use case: reads and searches, each scoped by the care relationship (<see cref="CareAccess"/>) inside
/// its query, and each recorded as one audit entry naming the resource type and the count, never the content
/// (Interoperability readme, rules 1 and 6). A read is a search by id: someone else's record is simply not found (404).
/// </summary>
public sealed class FhirRecords(CareAccess care, Auditor audit, AssessmentService assessments, BookingService booking, TimeProvider clock, PeopleNames people,
    ProfileLookup profiles, AppointmentRecords appointmentRecords, ScheduleLookup schedules, AssessmentRecords assessmentRecords, CourseRecords courseRecords,
    SafetyRecords safety)
{
    /// <summary>The searchable resource types and their parameters (besides _count and _offset): the CapabilityStatement lists the same.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<SearchParameter>> Searches = new Dictionary<string, IReadOnlyList<SearchParameter>>(StringComparer.Ordinal)
    {
        ["Patient"] = [SearchParameter.Id],
        ["Practitioner"] = [SearchParameter.Id],
        ["PractitionerRole"] = [SearchParameter.Id, new("practitioner", R4.SearchParamType.Reference, "The practitioner, as Practitioner/{id}")],
        ["Schedule"] = [SearchParameter.Id, new("actor", R4.SearchParamType.Reference, "The practitioner, as Practitioner/{id}")],
        ["Slot"] = [SearchParameter.Id, new("schedule", R4.SearchParamType.Reference, "Required: the schedule, as Schedule/{id}"),
            new("start", R4.SearchParamType.Date, "Free times starting in this range (ge, gt, le, lt, eq); at most 62 days, 14 when not given")],
        ["Appointment"] = [SearchParameter.Id, SearchParameter.Patient, new("date", R4.SearchParamType.Date, "The appointment's start (ge, gt, le, lt, eq)")],
        ["Questionnaire"] = [SearchParameter.Id, new("url", R4.SearchParamType.Uri, "The questionnaire's canonical URL")],
        ["QuestionnaireResponse"] = [SearchParameter.Id, SearchParameter.Patient,
            new("questionnaire", R4.SearchParamType.Reference, "The questionnaire, by canonical URL or as Questionnaire/{id}")],
        ["Observation"] = [SearchParameter.Id, SearchParameter.Patient,
            new("code", R4.SearchParamType.Token, "The total's code, e.g. http://loinc.org|44261-6 for the PHQ-9 total"),
            new("date", R4.SearchParamType.Date, "When it was answered (ge, gt, le, lt, eq)")],
        ["CarePlan"] = [SearchParameter.Id, SearchParameter.Patient],
        ["Goal"] = [SearchParameter.Id, SearchParameter.Patient],
        ["Consent"] = [SearchParameter.Id, SearchParameter.Patient],
        ["Flag"] = [SearchParameter.Id, SearchParameter.Patient],
    };

    public sealed record SearchParameter(string Name, R4.SearchParamType Type, string Documentation)
    {
        public static readonly SearchParameter Id = new("_id", R4.SearchParamType.Token, "The resource's id");
        public static readonly SearchParameter Patient = new("patient", R4.SearchParamType.Reference, "The patient, as Patient/{id} or by id");
    }

    public async Task<R4.Resource> ReadAsync(FhirCaller caller, string type, string id, CancellationToken ct)
    {
        var page = await AuditedAsync(AuditAction.FhirRead, type, () => FindAsync(caller, type, FhirQuery.ById, id, ct), ct);
        return page.Resources.Count == 1 ? page.Resources[0] : throw new NotFoundException("No such resource.");
    }

    public Task<FhirPage> SearchAsync(FhirCaller caller, string type, FhirQuery query, CancellationToken ct) =>
        AuditedAsync(AuditAction.FhirSearch, type, () => FindAsync(caller, type, query, null, ct), ct);

    private async Task<FhirPage> AuditedAsync(string action, string type, Func<Task<FhirPage>> find, CancellationToken ct)
    {
        FhirPage page;
        try
        {
            page = await find();
        }
        catch (NotFoundException)
        {
            await audit.RecordAsync(action, AuditOutcome.Denied, detail: $"{type} 0", ct: ct);
            throw;
        }
        var outcome = action == AuditAction.FhirRead && page.Resources.Count == 0 ? AuditOutcome.Denied : AuditOutcome.Success;
        var patientId = page.PatientId ?? (page.Resources is [var one] ? PatientOf(one) : null);
        await audit.RecordAsync(action, outcome, detail: $"{type} {page.Resources.Count}", patientId: patientId, ct: ct);
        return page;
    }

    /// <summary>Whose record one resource is, for its audit row.</summary>
    private static Guid? PatientOf(R4.Resource resource)
    {
        var reference = resource switch
        {
            R4.Patient p => $"Patient/{p.Id}",
            R4.Observation o => o.Subject?.Reference,
            R4.QuestionnaireResponse q => q.Subject?.Reference,
            R4.CarePlan c => c.Subject?.Reference,
            R4.Goal g => g.Subject?.Reference,
            R4.Consent c => c.Patient?.Reference,
            R4.Flag f => f.Subject?.Reference,
            R4.Appointment a => a.Participant.Select(p => p.Actor?.Reference).FirstOrDefault(r => r?.StartsWith("Patient/", StringComparison.Ordinal) == true),
            _ => null,
        };
        return reference is not null && reference.StartsWith("Patient/", StringComparison.Ordinal) && Guid.TryParse(reference["Patient/".Length..], out var id) ? id : null;
    }

    /// <summary>The resources of one type the caller may see, without an audit entry: the API and the patient's export audit their own request.</summary>
    internal Task<FhirPage> FindAsync(FhirCaller caller, string type, FhirQuery query, string? id, CancellationToken ct) => type switch
    {
        "Patient" => PatientsAsync(caller, query, id, ct),
        "Practitioner" => PractitionersAsync(caller, query, id, ct),
        "PractitionerRole" => RolesAsync(query, id, ct),
        "Schedule" => SchedulesAsync(query, id, ct),
        "Slot" => SlotsAsync(query, id, ct),
        "Appointment" => AppointmentsAsync(caller, query, id, ct),
        "Questionnaire" => QuestionnairesAsync(query, id, ct),
        "QuestionnaireResponse" => ResponsesAsync(caller, query, id, observations: false, ct),
        "Observation" => ResponsesAsync(caller, query, id, observations: true, ct),
        "CarePlan" => CarePlansAsync(caller, query, id, ct),
        "Goal" => GoalsAsync(caller, query, id, ct),
        "Consent" => ConsentsAsync(caller, query, id, ct),
        "Flag" => FlagsAsync(caller, query, id, ct),
        _ => throw new NotFoundException("No such resource type."),
    };

    /// <summary>The patients whose clinical record the caller reads: a patient themself; a clinician those in their care (CareAccess).</summary>
    private IQueryable<Guid> RecordsReadBy(FhirCaller caller) =>
        caller.IsClinician ? care.PatientsWhoseRecordIsReadBy(caller.Id) : people.People.Where(u => u.Id == caller.Id).Select(u => u.Id);

    /// <summary>Narrowed to the patient the search names; a patient the caller may not see is a 404, not an empty answer.</summary>
    private static async Task<(IQueryable<Guid> Scope, Guid? One)> NarrowAsync(IQueryable<Guid> scope, FhirQuery query, CancellationToken ct)
    {
        if (query.Reference("patient", "Patient") is not { } patient)
        {
            return (scope, null);
        }
        if (!await scope.AnyAsync(p => p == patient, ct))
        {
            throw new NotFoundException("No such patient.");
        }
        return (scope.Where(p => p == patient), patient);
    }

    private static Guid? IdOf(string? id, FhirQuery query)
    {
        var given = id ?? query.Single("_id");
        if (given is null)
        {
            return null;
        }
        // An id that is not one of ours matches nothing (the empty Guid is never a record's id).
        return Guid.TryParseExact(given, "D", out var guid) ? guid : Guid.Empty;
    }

    private static async Task<FhirPage> PageAsync<T>(IQueryable<T> matching, FhirQuery query, Func<List<T>, Task<IEnumerable<R4.Resource>>> map, Guid? patientId, CancellationToken ct)
    {
        var total = await matching.CountAsync(ct);
        var rows = total == 0 ? [] : await matching.Skip(query.Offset).Take(query.Count).ToListAsync(ct);
        return new FhirPage([.. await map(rows)], total, patientId);
    }

    private static FhirPage PageOf(IReadOnlyList<R4.Resource> all, FhirQuery query, Guid? patientId) =>
        new([.. all.Skip(query.Offset).Take(query.Count)], all.Count, patientId);

    private static Task<IEnumerable<R4.Resource>> Mapped<T>(IEnumerable<T> rows, Func<T, R4.Resource?> map) =>
        Task.FromResult<IEnumerable<R4.Resource>>([.. rows.Select(map).OfType<R4.Resource>()]);

    private async Task<FhirPage> PatientsAsync(FhirCaller caller, FhirQuery query, string? id, CancellationToken ct)
    {
        // An enquiry clinician sees who asked (their name, as the patient page shows), not the record or the contact details.
        var scope = caller.IsClinician ? RecordsReadBy(caller).Union(care.PatientsInEnquiryWith(caller.Id)) : RecordsReadBy(caller);
        var users = people.People.Where(u => scope.Contains(u.Id));
        if (IdOf(id, query) is { } one)
        {
            users = users.Where(u => u.Id == one);
        }
        var readable = RecordsReadBy(caller);
        return await PageAsync(users.OrderBy(u => u.Id), query, async rows =>
        {
            var ids = rows.Select(u => u.Id).ToList();
            var withRecord = (await readable.Where(p => ids.Contains(p)).ToListAsync(ct)).ToHashSet();
            return rows.Select(u => (R4.Resource)PeopleMapping.Patient(u, contact: withRecord.Contains(u.Id)));
        }, IdOf(id, query), ct);
    }

    private async Task<FhirPage> PractitionersAsync(FhirCaller caller, FhirQuery query, string? id, CancellationToken ct)
    {
        // Listed therapists are public (the directory); besides them a clinician sees themself and a patient the clinicians they meet.
        var listed = profiles.Approved.Select(p => p.UserId);
        var own = caller.IsClinician
            ? people.People.Where(u => u.Id == caller.Id).Select(u => u.Id)
            : appointmentRecords.TherapistsMetBy(caller.Id);
        var visible = listed.Union(own);
        var users = people.People.Where(u => visible.Contains(u.Id));
        if (IdOf(id, query) is { } one)
        {
            users = users.Where(u => u.Id == one);
        }
        return await PageAsync(users.OrderBy(u => u.Id), query, async rows =>
        {
            var ids = rows.Select(u => u.Id).ToList();
            var profileOf = await profiles.OfAsync(ids, ct);
            return rows.Select(u => (R4.Resource)PeopleMapping.Practitioner(u, profileOf.GetValueOrDefault(u.Id)));
        }, null, ct);
    }

    private IQueryable<TherapistProfile> Listed(FhirQuery query, string? id, string referenceParameter)
    {
        var listed = profiles.Approved;
        if (IdOf(id, query) is { } one)
        {
            listed = listed.Where(p => p.UserId == one);
        }
        if (query.Reference(referenceParameter, "Practitioner") is { } practitioner)
        {
            listed = listed.Where(p => p.UserId == practitioner);
        }
        return listed.OrderBy(p => p.UserId);
    }

    private Task<FhirPage> RolesAsync(FhirQuery query, string? id, CancellationToken ct) =>
        PageAsync(Listed(query, id, "practitioner"), query, async rows =>
        {
            var ids = rows.Select(p => p.UserId).ToList();
            var windows = await schedules.WeeklyHoursOfAsync(ids, ct);
            return rows.Select(p => (R4.Resource)PeopleMapping.PractitionerRole(p, windows[p.UserId].OrderBy(w => w.Day).ThenBy(w => w.Start)));
        }, null, ct);

    private Task<FhirPage> SchedulesAsync(FhirQuery query, string? id, CancellationToken ct) =>
        PageAsync(Listed(query, id, "actor"), query, async rows =>
        {
            var ids = rows.Select(p => p.UserId).ToList();
            var horizons = await schedules.HorizonsOfAsync(ids, ct);
            var now = clock.GetUtcNow();
            return rows.Select(p => (R4.Resource)SchedulingMapping.Schedule(p.UserId, now, horizons.GetValueOrDefault(p.UserId, 120)));
        }, null, ct);

    private async Task<FhirPage> SlotsAsync(FhirQuery query, string? id, CancellationToken ct)
    {
        Guid therapistId;
        DateTimeOffset from, to;
        if (id is not null)
        {
            if (!SchedulingMapping.TryParseSlotId(id, out therapistId, out from))
            {
                return new FhirPage([], 0);
            }
            to = from.AddDays(1);
        }
        else
        {
            therapistId = query.Reference("schedule", "Schedule") ?? throw new FhirRequestException("Give the schedule: schedule=Schedule/{id}.");
            var (start, before) = query.DateRange("start");
            var now = clock.GetUtcNow();
            from = start is { } s && s > now ? s : now;
            to = before ?? from.AddDays(14);
            if (to - from > TimeSpan.FromDays(62))
            {
                throw new FhirRequestException("Ask for at most 62 days of free times at once.");
            }
        }
        if (!await profiles.IsApprovedAsync(therapistId, ct) || to <= from)
        {
            return new FhirPage([], 0);
        }
        var slots = (await booking.SlotsAsync(therapistId, from, to, ct)).Select(s => SchedulingMapping.Slot(therapistId, s));
        return PageOf([.. id is null ? slots : slots.Where(s => s.Id == id)], query, null);
    }

    private async Task<FhirPage> AppointmentsAsync(FhirCaller caller, FhirQuery query, string? id, CancellationToken ct)
    {
        var readable = RecordsReadBy(caller);
        var appointments = appointmentRecords.All.Where(a => caller.IsClinician ? a.TherapistId == caller.Id || readable.Contains(a.PatientId) : a.PatientId == caller.Id);
        Guid? patient = null;
        if (query.Has("patient"))
        {
            // A clinician names a patient whose record they read, or one in an enquiry with them (then only their appointments together).
            var known = caller.IsClinician ? readable.Union(care.PatientsInEnquiryWith(caller.Id)) : readable;
            (_, patient) = await NarrowAsync(known, query, ct);
            appointments = appointments.Where(a => a.PatientId == patient);
        }
        if (IdOf(id, query) is { } one)
        {
            appointments = appointments.Where(a => a.Id == one);
        }
        var (from, before) = query.DateRange("date");
        if (from is { } f)
        {
            appointments = appointments.Where(a => a.StartUtc >= f);
        }
        if (before is { } b)
        {
            appointments = appointments.Where(a => a.StartUtc < b);
        }
        return await PageAsync(appointments.OrderBy(a => a.StartUtc).ThenBy(a => a.Id), query, rows => Mapped(rows, SchedulingMapping.Appointment), patient, ct);
    }

    private async Task<FhirPage> QuestionnairesAsync(FhirQuery query, string? id, CancellationToken ct)
    {
        // Only what the clinic may use now: the licence rules of the Assessments feature decide (AssessmentService).
        var offered = (await assessments.OfferedListAsync(ct)).Where(i => MeasuresMapping.Served.Contains(i.Id));
        var key = id ?? query.Single("_id");
        var url = query.Single("url");
        return PageOf([.. offered.Select(MeasuresMapping.Questionnaire).Where(q => (key is null || q.Id == key) && (url is null || q.Url == url))], query, null);
    }

    private async Task<FhirPage> ResponsesAsync(FhirCaller caller, FhirQuery query, string? id, bool observations, CancellationToken ct)
    {
        var (scope, patient) = await NarrowAsync(RecordsReadBy(caller), query, ct);
        var responses = assessmentRecords.Responses.Where(r => scope.Contains(r.PatientId));
        if (observations)
        {
            // An incomplete answer set has no total, so no Observation (Assessments readme, rule 4).
            responses = responses.Where(r => r.Total != null);
            if (query.Token("code") is { } code)
            {
                var instruments = InstrumentCatalog.All.Where(i => code.System switch
                {
                    FhirCodes.Loinc => i.TotalLoinc == code.Code,
                    null => i.TotalLoinc == code.Code || i.RouteKey == code.Code,
                    _ when code.System == FhirCodes.Totals => i.TotalLoinc is null && i.RouteKey == code.Code,
                    _ => false,
                }).Select(i => i.Id).ToList();
                responses = responses.Where(r => instruments.Contains(r.InstrumentId));
            }
        }
        else if (query.Single("questionnaire") is { } questionnaire)
        {
            var key = questionnaire.StartsWith("Questionnaire/", StringComparison.Ordinal) ? questionnaire["Questionnaire/".Length..]
                : questionnaire.StartsWith(FhirCodes.Base + "/Questionnaire/", StringComparison.Ordinal) ? questionnaire[(FhirCodes.Base.Length + "/Questionnaire/".Length)..].Split('|')[0]
                : questionnaire;
            var instrument = InstrumentCatalog.FindByRouteKey(key)?.Id ?? "";
            responses = responses.Where(r => r.InstrumentId == instrument);
        }
        if (IdOf(id, query) is { } one)
        {
            responses = responses.Where(r => r.Id == one);
        }
        var (from, before) = query.DateRange("date");
        if (from is { } f)
        {
            responses = responses.Where(r => r.SubmittedAt >= f);
        }
        if (before is { } b)
        {
            responses = responses.Where(r => r.SubmittedAt < b);
        }
        return await PageAsync(responses.OrderBy(r => r.SubmittedAt).ThenBy(r => r.Id), query,
            rows => Mapped(rows, r => observations ? MeasuresMapping.Observation(r) : MeasuresMapping.QuestionnaireResponse(r)), patient, ct);
    }

    /// <summary>The courses the caller may read, each with the formulation to show: a patient sees only one they agreed.</summary>
    private async Task<(List<(TreatmentCourse Course, Formulation? Formulation)> Courses, Guid? Patient)> CoursesAsync(FhirCaller caller, FhirQuery query, Guid? courseId, CancellationToken ct)
    {
        var (scope, patient) = await NarrowAsync(RecordsReadBy(caller), query, ct);
        var courses = courseRecords.Courses.Where(c => scope.Contains(c.PatientId));
        if (courseId is { } one)
        {
            courses = courses.Where(c => c.Id == one);
        }
        var list = await courses.OrderBy(c => c.OpenedAt).ThenBy(c => c.Id).ToListAsync(ct);
        var ids = list.Select(c => c.Id).ToList();
        var formulations = (await courseRecords.FormulationsAsync(ids, agreedOnly: !caller.IsClinician, ct)).ToLookup(f => f.CourseId);
        return ([.. list.Select(c => (c, formulations[c.Id].OrderByDescending(f => f.UpdatedAt).FirstOrDefault()))], patient);
    }

    private async Task<FhirPage> CarePlansAsync(FhirCaller caller, FhirQuery query, string? id, CancellationToken ct)
    {
        var (courses, patient) = await CoursesAsync(caller, query, IdOf(id, query), ct);
        return PageOf([.. courses.Select(c => CourseMapping.CarePlan(c.Course, c.Formulation))], query, patient);
    }

    private async Task<FhirPage> GoalsAsync(FhirCaller caller, FhirQuery query, string? id, CancellationToken ct)
    {
        var goalId = id ?? query.Single("_id");
        var (courses, patient) = await CoursesAsync(caller, query, null, ct);
        var goals = courses.Where(c => c.Formulation is not null).SelectMany(c => CourseMapping.Goals(c.Course, c.Formulation!))
            .Where(g => goalId is null || g.Id == goalId);
        return PageOf([.. goals], query, patient);
    }

    private async Task<FhirPage> ConsentsAsync(FhirCaller caller, FhirQuery query, string? id, CancellationToken ct)
    {
        var (scope, patient) = await NarrowAsync(RecordsReadBy(caller), query, ct);
        var consents = assessmentRecords.Consents.Where(c => scope.Contains(c.PatientId));
        if (IdOf(id, query) is { } one)
        {
            consents = consents.Where(c => c.Id == one);
        }
        return await PageAsync(consents.OrderBy(c => c.GivenAt).ThenBy(c => c.Id), query, rows => Mapped(rows, RecordMapping.Consent), patient, ct);
    }

    private async Task<FhirPage> FlagsAsync(FhirCaller caller, FhirQuery query, string? id, CancellationToken ct)
    {
        if (!caller.IsClinician)
        {
            // The route already refuses patients (403); this keeps the rule in the use case too.
            throw new NotFoundException("No such resource.");
        }
        var (scope, patient) = await NarrowAsync(RecordsReadBy(caller), query, ct);
        var alerts = safety.OpenAlerts.Where(a => scope.Contains(a.PatientId));
        if (IdOf(id, query) is { } one)
        {
            alerts = alerts.Where(a => a.Id == one);
        }
        return await PageAsync(alerts.OrderBy(a => a.RaisedAt).ThenBy(a => a.Id), query, rows => Mapped(rows, RecordMapping.Flag), patient, ct);
    }
}
