using System.Net;
using System.Runtime.CompilerServices;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.IntegrationTests.Features.CareRelationships;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Messaging;
using Rapport.Web.Features.Safety;
using Task = System.Threading.Tasks.Task;

namespace Rapport.IntegrationTests.Features.Interoperability;

/// <summary>
/// The FHIR R4 API over HTTP: every resource and search, scoped by the care relationship like the pages, each answer
/// valid against the base R4 profiles, and every error an OperationOutcome. One patient with a course in the middle
/// phase, measures, consents, a message, a safety plan and an open safety alert is shared by the tests of a class.
/// </summary>
public abstract class FhirApiTests(RapportApp app)
{
    internal sealed record Clinic(TestAccount Therapist, TestAccount Patient, TestAccount Enquirer, TestAccount OtherPatient, Guid CourseId, Guid AppointmentId);

    private static readonly ConditionalWeakTable<RapportApp, Lazy<Task<Clinic>>> Clinics = [];

    private Task<Clinic> ClinicAsync() => ClinicOf(app);

    internal static Task<Clinic> ClinicOf(RapportApp app) => Clinics.GetValue(app, a => new Lazy<Task<Clinic>>(() => SeedAsync(a))).Value;

    internal static async Task<Clinic> SeedAsync(RapportApp app)
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var courseId = await app.CourseInMiddlePhaseAsync(therapist, patient);
        var appointment = await app.BookAsync(patient, therapist);
        await app.AnswerAsync(patient, InstrumentCatalog.Phq9, CareRecords.Phq9(18));
        // Item 9 answered "more than half the days" raises a safety alert that stays open.
        await app.AnswerAsync(patient, InstrumentCatalog.Phq9, CareRecords.Phq9(12, item9: 2));
        await app.AnswerAsync(patient, InstrumentCatalog.Gad7, 2, 2, 2, 2, 1, 1, 1, null);
        // Not working: the WSAS total is of the other four items.
        await app.AnswerAsync(patient, InstrumentCatalog.Wsas, 9, 3, 3, 3, 3);
        var now = app.Clock.GetUtcNow();
        await app.QueryAsync(db =>
        {
            var telehealth = Rapport.Web.Features.Assessments.Consent.Give(patient.Id, ConsentKind.Telehealth, now.AddDays(-3));
            telehealth.Withdraw(now.AddDays(-1));
            db.Consents.AddRange(Rapport.Web.Features.Assessments.Consent.Give(patient.Id, ConsentKind.Treatment, now.AddDays(-3)), telehealth);
            db.SafetyPlanVersions.Add(SafetyPlanVersion.Write(patient.Id, null, new SafetyPlanVersion.Steps("Not sleeping; staying in bed <all day> & not eating",
                "A walk\nMusic", null, "Sam", null, null, "My daughter"), patient.Id, now));
            return db.SaveChangesAsync();
        });
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var messaging = scope.ServiceProvider.GetRequiredService<MessagingService>();
            var seat = await messaging.CurrentForPatientAsync(patient.Id, CancellationToken.None);
            await messaging.SendAsync(seat!, patient.Id, "The evening went better this week.", null, CancellationToken.None);
        }
        var enquirer = await app.CreatePracticeTherapistAsync();
        await app.OpenEnquiryAsync(enquirer, patient);
        var other = await app.CreateAccountAsync(Roles.Patient);
        await app.AnswerAsync(other, InstrumentCatalog.Phq9, CareRecords.Phq9(7));
        return new Clinic(therapist, patient, enquirer, other, courseId, appointment.Id);
    }

    private static int? Score(Observation observation) => (observation.Value as Integer)?.Value;

    [Fact]
    public async Task TheCapabilityStatementListsEveryResourceAndSearchWithoutAToken()
    {
        using var anonymous = app.NewClient();

        var capabilities = await anonymous.FhirAsync<CapabilityStatement>("/fhir/metadata");

        Assert.Equal(FHIRVersion.N4_0_1, capabilities.FhirVersion);
        // The validator itself finds what is missing (an Observation without status, code or value), so a pass below means something.
        Assert.NotEmpty(FhirChecks.Errors(new Observation { Id = "incomplete" }));
        var resources = Assert.Single(capabilities.Rest).Resource;
        Assert.Equal(["Appointment", "CarePlan", "Consent", "Flag", "Goal", "Observation", "Patient", "Practitioner", "PractitionerRole", "Questionnaire",
            "QuestionnaireResponse", "Schedule", "Slot"], resources.Select(r => r.Type).Order());
        Assert.Equal(["_id", "code", "date", "patient"], resources.Single(r => r.Type == "Observation").SearchParam.Select(p => p.Name).Order());
        FhirChecks.AssertValid(capabilities);
    }

    [Fact]
    public async Task TheResponsibleTherapistReadsEveryResourceOfTheirPatientAndEachIsValidR4()
    {
        var clinic = await ClinicAsync();
        using var api = await app.ApiAsync(clinic.Therapist);
        var patient = $"patient=Patient/{clinic.Patient.Id}";
        var found = new List<Resource>();

        foreach (var search in new[] { $"Patient?_id={clinic.Patient.Id}", $"Appointment?{patient}", $"QuestionnaireResponse?{patient}", $"Observation?{patient}",
            $"CarePlan?{patient}", $"Goal?{patient}", $"Consent?{patient}", $"Flag?{patient}", $"Practitioner?_id={clinic.Therapist.Id}",
            $"PractitionerRole?practitioner=Practitioner/{clinic.Therapist.Id}", $"Schedule?actor=Practitioner/{clinic.Therapist.Id}",
            $"Slot?schedule=Schedule/{clinic.Therapist.Id}&_count=3", "Questionnaire" })
        {
            var bundle = await api.FhirAsync<Bundle>($"/fhir/{search}");
            Assert.True(bundle.Entry.Count > 0, $"{search} found nothing");
            FhirChecks.AssertValid(bundle);
            found.AddRange(bundle.Entry.Select(e => e.Resource!));
        }

        var observations = found.OfType<Observation>().ToList();
        Assert.Equal([18, 12], observations.Where(o => o.Code.Coding[0].Code == "44261-6").Select(o => Score(o)));
        Assert.Contains(observations, o => o.Code.Coding[0].Code == "70274-6" && Score(o) == 11
            && o.Interpretation[0].Text == "Moderate");
        Assert.Contains(observations, o => o.Code.Coding[0].System == "https://rapport.example/fhir/CodeSystem/totals" && o.Note.Count == 1);
        var plan = Assert.Single(found.OfType<CarePlan>());
        Assert.Equal((RequestStatus.Active, CarePlan.CarePlanIntent.Plan, "middle"),
            (plan.Status!.Value, plan.Intent!.Value, plan.GetExtensionValue<Code>("https://rapport.example/fhir/StructureDefinition/ipt-phase")?.Value));
        Assert.Equal(["Role dispute (renegotiation)", "Talk with Sam about the evenings without a row", "Share the childcare fairly"],
            found.OfType<Goal>().Select(g => g.Description.Text));
        Assert.Equal(plan.Goal.Select(g => g.Reference), found.OfType<Goal>().Select(g => $"Goal/{g.Id}"));
        Assert.Equal([Hl7.Fhir.Model.Consent.ConsentState.Active, Hl7.Fhir.Model.Consent.ConsentState.Inactive], found.OfType<Hl7.Fhir.Model.Consent>().Select(c => c.Status!.Value).Order());
        Assert.Equal(Flag.FlagStatus.Active, Assert.Single(found.OfType<Flag>()).Status);
        Assert.Contains(found.OfType<Appointment>(), a => a.Id == clinic.AppointmentId.ToString() && a.Status == Appointment.AppointmentStatus.Booked);
        var phq9 = found.OfType<Questionnaire>().Single(q => q.Code.Any(c => c.Code == "44249-1"));
        Assert.Equal(["44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8", "69722-7"],
            phq9.Item.Select(i => i.Code[0].Code));
        Assert.Contains(phq9.Item.Last().Code, c => c.Code == "unscored");
        Assert.False(phq9.Item.Last().Required);

        // Each resource by its id, as the search found it.
        foreach (var resource in found.Where(r => r is not CapabilityStatement).DistinctBy(r => (r.TypeName, r.Id)).Take(40))
        {
            var read = await api.FhirAsync<Resource>($"/fhir/{resource.TypeName}/{resource.Id}");
            Assert.Equal((resource.TypeName, resource.Id), (read.TypeName, read.Id));
        }
    }

    [Fact]
    public async Task APatientReadsOnlyThemself()
    {
        var clinic = await ClinicAsync();
        using var api = await app.ApiAsync(clinic.Patient);
        var others = await app.QueryAsync(db => db.AssessmentResponses.Where(r => r.PatientId == clinic.OtherPatient.Id).Select(r => r.Id).SingleAsync());

        var patients = await api.FhirAsync<Bundle>("/fhir/Patient");
        var observations = await api.FhirAsync<Bundle>("/fhir/Observation");

        Assert.Equal(clinic.Patient.Id.ToString(), Assert.Single(patients.All<Patient>()).Id);
        Assert.Contains(patients.All<Patient>().Single().Telecom, t => t.Value == clinic.Patient.Email);
        Assert.Equal(4, observations.Total);
        Assert.All(observations.All<Observation>(), o => Assert.Equal($"Patient/{clinic.Patient.Id}", o.Subject?.Reference));
        await (await api.Http.GetAsync($"/fhir/Observation/{others}")).AssertOutcomeAsync(HttpStatusCode.NotFound, OperationOutcome.IssueType.NotFound);
        await (await api.Http.GetAsync($"/fhir/Patient/{clinic.OtherPatient.Id}")).AssertOutcomeAsync(HttpStatusCode.NotFound, OperationOutcome.IssueType.NotFound);
        await (await api.Http.GetAsync($"/fhir/Observation?patient={clinic.OtherPatient.Id}")).AssertOutcomeAsync(HttpStatusCode.NotFound, OperationOutcome.IssueType.NotFound);
        // Safety alerts are for clinicians.
        await (await api.Http.GetAsync("/fhir/Flag")).AssertOutcomeAsync(HttpStatusCode.Forbidden, OperationOutcome.IssueType.Forbidden);
    }

    [Fact]
    public async Task AnEnquiryClinicianSeesWhoAskedButNotTheCourseOrTheMeasures()
    {
        var clinic = await ClinicAsync();
        using var api = await app.ApiAsync(clinic.Enquirer);

        var patient = await api.FhirAsync<Patient>($"/fhir/Patient/{clinic.Patient.Id}");

        Assert.Equal(clinic.Patient.Id.ToString(), patient.Id);
        Assert.Empty(patient.Telecom);
        foreach (var refused in new[] { $"CarePlan/{clinic.CourseId}", $"CarePlan?patient={clinic.Patient.Id}", $"Observation?patient={clinic.Patient.Id}",
            $"Goal?patient={clinic.Patient.Id}", $"Flag?patient={clinic.Patient.Id}" })
        {
            await (await api.Http.GetAsync($"/fhir/{refused}")).AssertOutcomeAsync(HttpStatusCode.NotFound, OperationOutcome.IssueType.NotFound);
        }
        Assert.Equal(0, (await api.FhirAsync<Bundle>("/fhir/CarePlan")).Total);
        // The appointments with this clinician only: the patient's sessions with their own therapist are not theirs to see.
        Assert.Equal(0, (await api.FhirAsync<Bundle>($"/fhir/Appointment?patient={clinic.Patient.Id}")).Total);
    }

    [Fact]
    public async Task AClinicianReadsThePhq9HistoryByCodeAndDatePageByPage()
    {
        var clinic = await ClinicAsync();
        using var api = await app.ApiAsync(clinic.Therapist);
        var search = $"/fhir/Observation?patient={clinic.Patient.Id}&code=http://loinc.org|44261-6";

        var first = await api.FhirAsync<Bundle>(search + "&_count=1");
        var next = first.Link.Single(l => l.Relation == "next").Url!;
        var second = await api.FhirAsync<Bundle>(new Uri(next).PathAndQuery);
        var later = await api.FhirAsync<Bundle>(search + $"&date=ge{app.Clock.GetUtcNow().AddDays(1):yyyy-MM-dd}");
        var earlier = await api.FhirAsync<Bundle>(search + $"&date=lt{app.Clock.GetUtcNow().AddDays(1):yyyy-MM-dd}");

        Assert.Equal((2, 18), (first.Total!.Value, Score(first.All<Observation>().Single())));
        Assert.Equal(12, Score(second.All<Observation>().Single()));
        Assert.DoesNotContain(second.Link, l => l.Relation == "next");
        Assert.Equal(0, later.Total);
        Assert.Equal(2, earlier.Total);
        var responses = await api.FhirAsync<Bundle>($"/fhir/QuestionnaireResponse?patient={clinic.Patient.Id}&questionnaire=Questionnaire/{InstrumentCatalog.Phq9Instrument.RouteKey}");
        Assert.Equal(2, responses.Total);
    }

    [Fact]
    public async Task EveryKindOfErrorIsAnOperationOutcome()
    {
        var clinic = await ClinicAsync();
        using var anonymous = app.NewClient();
        using var api = await app.ApiAsync(clinic.Therapist);
        using var stranger = await app.ApiAsync(await app.CreatePracticeTherapistAsync());

        await (await anonymous.Http.GetAsync($"/fhir/Patient/{clinic.Patient.Id}")).AssertOutcomeAsync(HttpStatusCode.Unauthorized, OperationOutcome.IssueType.Login);
        await (await api.Http.GetAsync("/fhir/Observation?colour=blue")).AssertOutcomeAsync(HttpStatusCode.BadRequest, OperationOutcome.IssueType.Invalid);
        await (await api.Http.GetAsync("/fhir/Observation?_count=many")).AssertOutcomeAsync(HttpStatusCode.BadRequest, OperationOutcome.IssueType.Invalid);
        await (await api.Http.GetAsync("/fhir/Observation?date=yesterday")).AssertOutcomeAsync(HttpStatusCode.BadRequest, OperationOutcome.IssueType.Invalid);
        await (await api.Http.GetAsync("/fhir/Observation?patient=Patient/someone")).AssertOutcomeAsync(HttpStatusCode.BadRequest, OperationOutcome.IssueType.Invalid);
        await (await api.Http.GetAsync("/fhir/Slot")).AssertOutcomeAsync(HttpStatusCode.BadRequest, OperationOutcome.IssueType.Invalid);
        await (await api.Http.GetAsync($"/fhir/CarePlan/{Guid.NewGuid()}")).AssertOutcomeAsync(HttpStatusCode.NotFound, OperationOutcome.IssueType.NotFound);
        await (await api.Http.GetAsync("/fhir/Medication")).AssertOutcomeAsync(HttpStatusCode.NotFound, OperationOutcome.IssueType.NotFound);
        await (await stranger.Http.GetAsync($"/fhir/CarePlan/{clinic.CourseId}")).AssertOutcomeAsync(HttpStatusCode.NotFound, OperationOutcome.IssueType.NotFound);
        await (await api.Http.PostAsync("/fhir/Patient", new StringContent("{}"))).AssertOutcomeAsync(HttpStatusCode.MethodNotAllowed, OperationOutcome.IssueType.NotSupported);
        await (await api.Http.PostAsync("/fhir/Patient", new StringContent(new string('x', 300 * 1024))))
            .AssertOutcomeAsync(HttpStatusCode.RequestEntityTooLarge, OperationOutcome.IssueType.TooLong);
    }

    [Fact]
    public async Task EachReadIsAuditedOnceWithTheTypeAndCountAndNoContent()
    {
        var clinic = await ClinicAsync();
        using var api = await app.ApiAsync(clinic.Therapist);
        var since = await app.QueryAsync(db => db.AuditEvents.MaxAsync(e => e.Sequence));

        await api.FhirAsync<Bundle>($"/fhir/Observation?patient={clinic.Patient.Id}&code=http://loinc.org|44261-6");
        await api.FhirAsync<CarePlan>($"/fhir/CarePlan/{clinic.CourseId}");

        var rows = await app.QueryAsync(db => db.AuditEvents.Where(e => e.Sequence > since && e.UserId == clinic.Therapist.Id).OrderBy(e => e.Sequence).ToListAsync());
        Assert.Equal([(AuditAction.FhirSearch, "Observation 2", (Guid?)clinic.Patient.Id), (AuditAction.FhirRead, "CarePlan 1", clinic.Patient.Id)],
            rows.Select(r => (r.Action, r.Detail, r.PatientId)));
    }
}

public sealed class FhirApiTestsOnSqlite(SqliteApp app) : FhirApiTests(app);

public sealed class FhirApiTestsOnPostgres(PostgresApp app) : FhirApiTests(app);
