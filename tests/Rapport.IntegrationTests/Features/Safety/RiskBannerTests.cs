using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Features.LiveSessions;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;

namespace Rapport.IntegrationTests.Features.Safety;

/// <summary>Rule 14 of the Safety readme: the risk banner on the clinician's course, patient and call pages, and nowhere for the patient.</summary>
public abstract class RiskBannerTests(RapportApp app)
{
    [Fact]
    public async Task TheCourseAndPatientPagesSayWhatRaisedRiskAndWhenAndLinkToTheAlerts()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await app.CourseInMiddlePhaseAsync(therapist, patient);
        await app.AnswerAsync(patient, InstrumentCatalog.Phq9, CareRecords.Phq9(16, item9: 2));
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        foreach (var url in new[] { $"/therapist/patients/{patient.Id}/course", $"/therapist/patients/{patient.Id}" })
        {
            var page = await browser.GetAsync(url);
            Assert.Contains("Risk raised", page.Words, StringComparison.Ordinal);
            Assert.Contains("Open safety alert since", page.Words, StringComparison.Ordinal);
            Assert.Contains("PHQ-9 item 9 answered 2 (\u201cMore than half the days\u201d) on", page.Words, StringComparison.Ordinal);
            Assert.Contains("href=\"/therapist/alerts\"", page.Html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AnAlertTakenOnButNotYetClosedWithItsReviewStillRaisesTheBanner()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await app.CourseInMiddlePhaseAsync(therapist, patient);
        var alert = (await app.AnswerAsync(patient, InstrumentCatalog.Phq9, CareRecords.Phq9(16, item9: 2))).Alert!;
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        await browser.PostFormAsync($"/alerts/{alert.AlertId}", new Dictionary<string, string>(), $"/alerts/{alert.AlertId}?handler=Acknowledge");
        var page = await browser.GetAsync($"/therapist/patients/{patient.Id}/course");

        Assert.Contains("Open safety alert since", page.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePagesShowNoBannerWhenNoAlertIsOpenAndNoRiskWasAnswered()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await app.CourseInMiddlePhaseAsync(therapist, patient);
        await app.AnswerAsync(patient, InstrumentCatalog.Phq9, CareRecords.Phq9(16));
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        Assert.DoesNotContain("Risk raised", (await browser.GetAsync($"/therapist/patients/{patient.Id}/course")).Words, StringComparison.Ordinal);
        Assert.DoesNotContain("Risk raised", (await browser.GetAsync($"/therapist/patients/{patient.Id}")).Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTherapistSeesTheBannerBesideTheCallAndThePatientDoesNot()
    {
        var therapist = await app.CreatePracticeTherapistAsync(p => p.Change(50, 10, 0, 120, 24));
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var appointment = await app.BookSoonAsync(patient, therapist);
        await app.CourseInMiddlePhaseAsync(therapist, patient);
        await app.AnswerAsync(patient, InstrumentCatalog.Phq9, CareRecords.Phq9(18, item9: 3));
        using var t = await app.SignedInAsync(therapist);
        using var p = await app.SignedInAsync(patient);
        var roomId = await t.JoinAsync(appointment.Id);
        await p.JoinAsync(appointment.Id);

        var therapistSide = await t.Browser.GetAsync($"/live/{roomId}");
        var patientSide = await p.Browser.GetAsync($"/live/{roomId}");

        Assert.Contains("Risk raised", therapistSide.Words, StringComparison.Ordinal);
        Assert.Contains("PHQ-9 item 9 answered 3", therapistSide.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("Risk raised", patientSide.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("item 9", patientSide.Words, StringComparison.Ordinal);
    }
}

public sealed class RiskBannerTestsOnSqlite(SqliteApp app) : RiskBannerTests(app);

public sealed class RiskBannerTestsOnPostgres(PostgresApp app) : RiskBannerTests(app);
