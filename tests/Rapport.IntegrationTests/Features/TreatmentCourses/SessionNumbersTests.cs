using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.TreatmentCourses;

namespace Rapport.IntegrationTests.Features.TreatmentCourses;

/// <summary>
/// One numbering of a pair's sessions (TreatmentCourses readme, "Session numbers"): the patient page, the course page, the
/// charts and the API agree, with the first conversation marked A and not counted.
/// </summary>
public abstract partial class SessionNumbersTests(RapportApp app)
{
    /// <summary>
    /// A first conversation three weeks ago, then a course whose first two sessions were held two weeks and one week ago,
    /// and a PHQ-9 answered today, so the charts show all three.
    /// </summary>
    private async Task<(TestAccount Therapist, TestAccount Patient, Guid CourseId)> TwoCourseSessionsAfterAFirstConversationAsync()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var first = await app.QueryAsync(db => db.Appointments.AsNoTracking().SingleAsync(a => a.PatientId == patient.Id));
        var sessions = new[] { await app.BookAsync(patient, therapist, TimeSpan.FromDays(3)), await app.BookAsync(patient, therapist, TimeSpan.FromDays(4)) };
        await app.BeganAgoAsync(first, TimeSpan.FromDays(21));
        await app.BeganAgoAsync(sessions[0], TimeSpan.FromDays(14));
        await app.BeganAgoAsync(sessions[1], TimeSpan.FromDays(7));
        var courseId = await app.CourseWithAgreedFormulationAsync(therapist, patient);
        await app.WithServiceAsync(async (_, db) =>
        {
            var now = app.Clock.GetUtcNow();
            var course = await db.TreatmentCourses.SingleAsync(c => c.Id == courseId);
            foreach (var appointment in await db.Appointments.Where(a => a.PatientId == patient.Id).OrderBy(a => a.StartUtc).ToListAsync())
            {
                appointment.MarkAttended(now);
                if (appointment.Id != first.Id)
                {
                    course.RecordSessionHeld(appointment.Id, appointment.StartUtc, now);
                }
            }
            return await db.SaveChangesAsync();
        });
        await app.AnswerAsync(patient, InstrumentCatalog.Phq9, CareRecords.Phq9(14));
        return (therapist, patient, courseId);
    }

    private static List<string> ChartLabels(string html) => [.. SessionLabel().Matches(html).Select(m => m.Groups[1].Value)];

    [Fact]
    public async Task ThePatientPageTheCoursePageAndTheChartGiveEachSessionTheSameNumber()
    {
        var (therapist, patient, _) = await TwoCourseSessionsAfterAFirstConversationAsync();
        using var browser = await app.BrowserForAsync(therapist);

        var patientPage = await browser.GetAsync($"/therapist/patients/{patient.Id}");
        var coursePage = await browser.GetAsync(CoursePages.Course(patient));

        Assert.Contains("2 course sessions held, and 1 before the course (A)", patientPage.Words, StringComparison.Ordinal);
        Assert.Equal(["A", "S1", "S2"], ChartLabels(patientPage.Html));
        Assert.Equal(["S1", "S2"], [.. CourseRow().Matches(coursePage.Html).Select(m => m.Groups[1].Value)]);
        Assert.Contains(SessionMark.Explanation, patientPage.Words, StringComparison.Ordinal);
        Assert.Contains(SessionMark.Explanation, coursePage.Words, StringComparison.Ordinal);
        Assert.Contains("Session 3 · no contract yet", coursePage.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePatientsPlanTheirProgressAndTheApiCountTheSameSessions()
    {
        var (_, patient, courseId) = await TwoCourseSessionsAfterAFirstConversationAsync();
        using var browser = await app.BrowserForAsync(patient);
        using var api = await app.ApiAsync(patient);

        var plan = await browser.GetAsync("/my-plan");
        var progress = await browser.GetAsync("/progress");
        var courses = await api.Http.GetFromJsonAsync<JsonElement>("/api/v1/courses");

        Assert.Equal(["A", "S1", "S2"], ChartLabels(plan.Html));
        Assert.Equal(["A", "S1", "S2"], ChartLabels(progress.Html));
        var course = Assert.Single(courses.EnumerateArray());
        Assert.Equal(courseId, course.GetProperty("id").GetGuid());
        Assert.Equal(2, course.GetProperty("sessionsHeld").GetInt32());
        Assert.Equal(3, course.GetProperty("sessionNumber").GetInt32());
    }

    [GeneratedRegex("<text class=\"session-label\"[^>]*>([^<]*)</text>")]
    private static partial Regex SessionLabel();

    [GeneratedRegex("<tr>\\s*<td>([^<]*)</td>")]
    private static partial Regex CourseRow();
}

public sealed class SessionNumbersTestsOnSqlite(SqliteApp app) : SessionNumbersTests(app);

public sealed class SessionNumbersTestsOnPostgres(PostgresApp app) : SessionNumbersTests(app);
