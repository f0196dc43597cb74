using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.CareRelationships;

namespace Rapport.IntegrationTests.Features.CareRelationships;

/// <summary>
/// Where care stops: alerts follow whoever acts for the patient now, the clinical lead and the admin cannot give
/// themselves a record, supervision ends with care, a transfer can be withdrawn, and a first conversation is one.
/// Its own app: the clinical-lead rota is clinic-wide.
/// </summary>
public abstract class CareBoundariesTests(RapportApp app)
{
    private static readonly int?[] RiskAnswer = Questionnaires.Phq9(1, 1, 1, 1, 1, 1, 1, 1, 3);

    [Fact]
    public async Task AnAlertRaisedDuringCoverLeavesTheCoveringClinicianWhenCoverEndsAndStaysWithTheResponsibleOne()
    {
        var (fatima, nadia) = await app.PatientInCareAsync();
        var priya = await app.CreatePracticeTherapistAsync();
        var relationshipId = await app.RelationshipIdAsync(fatima, nadia);
        using var fatimaApi = await app.ApiAsync(fatima);
        var cover = await (await fatimaApi.ArrangeCoverAsync(relationshipId, priya, app)).JsonAsync(HttpStatusCode.Created);
        using (var nadiaApi = await app.ApiAsync(nadia))
        {
            await (await nadiaApi.AnswerAsync(InstrumentCatalog.Phq9, RiskAnswer)).JsonAsync(HttpStatusCode.Created);
        }
        using var priyaBrowser = app.NewClient();
        await priyaBrowser.SignInAsync(priya);
        var nadiaName = await app.DisplayNameAsync(nadia);
        var duringCover = await priyaBrowser.GetAsync("/therapist/alerts");

        await app.WithCareAsync(async care =>
        {
            await care.CancelCoverAsync(cover.GetProperty("id").GetGuid(), fatima.Id, CancellationToken.None);
            return 0;
        });
        var afterCover = await priyaBrowser.GetAsync("/therapist/alerts");
        using var fatimaBrowser = app.NewClient();
        await fatimaBrowser.SignInAsync(fatima);
        var fatimasList = await fatimaBrowser.GetAsync("/therapist/alerts");

        Assert.Contains(nadiaName, duringCover.Words, StringComparison.Ordinal);
        Assert.DoesNotContain(nadiaName, afterCover.Words, StringComparison.Ordinal);
        Assert.Contains(nadiaName, fatimasList.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AClinicianAnAlertWasOnceSentToCannotCloseItOnceTheyNoLongerActForThePatient()
    {
        var (fatima, nadia) = await app.PatientInCareAsync();
        var kenji = await app.CreatePracticeTherapistAsync();
        var alertId = await app.QueryAsync(async db =>
        {
            // An alert from before care was explicit, sent to a clinician the patient had only booked.
            var scored = InstrumentScoring.Score(InstrumentCatalog.Phq9Instrument, RiskAnswer);
            var response = AssessmentResponse.Record(nadia.Id, nadia.Id, scored, Guid.NewGuid(), app.Clock.GetUtcNow());
            var alert = Rapport.Web.Features.Safety.SafetyAlert.Raise(nadia.Id, response, scored.CriticalAnswers.MaxBy(c => c.Level)!, kenji.Id,
                app.Clock.GetUtcNow(), new Rapport.Web.Features.Safety.SafetyOptions());
            db.AssessmentResponses.Add(response);
            db.SafetyAlerts.Add(alert);
            await db.SaveChangesAsync();
            return alert.Id;
        });
        using var kenjiBrowser = app.NewClient();
        await kenjiBrowser.SignInAsync(kenji);

        var list = await kenjiBrowser.GetAsync("/therapist/alerts");
        var closed = await kenjiBrowser.PostFormAsync("/therapist/alerts", new Dictionary<string, string>(), $"/alerts/{alertId}?handler=Acknowledge");

        Assert.DoesNotContain(await app.DisplayNameAsync(nadia), list.Words, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, closed.Status);
        Assert.Null(await app.QueryAsync(db => db.SafetyAlerts.Where(a => a.Id == alertId).Select(a => a.AcknowledgedAt).SingleAsync()));
    }

    [Fact]
    public async Task TheClinicalLeadOnDutyCannotArrangeCoverByThemself()
    {
        var (sarah, alex) = await app.PatientInCareAsync();
        var lead = await app.CreatePracticeTherapistAsync();
        await app.OnDutyAsLeadAsync(lead);
        var relationshipId = await app.RelationshipIdAsync(sarah, alex);
        using var leadApi = await app.ApiAsync(lead);

        var response = await leadApi.ArrangeCoverAsync(relationshipId, lead, app);

        Assert.Equal(CareRelationshipRules.CoverNotSelfArranged, await response.RuleAsync());
        Assert.False(await app.QueryAsync(db => db.CoverPeriods.AnyAsync(c => c.RelationshipId == relationshipId)));
    }

    [Fact]
    public async Task AnAdminCannotMakeThemselfSomeonesSupervisor()
    {
        var admin = await app.CreateAccountAsync(Roles.Admin);
        var therapist = await app.CreatePracticeTherapistAsync();

        var refusal = await Assert.ThrowsAsync<Rapport.Web.Features.RuleViolationException>(() =>
            app.WithCareAsync(care => care.AssignSupervisorAsync(admin.Id, therapist.Id, admin.Id, CancellationToken.None)));

        Assert.Equal(CareRelationshipRules.NotForOneself, refusal.Rule);
        Assert.False(await app.QueryAsync(db => db.SupervisionAssignments.AnyAsync(s => s.SupervisorId == admin.Id)));
    }

    [Fact]
    public async Task ASupervisorNoLongerReadsACourseOnceTheSuperviseeHasDischargedThePatient()
    {
        var (sarah, alex) = await app.PatientInCareAsync();
        var courseId = (await app.CourseInMaintenanceAsync(sarah, alex)).CourseId;
        var amina = await app.CreatePracticeTherapistAsync();
        await app.SuperviseAsync(amina, sarah);
        using var browser = app.NewClient();
        await browser.SignInAsync(amina);
        var before = await browser.GetAsync($"/therapist/supervision/courses/{courseId}");

        var relationshipId = await app.RelationshipIdAsync(sarah, alex);
        await app.WithCareAsync(care => care.DischargeAsync(relationshipId, sarah.Id, "Stayed well through maintenance.", null, CancellationToken.None));
        var after = await browser.GetAsync($"/therapist/supervision/courses/{courseId}");
        using var api = await app.ApiAsync(amina);
        var summary = await api.Http.GetAsync($"/api/v1/courses/{courseId}/summary");

        Assert.Equal(HttpStatusCode.OK, before.Status);
        Assert.Equal(HttpStatusCode.NotFound, after.Status);
        Assert.Equal(HttpStatusCode.NotFound, summary.StatusCode);
    }

    [Fact]
    public async Task TheClinicianWhoProposedATransferCanWithdrawItAndStaysResponsible()
    {
        var (sarah, alex) = await app.PatientInCareAsync();
        var priya = await app.CreatePracticeTherapistAsync();
        var relationshipId = await app.RelationshipIdAsync(sarah, alex);
        using var sarahApi = await app.ApiAsync(sarah);
        var receiving = await (await sarahApi.CareActionAsync(relationshipId, "transfer",
            new { toClinicianId = priya.Id, handoverNote = "Moving to Leeds in January." })).JsonAsync(HttpStatusCode.Created);

        var withdrawn = await (await sarahApi.CareActionAsync(relationshipId, "cancel-transfer")).JsonAsync();
        var again = await sarahApi.CareActionAsync(relationshipId, "cancel-transfer");

        Assert.Equal("Accepted", withdrawn.GetProperty("status").GetString());
        Assert.Equal(JsonValueKindNull, withdrawn.GetProperty("transferredToId").ValueKind);
        Assert.Equal(CareStatus.Withdrawn, (await app.RelationshipAsync(receiving.GetProperty("id").GetGuid())).Status);
        Assert.Equal(CareRelationshipRules.OneTransferAtATime, await again.RuleAsync());
    }

    [Fact]
    public async Task APatientWhoseFirstConversationTookPlaceCannotBookAnotherWithTheSameClinician()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var first = await app.BookAsync(patient, therapist, TimeSpan.FromHours(30));
        await app.QueryAsync(async db =>
        {
            // The first conversation took place (the call records it once it has started).
            var held = await db.Appointments.SingleAsync(a => a.Id == first.Id);
            held.MarkAttended(held.EndUtc);
            return await db.SaveChangesAsync();
        });
        // Past its end, whatever the time of day: the first free slot 30 hours ahead may be the morning after next.
        app.Clock.Advance(first.EndUtc - app.Clock.GetUtcNow() + TimeSpan.FromHours(2));

        var refusal = await Assert.ThrowsAsync<Rapport.Web.Features.RuleViolationException>(() => app.BookAsync(patient, therapist));

        Assert.Equal(BookingRules.OneFirstConversation, refusal.Rule);
        Assert.Contains("has taken place", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AClinicianWhoDeclinedIsNotBookedAgainForAFirstConversationStraightAway()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var enquiryId = await app.MetForAFirstConversationAsync(therapist, patient);
        await app.WithCareAsync(care => care.DeclineAsync(enquiryId, therapist.Id, "I think a colleague nearer you would suit you better.", null,
            CancellationToken.None));
        using var api = await app.ApiAsync(patient);

        var response = await api.BookThroughApiAsync(app, therapist, TimeSpan.FromDays(2));

        Assert.Equal(CareRelationshipRules.DeclinedRecently, await response.RuleAsync());
        Assert.False(await app.QueryAsync(db => db.Appointments.AnyAsync(a => a.PatientId == patient.Id)));
    }

    [Fact]
    public async Task APatientInCareBooksTheirNextSessionOnTheProfileOfATherapistWhoTakesNoNewPatients()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await app.QueryAsync(async db =>
        {
            var profile = await db.TherapistProfiles.SingleAsync(p => p.UserId == therapist.Id);
            profile.Edit(profile.Bio, [.. profile.LanguageList], [.. profile.SpecialtyList], [.. profile.CountryList], profile.Training, acceptingNewPatients: false);
            return await db.SaveChangesAsync();
        });
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);

        var page = await browser.GetAsync($"/therapists/{therapist.Id}");

        Assert.Contains("Choose a time for your next session", page.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("is not taking new patients", page.Words, StringComparison.Ordinal);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}

public sealed class CareBoundariesTestsOnSqlite(IsolatedSqliteApp app) : CareBoundariesTests(app), IClassFixture<IsolatedSqliteApp>;

public sealed class CareBoundariesTestsOnPostgres(IsolatedPostgresApp app) : CareBoundariesTests(app), IClassFixture<IsolatedPostgresApp>;
