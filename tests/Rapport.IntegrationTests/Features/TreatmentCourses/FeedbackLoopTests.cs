using System.Net;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.TreatmentCourses;

namespace Rapport.IntegrationTests.Features.TreatmentCourses;

/// <summary>
/// The decision-analysis feedback loop across two sessions: brainstormed in session 1 with a chosen plan, seen by the patient on /my-plan, reported
/// back in the portal, on session 2's agenda for the therapist, adjusted, and a second try chosen.
/// </summary>
public abstract class FeedbackLoopTests(RapportApp app)
{
    private static Dictionary<string, string> Fields(params (string Key, string Value)[] fields) => fields.ToDictionary(f => f.Key, f => f.Value);

    [Fact]
    public async Task ThePlanChosenInSessionOneIsReportedByThePatientAdjustedInSessionTwoAndASecondTryChosen()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await app.BookAsync(patient, therapist, TimeSpan.FromDays(9));
        await app.CourseInMiddlePhaseAsync(therapist, patient);
        var sessions = await app.QueryAsync(db => db.Appointments.AsNoTracking().Where(a => a.PatientId == patient.Id).OrderBy(a => a.StartUtc).ToListAsync());
        var course = $"/therapist/patients/{patient.Id}/course";
        // Session 1 took place an hour ago, so its note can be signed; session 2 is still to come.
        await app.BeganAgoAsync(sessions[0], TimeSpan.FromHours(1));
        var session1 = $"{course}/sessions/{sessions[0].Id}";
        var session2 = $"{course}/sessions/{sessions[1].Id}";
        using var therapistBrowser = app.NewClient();
        await therapistBrowser.SignInAsync(therapist);

        // Session 1: the note with its task, and a decision analysis opened from it with two options and a plan.
        var signed = await therapistBrowser.PostFormAsync(session1, Fields(("Form.Version", "0"), ("Form.MoodSinceLastTime", "Low after the rows"),
            ("Form.BetweenSessionTask", "Notice when the evenings go well")), session1 + "?handler=Sign");
        Assert.Equal(HttpStatusCode.Redirect, signed.Status);
        var opened = await therapistBrowser.PostFormAsync(session1, Fields(("Problem", "Who puts the children to bed")), session1 + "?handler=OpenDecision");
        Assert.Equal(HttpStatusCode.Redirect, opened.Status);
        var decisionUrl = opened.Location!;
        var decisionId = Guid.Parse(decisionUrl[(decisionUrl.LastIndexOf('/') + 1)..]);
        foreach (var (option, pros, cons) in new[] { ("Take turns nightly", "Fair", "Sam works late on Thursdays"), ("Ask my mother on Thursdays", "She offered", "Sam's pride") })
        {
            var form = await therapistBrowser.GetAsync(decisionUrl);
            var added = await therapistBrowser.PostFormAsync(decisionUrl, Fields(("DecisionVersion", form.HiddenValue("DecisionVersion")), ("OptionText", option),
                ("Pros", pros), ("Cons", cons)), decisionUrl + "?handler=AddOption");
            Assert.Equal(HttpStatusCode.Redirect, added.Status);
        }
        var options = await app.QueryAsync(async db => (await db.DecisionAnalyses.AsNoTracking().SingleAsync(d => d.Id == decisionId)).Options.ToList());
        var turns = options.Single(o => o.Text == "Take turns nightly");
        var chosen = await therapistBrowser.PostFormAsync(decisionUrl, Fields(("DecisionVersion", (await therapistBrowser.GetAsync(decisionUrl)).HiddenValue("DecisionVersion")),
            ("OptionId", turns.Id.ToString()), ("Plan", "Propose turns to Sam on Sunday evening, after the children are asleep")), decisionUrl + "?handler=Choose");
        Assert.Equal(HttpStatusCode.Redirect, chosen.Status);

        // The patient sees the plan and the task, and reports back once.
        using var patientBrowser = app.NewClient();
        await patientBrowser.SignInAsync(patient);
        var plan = await patientBrowser.GetAsync("/my-plan");
        Assert.Equal(HttpStatusCode.OK, plan.Status);
        Assert.Contains("Notice when the evenings go well", plan.Words, StringComparison.Ordinal);
        Assert.Contains("Propose turns to Sam on Sunday evening, after the children are asleep", plan.Words, StringComparison.Ordinal);
        Assert.Contains($"href=\"/my-plan/tasks/{decisionId}\"", plan.Html, StringComparison.Ordinal);
        var task = $"/my-plan/tasks/{decisionId}";
        var report = await patientBrowser.PostFormAsync(task, Fields(("Tried", "true"), ("WhatHappened", "Sam agreed to three nights"), ("HowItFelt", "Relieved, a bit nervous")));
        Assert.Equal(HttpStatusCode.Redirect, report.Status);
        Assert.Contains("Thank you. Your therapist will see this", (await patientBrowser.GetAsync(report.Location!)).Words, StringComparison.Ordinal);
        var again = await patientBrowser.PostFormAsync(task, Fields(("Tried", "false"), ("WhatHappened", "Changed my mind")));
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Contains("How this plan went has already been recorded.", again.Words, StringComparison.Ordinal);

