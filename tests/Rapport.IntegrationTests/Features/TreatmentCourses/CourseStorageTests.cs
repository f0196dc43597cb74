using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.TreatmentCourses;

namespace Rapport.IntegrationTests.Features.TreatmentCourses;

/// <summary>
/// The whole record of a course is stored and read back as written, and its clinical free text is unreadable
/// in the database (what a copy of the database file would show).
/// </summary>
public abstract class CourseStorageTests(RapportApp app)
{
    private async Task<Courses.Whole> WholeCourseAsync()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        return await app.CourseInMaintenanceAsync(therapist, patient);
    }

    [Fact]
    public async Task AWholeCourseReadsBackAsWritten()
    {
        var courseId = (await WholeCourseAsync()).CourseId;

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
        Assert.Equal(["A conflict with someone important"], contract.Foci);
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
        Assert.Equal(4, file.Review.EndOfAcutePhq9);
        Assert.Equal(4, file.Maintenance!.EndOfAcutePhq9);
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

        // Phrases with a space: base64 ciphertext has none, so a match can only be text in clear.
        string[] secrets = ["Row with Sam", "Ask Sam", "never help", "a Saturday", "the children", "puts the children", "without a row",
            "in bed", "three nights", "Went back", "talk with Sam", "every night", "Renegotiation of"];
        foreach (var text in raw.Append(rawPerson))
        {
            Assert.False(string.IsNullOrEmpty(text));
            Assert.DoesNotContain(secrets, s => text!.Contains(s, StringComparison.OrdinalIgnoreCase));
        }
    }
}

public sealed class CourseStorageTestsOnSqlite(SqliteApp app) : CourseStorageTests(app);

public sealed class CourseStorageTestsOnPostgres(PostgresApp app) : CourseStorageTests(app);
