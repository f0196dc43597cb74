using System.Net;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Features.CareRelationships;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.TreatmentCourses;

namespace Rapport.IntegrationTests.Features.TreatmentCourses;

/// <summary>
/// Rule 29 of the TreatmentCourses readme: in the acute phases a complete PHQ-9 up 6 from the course's baseline or from
/// the previous one, or at 20, tells the clinician on call in words that say nothing clinical, and shows on the course page.
/// </summary>
public abstract class DeteriorationTests(RapportApp app)
{
    /// <summary>A patient in the middle phase whose PHQ-9s were answered in this order: the first before the course opened (its baseline).</summary>
    private async Task<(TestAccount Therapist, TestAccount Patient)> MiddlePhaseWithPhq9sAsync(int baseline, params int[] since)
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await app.AnswerAsync(patient, InstrumentCatalog.Phq9, CareRecords.Phq9(baseline));
        await app.CourseInMiddlePhaseAsync(therapist, patient);
        foreach (var total in since)
        {
            await app.AnswerAsync(patient, InstrumentCatalog.Phq9, CareRecords.Phq9(total));
        }
        return (therapist, patient);
    }

    private Task<List<RelapseAlert>> NoticesAsync(TestAccount patient) =>
        app.QueryAsync(db => db.RelapseAlerts.AsNoTracking().Where(a => a.PatientId == patient.Id && a.Kind == CourseAlertKind.Deterioration).ToListAsync());

    [Fact]
    public async Task APhq9SixAboveTheCoursesBaselineRaisesANoticeButFiveAboveDoesNot()
    {
        var (_, five) = await MiddlePhaseWithPhq9sAsync(10, 12, 15);
        var (_, six) = await MiddlePhaseWithPhq9sAsync(10, 12, 16);

        Assert.Empty(await NoticesAsync(five));
        var notice = Assert.Single(await NoticesAsync(six));
        Assert.Equal((16, 10, 12, true, false, false), (notice.Phq9, notice.BaselinePhq9, notice.PreviousPhq9, notice.RoseFromBaseline, notice.RoseFromPrevious, notice.ReachedSevere));
    }

    [Fact]
    public async Task APhq9SixAboveThePreviousOneRaisesANoticeButFiveAboveDoesNot()
    {
        var (_, five) = await MiddlePhaseWithPhq9sAsync(10, 8, 13);
        var (_, six) = await MiddlePhaseWithPhq9sAsync(10, 8, 14);

        Assert.Empty(await NoticesAsync(five));
        var notice = Assert.Single(await NoticesAsync(six));
        Assert.Equal((14, 10, 8, false, true, false), (notice.Phq9, notice.BaselinePhq9, notice.PreviousPhq9, notice.RoseFromBaseline, notice.RoseFromPrevious, notice.ReachedSevere));
    }

    [Fact]
    public async Task APhq9OfTwentyRaisesANoticeButNineteenDoesNot()
    {
        var (_, nineteen) = await MiddlePhaseWithPhq9sAsync(18, 19);
        var (_, twenty) = await MiddlePhaseWithPhq9sAsync(18, 20);

        Assert.Empty(await NoticesAsync(nineteen));
        var notice = Assert.Single(await NoticesAsync(twenty));
        Assert.Equal((20, false, false, true), (notice.Phq9, notice.RoseFromBaseline, notice.RoseFromPrevious, notice.ReachedSevere));
    }

    [Fact]
    public async Task ASecondRiseWhileANoticeIsOpenAddsNoOther()
    {
        var (_, patient) = await MiddlePhaseWithPhq9sAsync(10, 16, 23);

        Assert.Single(await NoticesAsync(patient));
    }

    [Fact]
    public async Task InMaintenanceTheRelapseRuleAppliesNotTheDeteriorationRule()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await app.CourseInMaintenanceAsync(therapist, patient, endOfAcutePhq9: 3);

        await app.AnswerAsync(patient, InstrumentCatalog.Phq9, CareRecords.Phq9(20));

        var alert = await app.QueryAsync(db => db.RelapseAlerts.AsNoTracking().SingleAsync(a => a.PatientId == patient.Id));
        Assert.Equal(CourseAlertKind.Relapse, alert.Kind);
        var mail = await app.Mail.WaitForAsync(therapist.Email, m => m.Subject == RelapseWatch.RelapseSubject);
        Assert.Equal("Rapport: someone may need an earlier session", mail.Subject);
    }

    [Fact]
    public async Task TheEmailAsksForAReviewAndNamesNeitherThePatientNorAnythingClinical()
    {
        var (therapist, patient) = await MiddlePhaseWithPhq9sAsync(10, 16);

        var mail = await app.Mail.WaitForAsync(therapist.Email, m => m.Subject == RelapseWatch.DeteriorationSubject);

        Assert.Equal("Rapport: a course needs your review", mail.Subject);
        Assert.Contains("Someone in your care may need their plan reviewed.", mail.TextBody, StringComparison.Ordinal);
        await app.AssertSaysNothingClinicalAsync(mail, patient);
    }

    [Fact]
    public async Task DuringCoverTheEmailGoesToTheCoveringClinicianWhoClosesTheNotice()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await app.AnswerAsync(patient, InstrumentCatalog.Phq9, CareRecords.Phq9(10));
        await app.CourseInMiddlePhaseAsync(therapist, patient);
        var relationship = await app.AcceptIntoCareAsync(therapist, patient);
        var colleague = await app.CreatePracticeTherapistAsync();
        using (var therapistApi = await app.ApiAsync(therapist))
        {
            await (await therapistApi.ArrangeCoverAsync(relationship, colleague, app)).JsonAsync(HttpStatusCode.Created);
        }

        await app.AnswerAsync(patient, InstrumentCatalog.Phq9, CareRecords.Phq9(16));

        var mail = await app.Mail.WaitForAsync(colleague.Email, m => m.Subject == RelapseWatch.DeteriorationSubject);
        Assert.Contains(await app.DisplayNameAsync(colleague), mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Mail.To(therapist.Email), m => m.Subject == RelapseWatch.DeteriorationSubject);
        var notice = Assert.Single(await NoticesAsync(patient));
        var url = $"/therapist/patients/{patient.Id}/course";
        using var browser = app.NewClient();
        await browser.SignInAsync(colleague);
        var closed = await browser.PostFormAsync(url, new Dictionary<string, string>
        {
            ["AlertId"] = notice.Id.ToString(),
            ["ActionTaken"] = "Phoned during cover; earlier session offered",
        }, url + "?handler=Acknowledge");
        Assert.Equal(HttpStatusCode.Redirect, closed.Status);
        Assert.False((await NoticesAsync(patient)).Single().IsOpen);
    }

    [Fact]
    public async Task TheCoursePageShowsTheNoticeAndTheTherapistClosesItWithWhatTheyDid()
    {
        var (therapist, patient) = await MiddlePhaseWithPhq9sAsync(10, 16);
        var notice = Assert.Single(await NoticesAsync(patient));
        var url = $"/therapist/patients/{patient.Id}/course";
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var page = await browser.GetAsync(url);
        var closed = await browser.PostFormAsync(url, new Dictionary<string, string>
        {
            ["AlertId"] = notice.Id.ToString(),
            ["ActionTaken"] = "Reviewed the plan together; next session brought forward",
        }, url + "?handler=Acknowledge");
        var after = await browser.GetAsync(closed.Location!);

        Assert.Contains("Deterioration in the acute phase: PHQ-9 is 16: up 6 from 10 at the course's baseline; up 6 from 10 the time before.", page.Words, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, closed.Status);
        Assert.Contains("What was done: Reviewed the plan together; next session brought forward", after.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("Close the notice", after.Words, StringComparison.Ordinal);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.RelapseAlertAcknowledged && e.UserId == therapist.Id
            && e.PatientId == patient.Id && e.Detail == "deterioration")));
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.RelapseAlertRaised && e.Subject == notice.Id.ToString())));
    }
}

public sealed class DeteriorationTestsOnSqlite(SqliteApp app) : DeteriorationTests(app);

public sealed class DeteriorationTestsOnPostgres(PostgresApp app) : DeteriorationTests(app);