        // Session 2: the report is on the agenda; the therapist records the adjustment there.
        var note2 = await therapistBrowser.GetAsync(session2);
        Assert.Contains(" of 16", note2.Words, StringComparison.Ordinal);
        Assert.Contains("Notice when the evenings go well", note2.Words, StringComparison.Ordinal);
        Assert.Contains("Propose turns to Sam on Sunday evening", note2.Words, StringComparison.Ordinal);
        Assert.Contains("What happened: Sam agreed to three nights", note2.Words, StringComparison.Ordinal);
        Assert.Contains("reported by the patient in the portal", note2.Words, StringComparison.Ordinal);
        var adjusted = await therapistBrowser.PostFormAsync(session2, Fields(("DecisionId", decisionId.ToString()), ("DecisionVersion", note2.HiddenValue("DecisionVersion")),
            ("Adjustment", "Keep the three nights; Thursdays still open")), session2 + "?handler=Adjust");
        Assert.Equal(HttpStatusCode.Redirect, adjusted.Status);
        Assert.Contains("No plan is waiting to be talked through.", (await therapistBrowser.GetAsync(adjusted.Location!)).Words, StringComparison.Ordinal);

        // A second try, and the history of what has been learned.
        var mother = options.Single(o => o.Text == "Ask my mother on Thursdays");
        var second = await therapistBrowser.PostFormAsync(decisionUrl, Fields(("DecisionVersion", (await therapistBrowser.GetAsync(decisionUrl)).HiddenValue("DecisionVersion")),
            ("OptionId", mother.Id.ToString()), ("Plan", "Ring my mother on Monday about Thursdays")), decisionUrl + "?handler=Choose");
        Assert.Equal(HttpStatusCode.Redirect, second.Status);
        var history = await therapistBrowser.GetAsync(decisionUrl);
        Assert.Contains("Try 1: Take turns nightly", history.Words, StringComparison.Ordinal);
        Assert.Contains("Tried: Sam agreed to three nights", history.Words, StringComparison.Ordinal);
        Assert.Contains("Adjustment: Keep the three nights; Thursdays still open", history.Words, StringComparison.Ordinal);
        Assert.Contains("Try 2: Ask my mother on Thursdays", history.Words, StringComparison.Ordinal);
        Assert.Contains("Ring my mother on Monday about Thursdays", (await patientBrowser.GetAsync("/my-plan")).Words, StringComparison.Ordinal);

