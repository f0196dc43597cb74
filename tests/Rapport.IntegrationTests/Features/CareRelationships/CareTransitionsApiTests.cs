using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.CareRelationships;

namespace Rapport.IntegrationTests.Features.CareRelationships;

/// <summary>
/// Each care transition through /api/v1/care-relationships, by the person it belongs to, and each refusal as a 409
/// ProblemDetails naming its rule; someone else's relationship is 404, and a patient cannot use a clinician's call.
/// </summary>
public abstract class CareTransitionsApiTests(RapportApp app)
{
    private static JsonElement Relationship(JsonElement list, Guid id) => list.EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == id);

    /// <summary>A practice clinician who met the patient for a first conversation a week ago; both hold API tokens.</summary>
    private async Task<(TestAccount Clinician, TestAccount Patient, Guid Enquiry, Visitor ClinicianApi, Visitor PatientApi)> AfterAFirstConversationAsync()
    {
        var clinician = await app.CreatePracticeTherapistAsync();
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var enquiry = await app.MetForAFirstConversationAsync(clinician, patient);
        return (clinician, patient, enquiry, await app.ApiAsync(clinician), await app.ApiAsync(patient));
    }

    /// <summary>A practice clinician responsible for a patient; both hold API tokens.</summary>
    private async Task<(TestAccount Clinician, TestAccount Patient, Guid Relationship, Visitor ClinicianApi, Visitor PatientApi)> InCareAsync()
    {
        var clinician = await app.CreatePracticeTherapistAsync();
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var relationship = await app.AcceptIntoCareAsync(clinician, patient);
        return (clinician, patient, relationship, await app.ApiAsync(clinician), await app.ApiAsync(patient));
    }

    [Fact]
    public async Task AClinicianCannotDecideAboutCareBeforeTheFirstConversation()
    {
        var clinician = await app.CreatePracticeTherapistAsync();
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var patientApi = await app.ApiAsync(patient);
        await (await patientApi.BookThroughApiAsync(app, clinician)).JsonAsync(HttpStatusCode.Created);
        using var clinicianApi = await app.ApiAsync(clinician);
        var caseload = await (await clinicianApi.Http.GetAsync("/api/v1/care-relationships")).JsonAsync();
        var enquiry = Assert.Single(caseload.EnumerateArray());
        Assert.Equal((patient.Id, nameof(CareStatus.Enquiry)), (enquiry.GetProperty("patientId").GetGuid(), enquiry.GetProperty("status").GetString()));

        var response = await clinicianApi.CareActionAsync(enquiry.GetProperty("id").GetGuid(), "accept");

        Assert.Equal(CareRelationshipRules.DecideAfterFirstConversation, await response.RuleAsync());
        Assert.Equal(CareStatus.Enquiry, (await app.RelationshipAsync(enquiry.GetProperty("id").GetGuid())).Status);
    }

    [Fact]
    public async Task AfterTheFirstConversationTheClinicianOffersAndThePatientConfirmsWithConsent()
    {
        var (clinician, _, enquiry, clinicianApi, patientApi) = await AfterAFirstConversationAsync();
        using (clinicianApi)
        using (patientApi)
        {
            var offered = await (await clinicianApi.CareActionAsync(enquiry, "accept")).JsonAsync();
            var confirmed = await (await patientApi.CareActionAsync(enquiry, "confirm", new { consentToShareRecord = true })).JsonAsync();
            var team = await (await patientApi.Http.GetAsync("/api/v1/care-team")).JsonAsync();

            Assert.Equal(nameof(CareStatus.Offered), offered.GetProperty("status").GetString());
            Assert.Equal(nameof(CareStatus.Accepted), confirmed.GetProperty("status").GetString());
            var mine = Relationship(team, enquiry);
            Assert.Equal((clinician.Id, nameof(CareStatus.Accepted)), (mine.GetProperty("clinicianId").GetGuid(), mine.GetProperty("status").GetString()));
        }
    }

    [Fact]
    public async Task OfferingCareTwiceIsRefused()
    {
        var (_, _, enquiry, clinicianApi, patientApi) = await AfterAFirstConversationAsync();
        using (clinicianApi)
        using (patientApi)
        {
            await (await clinicianApi.CareActionAsync(enquiry, "accept")).JsonAsync();

            var again = await clinicianApi.CareActionAsync(enquiry, "accept");

            Assert.Equal(CareRelationshipRules.OfferOnlyAfterEnquiry, await again.RuleAsync());
        }
    }

    [Fact]
    public async Task ConfirmingAnOfferWithoutConsentToShareTheRecordIsRefused()
    {
        var (_, _, enquiry, clinicianApi, patientApi) = await AfterAFirstConversationAsync();
        using (clinicianApi)
        using (patientApi)
        {
            await (await clinicianApi.CareActionAsync(enquiry, "accept")).JsonAsync();

            var response = await patientApi.CareActionAsync(enquiry, "confirm", new { consentToShareRecord = false });

            Assert.Equal(CareRelationshipRules.ConfirmNeedsConsent, await response.RuleAsync());
            Assert.Equal(CareStatus.Offered, (await app.RelationshipAsync(enquiry)).Status);
        }
    }

    // The request's own validation answers first (400 naming the field), before the rule DeclineNeedsMessage that
    // guards the same on the pages.
    [Fact]
    public async Task DecliningWithoutAMessageForThePatientIsRefused()
    {
        var (_, _, enquiry, clinicianApi, patientApi) = await AfterAFirstConversationAsync();
        using (clinicianApi)
        using (patientApi)
        {
            var response = await clinicianApi.CareActionAsync(enquiry, "decline", new { message = "   " });

            Assert.Contains("Message", (await response.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Select(e => e.Name));
            Assert.Equal(CareStatus.Enquiry, (await app.RelationshipAsync(enquiry)).Status);
        }
    }

    [Fact]
    public async Task ADeclineWithKindWordsEndsTheEnquiryAndThePatientReadsThem()
    {
        var (_, _, enquiry, clinicianApi, patientApi) = await AfterAFirstConversationAsync();
        using (clinicianApi)
        using (patientApi)
        {
            await (await clinicianApi.CareActionAsync(enquiry, "decline", new { message = "A colleague who works with grief would suit you better." })).JsonAsync();

            var team = await (await patientApi.Http.GetAsync("/api/v1/care-team")).JsonAsync();

            var declined = Relationship(team, enquiry);
            Assert.Equal(nameof(CareStatus.Declined), declined.GetProperty("status").GetString());
            Assert.Equal("A colleague who works with grief would suit you better.", declined.GetProperty("declineMessage").GetString());
        }
    }

    // As for a decline: the request's validation (400 naming the field) answers before the rule DischargeNeedsReason.
    [Fact]
    public async Task DischargingWithoutAReasonIsRefused()
    {
        var (_, _, relationship, clinicianApi, patientApi) = await InCareAsync();
        using (clinicianApi)
        using (patientApi)
        {
            var response = await clinicianApi.CareActionAsync(relationship, "discharge", new { reason = "   " });

            Assert.Contains("Reason", (await response.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Select(e => e.Name));
            Assert.Equal(CareStatus.Accepted, (await app.RelationshipAsync(relationship)).Status);
        }
    }

    [Fact]
    public async Task AnEnquiryCannotBeDischarged()
    {
        var (_, _, enquiry, clinicianApi, patientApi) = await AfterAFirstConversationAsync();
        using (clinicianApi)
        using (patientApi)
        {
            var response = await clinicianApi.CareActionAsync(enquiry, "discharge", new { reason = "Not a good fit." });

            Assert.Equal(CareRelationshipRules.DischargeOnlyInCare, await response.RuleAsync());
            Assert.Equal(CareStatus.Enquiry, (await app.RelationshipAsync(enquiry)).Status);
        }
    }

    [Fact]
    public async Task AClinicianCannotTransferAPatientToThemself()
    {
        var (clinician, _, relationship, clinicianApi, patientApi) = await InCareAsync();
        using (clinicianApi)
        using (patientApi)
        {
            var response = await clinicianApi.CareActionAsync(relationship, "transfer", new { toClinicianId = clinician.Id, handoverNote = "Over to me." });

            Assert.Equal(CareRelationshipRules.SuggestAnotherColleague, await response.RuleAsync());
            Assert.Null((await app.RelationshipAsync(relationship)).TransferredToId);
        }
    }

    [Fact]
    public async Task ATransferCompletesWhenTheColleagueAcceptsAndThePatientConfirms()
    {
        var (from, patient, relationship, fromApi, patientApi) = await InCareAsync();
        var to = await app.CreatePracticeTherapistAsync();
        using var toApi = await app.ApiAsync(to);
        using (fromApi)
        using (patientApi)
        {
            var handover = await (await fromApi.CareActionAsync(relationship, "transfer",
                new { toClinicianId = to.Id, handoverNote = "Role dispute with Sam; PHQ-9 falling." })).JsonAsync(HttpStatusCode.Created);
            var receiving = handover.GetProperty("id").GetGuid();
            Assert.Equal(nameof(CareStatus.Handover), handover.GetProperty("status").GetString());
            await (await toApi.CareActionAsync(receiving, "accept")).JsonAsync();

            await (await patientApi.CareActionAsync(receiving, "confirm", new { consentToShareRecord = true })).JsonAsync();

            var team = await (await patientApi.Http.GetAsync("/api/v1/care-team")).JsonAsync();
            var old = Relationship(team, relationship);
            var now = Relationship(team, receiving);
            Assert.Equal((from.Id, nameof(CareStatus.Transferred)), (old.GetProperty("clinicianId").GetGuid(), old.GetProperty("status").GetString()));
            Assert.Equal((to.Id, nameof(CareStatus.Accepted)), (now.GetProperty("clinicianId").GetGuid(), now.GetProperty("status").GetString()));
            Assert.Equal(relationship, now.GetProperty("transferredFromId").GetGuid());
            Assert.Equal(HttpStatusCode.NotFound, (await fromApi.Http.GetAsync($"/api/v1/patients/{patient.Id}/measurements")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await toApi.Http.GetAsync($"/api/v1/patients/{patient.Id}/measurements")).StatusCode);
        }
    }

    [Fact]
    public async Task CoverWrittenWithALocalOffsetIsArrangedForTheSameInstants()
    {
        var (_, _, relationship, clinicianApi, patientApi) = await InCareAsync();
        var colleague = await app.CreatePracticeTherapistAsync();
        var berlin = TimeSpan.FromHours(1);
        var aMinuteAgo = app.Clock.GetUtcNow().AddMinutes(-1);
        // Whole seconds: PostgreSQL keeps microseconds, the test clock ticks.
        var startsAt = aMinuteAgo.AddTicks(-(aMinuteAgo.Ticks % TimeSpan.TicksPerSecond)).ToOffset(berlin);
        using (clinicianApi)
        using (patientApi)
        {
            var response = await clinicianApi.Http.PostAsJsonAsync($"/api/v1/care-relationships/{relationship}/cover",
                new { coveringClinicianId = colleague.Id, startsAt, endsAt = startsAt.AddDays(7) });
            var cover = await response.JsonAsync(HttpStatusCode.Created);

            Assert.Equal(startsAt, cover.GetProperty("startsAt").GetDateTimeOffset());
            Assert.Equal(startsAt.AddDays(7), cover.GetProperty("endsAt").GetDateTimeOffset());
            Assert.Equal(startsAt.UtcDateTime, (await app.QueryAsync(db => db.CoverPeriods.SingleAsync(c => c.RelationshipId == relationship))).StartsAt.UtcDateTime);
        }
    }

    [Fact]
    public async Task ADischargeClosesTheRecordToTheClinicianAndToTheColleagueCoveringForThem()
    {
        var (_, patient, relationship, clinicianApi, patientApi) = await InCareAsync();
        var colleague = await app.CreatePracticeTherapistAsync();
        using var colleagueApi = await app.ApiAsync(colleague);
        using (clinicianApi)
        using (patientApi)
        {
            await (await clinicianApi.ArrangeCoverAsync(relationship, colleague, app)).JsonAsync(HttpStatusCode.Created);
            Assert.Equal(HttpStatusCode.OK, (await colleagueApi.Http.GetAsync($"/api/v1/patients/{patient.Id}/measurements")).StatusCode);

            var discharged = await (await clinicianApi.CareActionAsync(relationship, "discharge", new { reason = "Recovered; course complete." })).JsonAsync();

            Assert.Equal(nameof(CareStatus.Discharged), discharged.GetProperty("status").GetString());
            Assert.Equal(HttpStatusCode.NotFound, (await clinicianApi.Http.GetAsync($"/api/v1/patients/{patient.Id}/measurements")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await colleagueApi.Http.GetAsync($"/api/v1/patients/{patient.Id}/measurements")).StatusCode);
        }
    }

    /// <summary>
    /// The old CareRelationships migration gave the relationships it made random UUIDs, not time-ordered ones, and
    /// databases built before the squash (docs/adr/0002-migrations-apart-and-squashed.md) still hold them, so the old
    /// relationship's id can sort after the new one's: completing the transfer must not depend on which row the
    /// database updates first.
    /// </summary>
    [Fact]
    public async Task ATransferCompletesForARelationshipTheMigrationMade()
    {
        var (_, patient, madeByApp, fromApi, patientApi) = await InCareAsync();
        var relationship = Guid.Parse("f3b1c0de-9a7e-4c2b-8d1f-5e6a7b8c9d0e");
        await app.QueryAsync(db => db.Database.ExecuteSqlAsync($"UPDATE \"CareRelationships\" SET \"Id\" = {relationship} WHERE \"Id\" = {madeByApp}"));
        var to = await app.CreatePracticeTherapistAsync();
        using var toApi = await app.ApiAsync(to);
        using (fromApi)
        using (patientApi)
        {
            var handover = await (await fromApi.CareActionAsync(relationship, "transfer",
                new { toClinicianId = to.Id, handoverNote = "Role dispute with Sam; PHQ-9 falling." })).JsonAsync(HttpStatusCode.Created);
            var receiving = handover.GetProperty("id").GetGuid();
            await (await toApi.CareActionAsync(receiving, "accept")).JsonAsync();

            var confirmed = await patientApi.CareActionAsync(receiving, "confirm", new { consentToShareRecord = true });

            Assert.Equal(nameof(CareStatus.Accepted), (await confirmed.JsonAsync()).GetProperty("status").GetString());
            Assert.Equal(CareStatus.Transferred, (await app.RelationshipAsync(relationship)).Status);
            Assert.Equal(HttpStatusCode.OK, (await toApi.Http.GetAsync($"/api/v1/patients/{patient.Id}/measurements")).StatusCode);
        }
    }

    [Fact]
    public async Task ADeclinedHandoverLeavesTheFormerClinicianResponsible()
    {
        var (_, patient, relationship, fromApi, patientApi) = await InCareAsync();
        var to = await app.CreatePracticeTherapistAsync();
        using var toApi = await app.ApiAsync(to);
        using (fromApi)
        using (patientApi)
        {
            var handover = await (await fromApi.CareActionAsync(relationship, "transfer",
                new { toClinicianId = to.Id, handoverNote = "Role dispute with Sam; PHQ-9 falling." })).JsonAsync(HttpStatusCode.Created);

            await (await toApi.CareActionAsync(handover.GetProperty("id").GetGuid(), "decline", new { message = "My caseload is full this month." })).JsonAsync();

            var old = await app.RelationshipAsync(relationship);
            Assert.Equal(CareStatus.Accepted, old.Status);
            Assert.Null(old.TransferredToId);
            Assert.Equal(HttpStatusCode.OK, (await fromApi.Http.GetAsync($"/api/v1/patients/{patient.Id}/measurements")).StatusCode);
        }
    }

    [Theory]
    [InlineData("accept")]
    [InlineData("discharge")]
    public async Task SomeoneElsesRelationshipIsNotFound(string action)
    {
        var (_, _, relationship, clinicianApi, patientApi) = await InCareAsync();
        using var otherApi = await app.ApiAsync(await app.CreatePracticeTherapistAsync());
        using (clinicianApi)
        using (patientApi)
        {
            var response = await otherApi.CareActionAsync(relationship, action, new { reason = "Taking this over." });

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal(CareStatus.Accepted, (await app.RelationshipAsync(relationship)).Status);
        }
    }

    [Fact]
    public async Task AnotherPatientCannotConfirmSomeoneElsesOffer()
    {
        var (_, _, enquiry, clinicianApi, patientApi) = await AfterAFirstConversationAsync();
        using var otherApi = await app.ApiAsync(await app.CreateAccountAsync(Roles.Patient));
        using (clinicianApi)
        using (patientApi)
        {
            await (await clinicianApi.CareActionAsync(enquiry, "accept")).JsonAsync();

            var response = await otherApi.CareActionAsync(enquiry, "confirm", new { consentToShareRecord = true });

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal(CareStatus.Offered, (await app.RelationshipAsync(enquiry)).Status);
        }
    }

    [Fact]
    public async Task APatientCannotUseAClinicianCall()
    {
        var (_, _, enquiry, clinicianApi, patientApi) = await AfterAFirstConversationAsync();
        using (clinicianApi)
        using (patientApi)
        {
            var response = await patientApi.CareActionAsync(enquiry, "accept");

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal(CareStatus.Enquiry, (await app.RelationshipAsync(enquiry)).Status);
        }
    }
    [Fact]
    public async Task AClinicianCannotConfirmAnOfferForThePatient()
    {
        var (_, _, enquiry, clinicianApi, patientApi) = await AfterAFirstConversationAsync();
        using (clinicianApi)
        using (patientApi)
        {
            await (await clinicianApi.CareActionAsync(enquiry, "accept")).JsonAsync();

            var response = await clinicianApi.CareActionAsync(enquiry, "confirm", new { consentToShareRecord = true });

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal(CareStatus.Offered, (await app.RelationshipAsync(enquiry)).Status);
        }
    }

    [Theory]
    [InlineData(Roles.Patient, "/api/v1/care-relationships", HttpStatusCode.Forbidden)]
    [InlineData(Roles.Therapist, "/api/v1/care-team", HttpStatusCode.Forbidden)]
    [InlineData(null, "/api/v1/care-team", HttpStatusCode.Unauthorized)]
    [InlineData(null, "/api/v1/care-relationships", HttpStatusCode.Unauthorized)]
    public async Task TheCareListsAnswerOnlyTheirOwnRole(string? role, string url, HttpStatusCode expected)
    {
        using var api = role is null ? app.NewClient() : await app.ApiAsync(await app.CreateAccountAsync(role));

        var response = await api.Http.GetAsync(url);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task ADischargeThroughTheApiIsAuditedWithTheAppointmentsItCancels()
    {
        var (clinician, patient) = await app.PatientInCareAsync();
        var booked = await app.QueryAsync(db => db.Appointments.AsNoTracking().SingleAsync(a => a.PatientId == patient.Id && a.TherapistId == clinician.Id));
        var relationship = await app.QueryAsync(db => db.CareRelationships
            .Where(r => r.PatientId == patient.Id && r.Status == CareStatus.Accepted).Select(r => r.Id).SingleAsync());
        using var clinicianApi = await app.ApiAsync(clinician);

        await (await clinicianApi.CareActionAsync(relationship, "discharge", new { reason = "Recovered; course complete." })).JsonAsync();

        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == Rapport.Web.Features.Audit.AuditAction.CareDischarged
            && e.UserId == clinician.Id && e.PatientId == patient.Id && e.Subject == relationship.ToString())));
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == Rapport.Web.Features.Audit.AuditAction.AppointmentCancelled
            && e.UserId == clinician.Id && e.PatientId == patient.Id && e.Subject == booked.Id.ToString())));
    }
}

