using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Audit;

namespace Rapport.IntegrationTests.Features.CareRelationships;

/// <summary>What a clinician, a patient or a stranger is answered on a patient's record.</summary>
public enum Answer
{
    /// <summary>200 (or 201 for a write) with the record in it.</summary>
    Shown,
    NotFound,
    /// <summary>403: the role policy of an API endpoint turns the caller away before any record is looked at.</summary>
    Forbidden,
    /// <summary>401: the API without a bearer token.</summary>
    Unauthorised,
    /// <summary>302 to the sign-in page.</summary>
    SignIn,
    /// <summary>302 to the access-denied page: a page for another role.</summary>
    AccessDenied,
    /// <summary>409: a patient cannot rate a clinician-rated instrument for anyone.</summary>
    WrongRater,
}

/// <summary>
/// Who reads and who changes one patient's record, decided by care and nothing else: the responsible clinician and
/// a colleague covering now read and act; the responsible clinician's supervisor reads and changes nothing; the
/// clinician of a first conversation, a former clinician, an unrelated therapist, the clinical lead on duty and an
/// admin get nothing; another patient gets nothing; nobody signed in is sent to sign in.
/// </summary>
public abstract class CareAccessMatrixTests(RapportApp app)
{
    private const string Responsible = "responsible", Covering = "covering", Supervisor = "supervisor", Enquiry = "enquiry", Former = "former",
        Unrelated = "unrelated", Lead = "lead on duty", Admin = "admin", AnotherPatient = "another patient", Anonymous = "anonymous";

    private sealed record World(TestAccount Patient, string PatientName, Guid CourseId, Guid RelationshipId,
        IReadOnlyDictionary<string, TestAccount> People, IReadOnlyDictionary<string, Visitor> Api, IReadOnlyDictionary<string, Visitor> Browser);

    // One patient and their whole circle per app, built once: every row of every theory looks at the same record.
    private static readonly ConcurrentDictionary<RapportApp, Lazy<Task<World>>> Worlds = new();

    private Task<World> WorldAsync() => Worlds.GetOrAdd(app, a => new Lazy<Task<World>>(() => BuildAsync(a))).Value;

    private static async Task<World> BuildAsync(RapportApp app)
    {
        var people = new Dictionary<string, TestAccount>
        {
            [Responsible] = await app.CreatePracticeTherapistAsync(),
            [Covering] = await app.CreatePracticeTherapistAsync(),
            [Supervisor] = await app.CreateAccountAsync(Roles.Therapist),
            [Enquiry] = await app.CreatePracticeTherapistAsync(),
            [Former] = await app.CreatePracticeTherapistAsync(),
            [Unrelated] = await app.CreatePracticeTherapistAsync(),
            [Lead] = await app.CreateAccountAsync(Roles.Therapist),
            [Admin] = await app.CreateAccountAsync(Roles.Admin),
            [AnotherPatient] = await app.CreateAccountAsync(Roles.Patient),
        };
        var patient = await app.CreateAccountAsync(Roles.Patient);
        await app.PrivateIntakeAsync(patient);
        var api = new Dictionary<string, Visitor>();
        foreach (var (who, account) in people)
        {
            api[who] = await app.ApiAsync(account);
        }
        api[Anonymous] = app.NewClient();

        // The former clinician once had the patient in care and discharged them; then the responsible one took over.
        var formerCare = await app.AcceptIntoCareAsync(people[Former], patient);
        await (await api[Former].CareActionAsync(formerCare, "discharge", new { reason = "Moved to a colleague nearer home." })).JsonAsync();
        var relationship = await app.AcceptIntoCareAsync(people[Responsible], patient);
        var courseId = await app.CourseInMiddlePhaseAsync(people[Responsible], patient);
        using (var patientApi = await app.ApiAsync(patient))
        {
            await (await patientApi.AnswerAsync(InstrumentCatalog.Phq9, Questionnaires.Phq9(2, 2, 2, 2, 1, 1, 1, 1, 0))).JsonAsync(HttpStatusCode.Created);
            await (await patientApi.BookThroughApiAsync(app, people[Enquiry])).JsonAsync(HttpStatusCode.Created);
        }
        await (await api[Responsible].ArrangeCoverAsync(relationship, people[Covering], app)).JsonAsync(HttpStatusCode.Created);
        await app.SuperviseAsync(people[Supervisor], people[Responsible]);
        await app.OnDutyAsLeadAsync(people[Lead]);

        var browser = new Dictionary<string, Visitor>();
        foreach (var (who, account) in people)
        {
            browser[who] = app.NewClient();
            await browser[who].SignInAsync(account);
        }
        browser[Anonymous] = app.NewClient();
        return new World(patient, await app.DisplayNameAsync(patient), courseId, relationship, people, api, browser);
    }

