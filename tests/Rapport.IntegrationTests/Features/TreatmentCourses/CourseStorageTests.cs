using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.TreatmentCourses;

namespace Rapport.IntegrationTests.Features.TreatmentCourses;

/// <summary>
/// Issue 5: the whole record of a course is stored and read back as written, and its clinical free text is unreadable
/// in the database (what a copy of the database file would show).
/// </summary>
public abstract class CourseStorageTests(RapportApp app)
{
    private async Task<(Guid CourseId, Guid NoteId, Guid DecisionId, Guid ReviewId)> WholeCourseAsync()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var appointment = await app.BookAsync(patient, therapist, TimeSpan.FromDays(9));
        var courseId = await app.CourseInMiddlePhaseAsync(therapist, patient, sessions: 4);
        return await app.WithServiceAsync(async (_, db) =>
        {
            var now = app.Clock.GetUtcNow();
            var course = await db.TreatmentCourses.SingleAsync(c => c.Id == courseId);
            var note = SessionNote.Start(course, appointment.Id, therapist.Id, now);
            note.Edit(new SessionNote.Content("Low on Monday after the row", "Row with Sam about bedtime", "Renegotiation of the evenings", null,
                [Technique.Clarification], new CommunicationAnalysis("You never help", "I am exhausted", "Angry, then guilty", "Ask for Tuesdays"),
                "Ask Sam for one evening a week"), therapist.Id, now);
            note.Sign(therapist.Id, now);
            note.Amend("Sam's mother was visiting that week", therapist.Id, now);
            var decision = DecisionAnalysis.Open(course, "Who puts the children to bed", note.Id, now);
            var option = decision.AddOption("Take turns nightly", "Fair", "Sam works late on Thursdays", now);
            decision.Choose(option.Id, "Propose turns on Sunday evening", now);
            decision.ReportBack(true, "Sam agreed to three nights", "Relieved", FeedbackSource.Patient, now);
            course.BeginTermination(now);
            var review = TerminationReview.Start(course, now);
            review.Edit(new TerminationReview.Details([new("PHQ-9", 19, 6)], "I can say what I need without a row",
                [new("Staying in bed at weekends", "Phone my sister and plan a walk")], [new("Sam's new job", "Agree the evenings again")],
                "My sister Ana, 0171 555 0101", MaintenanceDecision.Maintenance, "Monthly for a year"), now);
            review.Complete(therapist.Id, now);
            var plan = MaintenancePlan.Create(course, review, MaintenanceFrequency.Monthly, 12, DateOnly.FromDateTime(now.UtcDateTime.AddMonths(1)), now);
            course.BeginMaintenance(review, plan, now);
            db.SessionNotes.Add(note);
            db.DecisionAnalyses.Add(decision);
            db.TerminationReviews.Add(review);
            db.MaintenancePlans.Add(plan);
            await db.SaveChangesAsync();
            return (courseId, note.Id, decision.Id, review.Id);
        });
    }

    [Fact]
    public async Task AWholeCourseReadsBackAsWritten()
    {
        var (courseId, _, _, _) = await WholeCourseAsync();

        var file = await app.WithServiceAsync(async (service, db) =>
            await service.FileAsync(await db.TreatmentCourses.AsNoTracking().SingleAsync(c => c.Id == courseId), CancellationToken.None));

        Assert.Equal(CoursePhase.Maintenance, file.Course.Phase);
        Assert.Equal(4, file.Course.ContractedSessions);
        Assert.Equal([CoursePhase.Initial, CoursePhase.Middle, CoursePhase.Termination, CoursePhase.Maintenance], file.Course.History.Select(h => h.To));
        Assert.Equal("Sam", Assert.Single(file.Inventory!.People).Name);
        Assert.Equal(["Talk with Sam about the evenings without a row", "Share the childcare fairly"], file.Formulation!.Goals);
        Assert.Equal(DisputeStage.Renegotiation, file.Formulation.PrimaryStage);
        Assert.Single(file.Formulation.LinkedPersonIds);
        var contract = Assert.Single(file.Contracts);
        Assert.True(contract.IsSignedByBoth);
        Assert.Equal(["A conflict with someone important (renegotiation)"], contract.Foci);
        Assert.Equal(ContractRoles.Default.Patient, contract.Roles.Patient);
        Assert.True(contract.Contingencies.NoShowsCount);
        var note = Assert.Single(file.Notes);
        Assert.Equal("I am exhausted", note.CommunicationAnalysis!.WhatWasMeant);
        Assert.Equal([Technique.Clarification, Technique.CommunicationAnalysis], note.Techniques);
        Assert.Equal("Sam's mother was visiting that week", Assert.Single(note.Amendments).Text);
        Assert.Equal("Ask Sam for one evening a week", file.CurrentTask);
        var decision = Assert.Single(file.Decisions);
        Assert.Equal("Sam agreed to three nights", Assert.Single(decision.Tries).WhatHappened);
        Assert.True(decision.IsOnNextAgenda);
        Assert.Equal("Phone my sister and plan a walk", Assert.Single(file.Review!.WarningSigns).WhatToDo);
        Assert.Equal(6, file.Review.EndOfAcutePhq9);
        Assert.Equal(6, file.Maintenance!.EndOfAcutePhq9);
    }

    [Fact]
    public async Task TheDatabaseHoldsNoNoteInventoryOrReviewTextInClear()
    {
        var (courseId, noteId, decisionId, reviewId) = await WholeCourseAsync();

        string?[] raw =
        [
            await app.RawTextAsync("SessionNotes", "InterpersonalEvents", "Id", noteId),
            await app.RawTextAsync("SessionNotes", "CaWhatWasSaid", "Id", noteId),
            await app.RawTextAsync("SessionNotes", "BetweenSessionTask", "Id", noteId),
            await app.RawTextAsync("NoteAmendment", "Text", "NoteId", noteId),
            await app.RawTextAsync("Formulations", "Goals", "CourseId", courseId),
            await app.RawTextAsync("Formulations", "TriggerEvent", "CourseId", courseId),
            await app.RawTextAsync("TreatmentContracts", "Goals", "CourseId", courseId),
            await app.RawTextAsync("DecisionAnalyses", "Problem", "Id", decisionId),
            await app.RawTextAsync("DecisionTry", "WhatHappened", "DecisionId", decisionId),
            await app.RawTextAsync("TerminationReviews", "GainsInOwnWords", "Id", reviewId),
            await app.RawTextAsync("TerminationReviewWarningSigns", "Sign", "ReviewId", reviewId),
        ];
        var person = await app.QueryAsync(db => db.InterpersonalInventories.Where(i => i.CourseId == courseId).Select(i => i.Id).SingleAsync());
        var rawPerson = await app.RawTextAsync("InventoryPerson", "UnsatisfyingAspects", "InventoryId", person);

        string[] secrets = ["Sam", "row", "exhausted", "never help", "evening", "children", "bed", "without a row", "weekends"];
        foreach (var text in raw.Append(rawPerson))
        {
            Assert.False(string.IsNullOrEmpty(text));
            Assert.DoesNotContain(secrets, s => text!.Contains(s, StringComparison.OrdinalIgnoreCase));
        }
    }
}

public sealed class CourseStorageTestsOnSqlite(SqliteApp app) : CourseStorageTests(app);

public sealed class CourseStorageTestsOnPostgres(PostgresApp app) : CourseStorageTests(app);