public sealed class CareTransitionsApiTestsOnSqlite(SqliteApp app) : CareTransitionsApiTests(app);

public sealed class CareTransitionsApiTestsOnPostgres(PostgresApp app) : CareTransitionsApiTests(app);

/// <summary>The decision about care waits for the first conversation, on a clock the test moves past it.</summary>
public abstract class FirstConversationDecisionTests(RapportApp app)
{
    [Fact]
    public async Task OnceTheFirstConversationHasTakenPlaceTheClinicianMayTakeThePatientIntoCare()
    {
        var clinician = await app.CreatePracticeTherapistAsync();
        var patient = await app.CreateAccountAsync(Roles.Patient);
        Guid enquiry;
        DateTimeOffset start;
        using (var patientApi = await app.ApiAsync(patient))
        {
            var booked = await (await patientApi.BookThroughApiAsync(app, clinician)).JsonAsync(HttpStatusCode.Created);
            start = booked.GetProperty("time").GetProperty("startUtc").GetDateTimeOffset();
        }
        using (var clinicianApi = await app.ApiAsync(clinician))
        {
            enquiry = (await (await clinicianApi.Http.GetAsync("/api/v1/care-relationships")).JsonAsync()).EnumerateArray().Single().GetProperty("id").GetGuid();
            Assert.Equal(CareRelationshipRules.DecideAfterFirstConversation, await (await clinicianApi.CareActionAsync(enquiry, "accept")).RuleAsync());
        }

        app.Clock.Advance(start - app.Clock.GetUtcNow() + TimeSpan.FromHours(1));

        using (var clinicianApi = await app.ApiAsync(clinician))
        using (var patientApi = await app.ApiAsync(patient))
        {
            var offered = await (await clinicianApi.CareActionAsync(enquiry, "accept")).JsonAsync();
            Assert.Equal(nameof(CareStatus.Offered), offered.GetProperty("status").GetString());
            await (await patientApi.CareActionAsync(enquiry, "confirm", new { consentToShareRecord = true })).JsonAsync();
            Assert.Equal(HttpStatusCode.OK, (await clinicianApi.Http.GetAsync($"/api/v1/patients/{patient.Id}/measurements")).StatusCode);
        }
    }
}

public sealed class FirstConversationDecisionTestsOnSqlite(IsolatedSqliteApp app) : FirstConversationDecisionTests(app), IClassFixture<IsolatedSqliteApp>;

public sealed class FirstConversationDecisionTestsOnPostgres(IsolatedPostgresApp app) : FirstConversationDecisionTests(app), IClassFixture<IsolatedPostgresApp>;