    private static async Task AssertAnswerAsync(HttpResponseMessage response, Answer expected, World world, string who)
    {
        var body = await response.Content.ReadAsStringAsync();
        var status = (response.StatusCode, expected) switch
        {
            (HttpStatusCode.OK or HttpStatusCode.Created, Answer.Shown) => true,
            (HttpStatusCode.NotFound, Answer.NotFound) => true,
            (HttpStatusCode.Forbidden, Answer.Forbidden) => true,
            (HttpStatusCode.Unauthorized, Answer.Unauthorised) => true,
            (HttpStatusCode.Conflict, Answer.WrongRater) => true,
            (HttpStatusCode.Redirect, Answer.SignIn) => response.Headers.Location?.OriginalString.Contains("/account/sign-in", StringComparison.Ordinal) == true,
            (HttpStatusCode.Redirect, Answer.AccessDenied) => response.Headers.Location?.OriginalString.Contains("/account/access-denied", StringComparison.Ordinal) == true,
            _ => false,
        };
        Assert.True(status, $"The {who} expected {expected}, got {(int)response.StatusCode} {response.Headers.Location}: {body[..Math.Min(300, body.Length)]}");
        if (expected != Answer.Shown)
        {
            // Whatever the refusal looks like, none of the record comes with it.
            Assert.DoesNotContain(world.PatientName, body, StringComparison.Ordinal);
            Assert.DoesNotContain(CareTeams.Medication, body, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(Responsible, Answer.Shown)]
    [InlineData(Covering, Answer.Shown)]
    [InlineData(Supervisor, Answer.Shown)]
    [InlineData(Enquiry, Answer.NotFound)]
    [InlineData(Former, Answer.NotFound)]
    [InlineData(Unrelated, Answer.NotFound)]
    [InlineData(Lead, Answer.NotFound)]
    [InlineData(Admin, Answer.Forbidden)]
    [InlineData(AnotherPatient, Answer.NotFound)]
    [InlineData(Anonymous, Answer.Unauthorised)]
    public async Task ThePatientsMeasuresAnswerOnlyTheirCareTeam(string who, Answer expected)
    {
        var world = await WorldAsync();

        var response = await world.Api[who].Http.GetAsync($"/api/v1/patients/{world.Patient.Id}/measurements");

        await AssertAnswerAsync(response, expected, world, who);
        if (expected == Answer.Shown)
        {
            Assert.Contains(InstrumentCatalog.Phq9, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(Responsible, Answer.Shown)]
    [InlineData(Covering, Answer.Shown)]
    [InlineData(Supervisor, Answer.Shown)]
    [InlineData(Former, Answer.NotFound)]
    [InlineData(Unrelated, Answer.NotFound)]
    [InlineData(Lead, Answer.NotFound)]
    [InlineData(Admin, Answer.AccessDenied)]
    [InlineData(AnotherPatient, Answer.AccessDenied)]
    [InlineData(Anonymous, Answer.SignIn)]
    public async Task ThePatientPageWithTheIntakeOpensOnlyForTheirCareTeam(string who, Answer expected)
    {
        var world = await WorldAsync();

        var page = await world.Browser[who].GetAsync($"/therapist/patients/{world.Patient.Id}");

        await AssertAnswerAsync(page.Response, expected, world, who);
        if (expected == Answer.Shown)
        {
            Assert.Contains(CareTeams.Medication, page.Words, StringComparison.Ordinal);
            Assert.Contains(CareTeams.EmergencyContact, page.Words, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheFirstConversationsClinicianSeesOnlyTheNameAndWhatBringsThem()
    {
        var world = await WorldAsync();

        var page = await world.Browser[Enquiry].GetAsync($"/therapist/patients/{world.Patient.Id}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(world.PatientName, page.Words, StringComparison.Ordinal);
        Assert.Contains(CareTeams.WhatBringsThem, page.Words, StringComparison.Ordinal);
        Assert.DoesNotContain(CareTeams.Medication, page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(CareTeams.EmergencyContact, page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(CareTeams.EmergencyPhone, page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("PHQ-9", page.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Responsible, Answer.Shown)]
    [InlineData(Covering, Answer.Shown)]
    [InlineData(Supervisor, Answer.Shown)]
    [InlineData(Enquiry, Answer.NotFound)]
    [InlineData(Former, Answer.NotFound)]
    [InlineData(Unrelated, Answer.NotFound)]
    [InlineData(Lead, Answer.NotFound)]
    [InlineData(Admin, Answer.AccessDenied)]
    [InlineData(AnotherPatient, Answer.AccessDenied)]
    [InlineData(Anonymous, Answer.SignIn)]
    public async Task TheCoursePageOpensOnlyForTheirCareTeam(string who, Answer expected)
    {
        var world = await WorldAsync();

        var page = await world.Browser[who].GetAsync($"/therapist/patients/{world.Patient.Id}/course");

        await AssertAnswerAsync(page.Response, expected, world, who);
        if (expected == Answer.Shown)
        {
            Assert.Contains("middle phase", page.Words, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(Responsible, Answer.Shown)]
    [InlineData(Covering, Answer.Shown)]
    [InlineData(Supervisor, Answer.Shown)]
    [InlineData(Enquiry, Answer.NotFound)]
    [InlineData(Former, Answer.NotFound)]
    [InlineData(Unrelated, Answer.NotFound)]
    [InlineData(Lead, Answer.NotFound)]
    [InlineData(Admin, Answer.AccessDenied)]
    [InlineData(AnotherPatient, Answer.AccessDenied)]
    [InlineData(Anonymous, Answer.SignIn)]
    public async Task TheSafetyPlanPageOpensOnlyForTheirCareTeam(string who, Answer expected)
    {
        var world = await WorldAsync();

        var page = await world.Browser[who].GetAsync($"/therapist/patients/{world.Patient.Id}/safety-plan");

        await AssertAnswerAsync(page.Response, expected, world, who);
    }

    [Theory]
    [InlineData(Responsible, Answer.Shown)]
    [InlineData(Covering, Answer.Shown)]
    [InlineData(Supervisor, Answer.NotFound)]
    [InlineData(Enquiry, Answer.NotFound)]
    [InlineData(Former, Answer.NotFound)]
    [InlineData(Unrelated, Answer.NotFound)]
    [InlineData(Lead, Answer.NotFound)]
    [InlineData(Admin, Answer.AccessDenied)]
    [InlineData(AnotherPatient, Answer.AccessDenied)]
    [InlineData(Anonymous, Answer.SignIn)]
    public async Task TheRatingPageOpensOnlyForWhoeverActsInCare(string who, Answer expected)
    {
        var world = await WorldAsync();

        var page = await world.Browser[who].GetAsync($"/therapist/patients/{world.Patient.Id}/rate/{InstrumentCatalog.RouteKeyOf(InstrumentCatalog.HamD17)}");

        await AssertAnswerAsync(page.Response, expected, world, who);
        if (expected == Answer.Shown)
        {
            Assert.Contains("HAM-D-17", page.Words, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(Responsible, Answer.Shown)]
    [InlineData(Covering, Answer.Shown)]
    [InlineData(Supervisor, Answer.NotFound)]
    [InlineData(Enquiry, Answer.NotFound)]
    [InlineData(Former, Answer.NotFound)]
    [InlineData(Unrelated, Answer.NotFound)]
    [InlineData(Lead, Answer.NotFound)]
    [InlineData(Admin, Answer.Forbidden)]
    [InlineData(AnotherPatient, Answer.WrongRater)]
    [InlineData(Anonymous, Answer.Unauthorised)]
    public async Task ARatingIsStoredOnlyFromWhoeverActsInCare(string who, Answer expected)
    {
        var world = await WorldAsync();
        int?[] rating = [2, 1, 0, 2, 1, 1, 2, 1, 1, 2, 1, 1, 1, 0, 0, 0, 0];

        var response = await world.Api[who].AnswerAsync(InstrumentCatalog.HamD17, rating, patientId: world.Patient.Id);

        await AssertAnswerAsync(response, expected, world, who);
        var rater = world.People.GetValueOrDefault(who)?.Id;
        var stored = await app.QueryAsync(db => db.AssessmentResponses.CountAsync(r => r.PatientId == world.Patient.Id && r.SubmittedById == rater));
        Assert.Equal(expected == Answer.Shown ? 1 : 0, stored);
    }

    [Theory]
    [InlineData(Responsible, Answer.Shown)]
    [InlineData(Covering, Answer.Shown)]
    [InlineData(Supervisor, Answer.Shown)]
    [InlineData(Enquiry, Answer.NotFound)]
    [InlineData(Former, Answer.NotFound)]
    [InlineData(Unrelated, Answer.NotFound)]
    [InlineData(Lead, Answer.NotFound)]
    [InlineData(Admin, Answer.Forbidden)]
    [InlineData(AnotherPatient, Answer.NotFound)]
    [InlineData(Anonymous, Answer.Unauthorised)]
    public async Task TheCourseSummaryAnswersOnlyTheirCareTeam(string who, Answer expected)
    {
        var world = await WorldAsync();

        var response = await world.Api[who].Http.GetAsync($"/api/v1/courses/{world.CourseId}/summary");

        await AssertAnswerAsync(response, expected, world, who);
    }

    [Fact]
    public async Task TheSupervisorCannotSaveTheSafetyPlan()
    {
        var world = await WorldAsync();
        var url = $"/therapist/patients/{world.Patient.Id}/safety-plan";

        var page = await world.Browser[Supervisor].PostFormAsync(url, SafetyPlan("Written by the supervisor."));

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.False(await app.QueryAsync(db => db.SafetyPlanVersions.AnyAsync(v => v.PatientId == world.Patient.Id && v.AuthoredById == world.People[Supervisor].Id)));
    }

    [Fact]
    public async Task TheSupervisorCannotSendThePatientAMeasure()
    {
        var world = await WorldAsync();
        var url = $"/therapist/patients/{world.Patient.Id}";

        var page = await world.Browser[Supervisor].PostFormAsync(url, new Dictionary<string, string> { ["InstrumentId"] = InstrumentCatalog.Gad7 },
            action: url + "?handler=SendMeasure");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.False(await app.QueryAsync(db => db.MeasureRequests.AnyAsync(r => r.PatientId == world.Patient.Id && r.RequestedById == world.People[Supervisor].Id)));
    }

    [Fact]
    public async Task TheCoveringClinicianSavesTheSafetyPlan()
    {
        var world = await WorldAsync();
        var url = $"/therapist/patients/{world.Patient.Id}/safety-plan";
        var current = await app.QueryAsync(db => db.SafetyPlanVersions.Where(v => v.PatientId == world.Patient.Id).MaxAsync(v => (int?)v.Version)) ?? 0;

        var page = await world.Browser[Covering].PostFormAsync(url, SafetyPlan("Written during cover.", current));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains($"Saved as version {current + 1}", page.Words, StringComparison.Ordinal);
        Assert.True(await app.QueryAsync(db => db.SafetyPlanVersions.AnyAsync(v => v.PatientId == world.Patient.Id && v.AuthoredById == world.People[Covering].Id)));
    }

    [Fact]
    public async Task ARefusedReadIsAuditedWithWhoAskedAndWhichPatient()
    {
        var world = await WorldAsync();
        var stranger = await app.CreateAccountAsync(Roles.Therapist);
        var unrelated = stranger.Id;
        using var api = await app.ApiAsync(stranger);

        var response = await api.Http.GetAsync($"/api/v1/patients/{world.Patient.Id}/measurements");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var denial = await app.QueryAsync(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.Action == AuditAction.CareAccessDenied && e.UserId == unrelated && e.PatientId == world.Patient.Id).ToListAsync());
        var row = Assert.Single(denial);
        Assert.Equal(AuditOutcome.Denied, row.Outcome);
    }

    private static Dictionary<string, string> SafetyPlan(string warningSigns, int basedOn = 0) => new()
    {
        ["BasedOnVersion"] = basedOn.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Steps.WarningSigns"] = warningSigns,
        ["Steps.PeopleToAskForHelp"] = "My sister, +49 30 1234567.",
    };
}

// Its own app: the clinical lead on duty decides where every unassigned alert in the app goes.
public sealed class CareAccessMatrixTestsOnSqlite(IsolatedSqliteApp app) : CareAccessMatrixTests(app), IClassFixture<IsolatedSqliteApp>;

public sealed class CareAccessMatrixTestsOnPostgres(IsolatedPostgresApp app) : CareAccessMatrixTests(app), IClassFixture<IsolatedPostgresApp>;
