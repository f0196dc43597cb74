using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PdfSharp.Pdf.IO;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Audit;

namespace Rapport.IntegrationTests.Features.TreatmentCourses;

/// <summary>The treatment summary as JSON through the API and as a PDF download, for the patient and for a referral.</summary>
public abstract class TreatmentSummaryTests(RapportApp app)
{
    private async Task<(TestAccount Therapist, TestAccount Patient, Guid CourseId)> FinishedCourseAsync()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await app.AnswerAsync(patient, InstrumentCatalog.Phq9, CareRecords.Phq9(19));
        await app.AnswerAsync(patient, InstrumentCatalog.Phq9, CareRecords.Phq9(6));
        var whole = await app.CourseInMaintenanceAsync(therapist, patient);
        return (therapist, patient, whole.CourseId);
    }

    [Fact]
    public async Task ThePatientReadsTheirSummaryWithFocusAttendanceScoresAndTheirWarningSigns()
    {
        var (_, patient, courseId) = await FinishedCourseAsync();
        using var api = await app.ApiAsync(patient);

        var response = await api.Http.GetAsync($"/api/v1/courses/{courseId}/summary");
        var summary = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["A conflict with someone important"], summary.GetProperty("focus").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(4, summary.GetProperty("contractedSessions").GetInt32());
        var phq9 = summary.GetProperty("scores").EnumerateArray().Single(s => s.GetProperty("instrument").GetString() == "PHQ-9");
        Assert.Equal(19, phq9.GetProperty("baseline").GetInt32());
        Assert.Equal(6, phq9.GetProperty("latest").GetInt32());
        Assert.Contains("reliable improvement", phq9.GetProperty("change").EnumerateArray().Select(c => c.GetString()));
        var review = summary.GetProperty("ending");
        Assert.Equal("I can say what I need without a row", review.GetProperty("gains").GetString());
        Assert.Equal("Phone my sister and plan a walk", review.GetProperty("warningSigns")[0].GetProperty("whatToDo").GetString());
    }

    [Fact]
    public async Task TheReferralSummaryNamesTheIptProblemAreaAndItsStage()
    {
        var (therapist, _, courseId) = await FinishedCourseAsync();
        using var api = await app.ApiAsync(therapist);

        var summary = await api.Http.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/summary?for=referral");

        Assert.StartsWith("Role dispute (renegotiation)", summary.GetProperty("focus")[0].GetString());
    }

    [Fact]
    public async Task AnUnknownAudienceIsAClearProblemNotAGuess()
    {
        var (_, patient, courseId) = await FinishedCourseAsync();
        using var api = await app.ApiAsync(patient);

        var response = await api.Http.GetAsync($"/api/v1/courses/{courseId}/summary?for=insurer");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Choose patient or referral.", problem.GetProperty("errors").GetProperty("for")[0].GetString());
    }

    [Fact]
    public async Task AnotherPatientAndAnotherTherapistGetNotFoundForTheSummaryAndThePdf()
    {
        var (_, _, courseId) = await FinishedCourseAsync();
        var (otherTherapist, otherPatient) = await app.PatientInCareAsync();

        foreach (var stranger in new[] { otherTherapist, otherPatient })
        {
            using var api = await app.ApiAsync(stranger);
            using var browser = app.NewClient();
            await browser.SignInAsync(stranger);
            Assert.Equal(HttpStatusCode.NotFound, (await api.Http.GetAsync($"/api/v1/courses/{courseId}/summary")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/courses/{courseId}/summary.pdf")).Status);
        }
    }

    [Fact]
    public async Task ThePatientDownloadsTheSummaryAsAPdfThatIsNeverCachedAndTheReadIsAudited()
    {
        var (_, patient, courseId) = await FinishedCourseAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);

        var response = await browser.Http.GetAsync($"/courses/{courseId}/summary.pdf");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var pdf = PdfReader.Open(new MemoryStream(bytes), PdfDocumentOpenMode.Import);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        Assert.True(pdf.PageCount >= 1);
        Assert.Equal("Treatment summary", pdf.Info.Title);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e =>
            e.Action == AuditAction.TreatmentSummaryRead && e.PatientId == patient.Id && e.UserId == patient.Id && e.Outcome == AuditOutcome.Success)));
    }

    [Fact]
    public async Task ASummaryMadeMidCourseCallsItsScoresSoFarNotFromStartToEnd()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await app.AnswerAsync(patient, InstrumentCatalog.Phq9, CareRecords.Phq9(19));
        var courseId = await app.CourseInMiddlePhaseAsync(therapist, patient);
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);

        var bytes = await browser.Http.GetByteArrayAsync($"/courses/{courseId}/summary.pdf");
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(bytes);
        var words = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));

        Assert.Contains("Scores so far", words, StringComparison.Ordinal);
        Assert.DoesNotContain("start to end", words, StringComparison.Ordinal);
        Assert.DoesNotContain("Course ended", words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACourseListShowsTheCallerOnlyTheirOwnCourses()
    {
        var (therapist, patient, courseId) = await FinishedCourseAsync();
        var (_, otherPatient) = await app.PatientInCareAsync();
        using var mine = await app.ApiAsync(patient);
        using var theirs = await app.ApiAsync(otherPatient);

        var myCourses = await mine.Http.GetFromJsonAsync<JsonElement>("/api/v1/courses");
        var otherCourses = await theirs.Http.GetFromJsonAsync<JsonElement>("/api/v1/courses");

        var course = Assert.Single(myCourses.EnumerateArray());
        Assert.Equal(courseId, course.GetProperty("id").GetGuid());
        Assert.Equal(therapist.Id, course.GetProperty("therapistId").GetGuid());
        Assert.Equal("Maintenance", course.GetProperty("phase").GetString());
        Assert.Empty(otherCourses.EnumerateArray());
    }
}

public sealed class TreatmentSummaryTestsOnSqlite(SqliteApp app) : TreatmentSummaryTests(app);

public sealed class TreatmentSummaryTestsOnPostgres(PostgresApp app) : TreatmentSummaryTests(app);
