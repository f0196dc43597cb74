using System.Net;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Booking;

namespace Rapport.IntegrationTests.Features.CareRelationships;

/// <summary>
/// A patient in care who books a first conversation with another clinician: that booking opens no record and
/// takes no alert away from the clinician responsible for them. Alerts follow care: the covering clinician during
/// cover, else the responsible one, else the clinical lead on duty.
/// </summary>
public abstract class FirstConversationElsewhereTests(RapportApp app)
{
    private static readonly int?[] RiskAnswer = Questionnaires.Phq9(1, 1, 1, 1, 1, 1, 1, 1, 3);

    /// <summary>Alex, in Sarah's care in the middle phase, books a first conversation with Priya through the API.</summary>
    private async Task<(TestAccount Alex, TestAccount Priya, Guid AppointmentId, Visitor AlexApi)> AlexBooksPriyaAsync()
    {
        var sarah = await app.CreatePracticeTherapistAsync();
        var priya = await app.CreatePracticeTherapistAsync();
        var alex = await app.CreateAccountAsync(Roles.Patient);
        await app.AcceptIntoCareAsync(sarah, alex);
        await app.CourseInMiddlePhaseAsync(sarah, alex);
        var alexApi = await app.ApiAsync(alex);
        await (await alexApi.AnswerAsync(InstrumentCatalog.Phq9, Questionnaires.Phq9(2, 2, 2, 2, 1, 1, 1, 1, 0))).JsonAsync(HttpStatusCode.Created);
        var booked = await (await alexApi.BookThroughApiAsync(app, priya, TimeSpan.FromHours(13))).JsonAsync(HttpStatusCode.Created);
        return (alex, priya, booked.GetProperty("id").GetGuid(), alexApi);
    }

    private async Task AssertPriyaSeesNothingAsync(TestAccount alex, TestAccount priya)
    {
        using var priyaApi = await app.ApiAsync(priya);
        using var priyaBrowser = app.NewClient();
        await priyaBrowser.SignInAsync(priya);

        var measures = await priyaApi.Http.GetAsync($"/api/v1/patients/{alex.Id}/measurements");
        var course = await priyaBrowser.GetAsync($"/therapist/patients/{alex.Id}/course");

        Assert.Equal(HttpStatusCode.NotFound, measures.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, course.Status);
    }

    [Fact]
    public async Task BookingAFirstConversationOpensNoRecordToItsClinician()
    {
        var (alex, priya, _, alexApi) = await AlexBooksPriyaAsync();
        using (alexApi)
        {
            await AssertPriyaSeesNothingAsync(alex, priya);
        }
    }

    [Fact]
    public async Task AFirstConversationCancelledLateOpensNoRecordEither()
    {
        var (alex, priya, appointmentId, alexApi) = await AlexBooksPriyaAsync();
        using (alexApi)
        {
            var cancelled = await (await alexApi.Http.PostAsync($"/api/v1/appointments/{appointmentId}/cancel", null)).JsonAsync();
            Assert.Equal(nameof(AppointmentStatus.LateCancelled), cancelled.GetProperty("status").GetString());

            await AssertPriyaSeesNothingAsync(alex, priya);
        }
    }

    /// <summary>Nadia, in Fatima's care, books a first conversation with Kenji and then answers PHQ-9 item 9 with 3.</summary>
    private async Task<(TestAccount Nadia, TestAccount Fatima, TestAccount Kenji, Guid Relationship)> NadiaInFatimasCareBooksKenjiAsync()
    {
        var fatima = await app.CreatePracticeTherapistAsync();
        var kenji = await app.CreatePracticeTherapistAsync();
        var nadia = await app.CreateAccountAsync(Roles.Patient);
        var relationship = await app.AcceptIntoCareAsync(fatima, nadia);
        using var nadiaApi = await app.ApiAsync(nadia);
        await (await nadiaApi.BookThroughApiAsync(app, kenji)).JsonAsync(HttpStatusCode.Created);
        return (nadia, fatima, kenji, relationship);
    }

    private async Task AnswerRiskAsync(TestAccount patient)
    {
        using var api = await app.ApiAsync(patient);
        var result = await (await api.AnswerAsync(InstrumentCatalog.Phq9, RiskAnswer)).JsonAsync(HttpStatusCode.Created);
        Assert.True(result.GetProperty("safety").GetProperty("alertRaised").GetBoolean());
    }

    private Task<Guid?> AlertAssigneeAsync(TestAccount patient) =>
        app.QueryAsync(db => db.SafetyAlerts.Where(a => a.PatientId == patient.Id).Select(a => a.AssignedTherapistId).SingleAsync());

    private static bool IsAlertMail(MimeKit.MimeMessage m) => m.TextBody?.Contains("https://rapport.test/alerts/", StringComparison.Ordinal) == true;

    private async Task AssertAlertMailWentOnlyToAsync(TestAccount expected, params TestAccount[] notTo)
    {
        await app.Mail.WaitForAsync(expected.Email, IsAlertMail);
        foreach (var other in notTo)
        {
            Assert.DoesNotContain(app.Mail.To(other.Email), IsAlertMail);
        }
    }

    [Fact]
    public async Task ARiskAnswerAlertsTheResponsibleClinicianNotTheFirstConversationsClinician()
    {
        var (nadia, fatima, kenji, _) = await NadiaInFatimasCareBooksKenjiAsync();

        await AnswerRiskAsync(nadia);

        Assert.Equal(fatima.Id, await AlertAssigneeAsync(nadia));
        await AssertAlertMailWentOnlyToAsync(fatima, kenji);
    }

    [Fact]
    public async Task DuringCoverARiskAnswerAlertsTheCoveringClinician()
    {
        var (nadia, fatima, kenji, relationship) = await NadiaInFatimasCareBooksKenjiAsync();
        var colm = await app.CreatePracticeTherapistAsync();
        using (var fatimaApi = await app.ApiAsync(fatima))
        {
            await (await fatimaApi.ArrangeCoverAsync(relationship, colm, app)).JsonAsync(HttpStatusCode.Created);
        }

        await AnswerRiskAsync(nadia);

        Assert.Equal(colm.Id, await AlertAssigneeAsync(nadia));
        await AssertAlertMailWentOnlyToAsync(colm, fatima, kenji);
    }

    [Fact]
    public async Task WithNoResponsibleClinicianARiskAnswerAlertsTheClinicalLeadOnDuty()
    {
        var kenji = await app.CreatePracticeTherapistAsync();
        var lead = await app.CreateAccountAsync(Roles.Therapist);
        await app.OnDutyAsLeadAsync(lead);
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using (var patientApi = await app.ApiAsync(patient))
        {
            await (await patientApi.BookThroughApiAsync(app, kenji)).JsonAsync(HttpStatusCode.Created);
        }

        await AnswerRiskAsync(patient);

        Assert.Equal(lead.Id, await AlertAssigneeAsync(patient));
        await AssertAlertMailWentOnlyToAsync(lead, kenji);
    }
}

// Its own app: the clinical lead on duty decides where every unassigned alert in the app goes.
public sealed class FirstConversationElsewhereTestsOnSqlite(IsolatedSqliteApp app) : FirstConversationElsewhereTests(app), IClassFixture<IsolatedSqliteApp>;

public sealed class FirstConversationElsewhereTestsOnPostgres(IsolatedPostgresApp app) : FirstConversationElsewhereTests(app), IClassFixture<IsolatedPostgresApp>;