        var decision = await app.QueryAsync(db => db.DecisionAnalyses.AsNoTracking().SingleAsync(d => d.Id == decisionId));
        Assert.Equal(2, decision.Tries.Count);
        Assert.Equal((true, "Sam agreed to three nights", FeedbackSource.Patient), (decision.Tries[0].Tried!.Value, decision.Tries[0].WhatHappened, decision.Tries[0].ReportedBy!.Value));
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.DecisionFeedbackGiven && e.UserId == patient.Id && e.PatientId == patient.Id)));
    }

    [Fact]
    public async Task AReportAsToldInSessionIsRecordedByTheTherapistWhenThePatientDidNotUseThePortal()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await app.CourseInMiddlePhaseAsync(therapist, patient);
        var decisionId = await PlanOutAsync(patient, "Ask Sam for Tuesdays");
        var url = $"/therapist/patients/{patient.Id}/course/decisions/{decisionId}";
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var form = await browser.GetAsync(url);
        var told = await browser.PostFormAsync(url, Fields(("DecisionVersion", form.HiddenValue("DecisionVersion")), ("Tried", "false"), ("WhatHappened", "No moment felt right")),
            url + "?handler=Report");

        Assert.Equal(HttpStatusCode.Redirect, told.Status);
        var page = await browser.GetAsync(told.Location!);
        Assert.Contains("as told in session", page.Words, StringComparison.Ordinal);
        Assert.Contains("did not try it.", page.Words, StringComparison.Ordinal);
        Assert.Equal(FeedbackSource.Therapist, (await app.QueryAsync(db => db.DecisionAnalyses.AsNoTracking().SingleAsync(d => d.Id == decisionId))).CurrentTry!.ReportedBy);
    }

    [Fact]
    public async Task APatientGetsNotFoundForAnotherPatientsPlanAndCannotReportOnIt()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await app.CourseInMiddlePhaseAsync(therapist, patient);
        var decisionId = await PlanOutAsync(patient, "Ask Sam for Tuesdays");
        var other = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();
        await browser.SignInAsync(other);

        var page = await browser.GetAsync($"/my-plan/tasks/{decisionId}");
        var post = await browser.PostFormAsync("/safety-plan/edit", Fields(("Tried", "true"), ("WhatHappened", "Not mine")), $"/my-plan/tasks/{decisionId}");
        var own = await browser.GetAsync("/my-plan");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.DoesNotContain("Ask Sam for Tuesdays", page.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, post.Status);
        Assert.False((await app.QueryAsync(db => db.DecisionAnalyses.AsNoTracking().SingleAsync(d => d.Id == decisionId))).CurrentTry!.HasFeedback);
        Assert.Contains("You do not have a course of therapy yet.", own.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("Ask Sam for Tuesdays", own.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEmptyPlanIsRefusedBesideItsBoxWithTheOptionKeptAndNothingStored()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await app.CourseInMiddlePhaseAsync(therapist, patient);
        var (decisionId, optionId) = await app.WithServiceAsync(async (_, db) =>
        {
            var now = app.Clock.GetUtcNow();
            var decision = DecisionAnalysis.Open(await db.TreatmentCourses.SingleAsync(c => c.PatientId == patient.Id), "The evenings", null, now);
            var option = decision.AddOption("Talk to Sam", null, null, now);
            db.DecisionAnalyses.Add(decision);
            await db.SaveChangesAsync();
            return (decision.Id, option.Id);
        });
        var url = $"/therapist/patients/{patient.Id}/course/decisions/{decisionId}";
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);
        var form = await browser.GetAsync(url);

        var page = await browser.PostFormAsync(url, Fields(("DecisionVersion", form.HiddenValue("DecisionVersion")), ("OptionId", optionId.ToString()), ("Plan", "  \r\n ")),
            url + "?handler=Choose");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("<p class=\"field-error\" id=\"plan-error\" role=\"alert\">Write the plan: what, when and with whom.</p>", page.Html, StringComparison.Ordinal);
        Assert.Contains($"type=\"radio\" id=\"option-{optionId}\" value=\"{optionId}\" checked=\"checked\"", page.Html, StringComparison.Ordinal);
        Assert.Empty((await app.QueryAsync(db => db.DecisionAnalyses.AsNoTracking().SingleAsync(d => d.Id == decisionId))).Tries);
        Assert.False(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.DecisionAnalysisSaved && e.Detail == "option chosen"
            && e.PatientId == patient.Id)));
    }

    [Fact]
    public async Task APatientWhoDoesNotSayWhetherTheyTriedItIsAskedBesideTheQuestionWithTheirWordsKept()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await app.CourseInMiddlePhaseAsync(therapist, patient);
        var decisionId = await PlanOutAsync(patient, "Ask Sam for Tuesdays");
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);
        var task = $"/my-plan/tasks/{decisionId}";

        var page = await browser.PostFormAsync(task, Fields(("WhatHappened", "Sam was away all week")));

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("<p class=\"field-error\" id=\"tried-error\" role=\"alert\">Choose yes or no: did you try it?</p>", page.Html, StringComparison.Ordinal);
        Assert.Contains("Sam was away all week</textarea>", page.Html, StringComparison.Ordinal);
        Assert.False((await app.QueryAsync(db => db.DecisionAnalyses.AsNoTracking().SingleAsync(d => d.Id == decisionId))).CurrentTry!.HasFeedback);
        Assert.False(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.DecisionFeedbackGiven && e.PatientId == patient.Id)));
    }

    private Task<Guid> PlanOutAsync(TestAccount patient, string plan) => app.WithServiceAsync(async (_, db) =>
    {
        var now = app.Clock.GetUtcNow();
        var course = await db.TreatmentCourses.SingleAsync(c => c.PatientId == patient.Id);
        var decision = DecisionAnalysis.Open(course, "The evenings", null, now);
        decision.Choose(decision.AddOption("Talk to Sam", null, null, now).Id, plan, now);
        db.DecisionAnalyses.Add(decision);
        await db.SaveChangesAsync();
        return decision.Id;
    });
}

public sealed class FeedbackLoopTestsOnSqlite(SqliteApp app) : FeedbackLoopTests(app);

public sealed class FeedbackLoopTestsOnPostgres(PostgresApp app) : FeedbackLoopTests(app);
