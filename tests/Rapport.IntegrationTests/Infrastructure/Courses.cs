using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Web.Data;
using Rapport.Web.Features.TreatmentCourses;

namespace Rapport.IntegrationTests.Infrastructure;

/// <summary>IPT courses at a given point, written through the app's own service and entities (the same rules the pages use).</summary>
public static class Courses
{
    public static readonly InventoryPerson.Details Partner = new("Sam", "Partner", ContactFrequency.Daily, "Evenings at home", 1,
        "The children", "Money and his mother", "He makes me laugh", "We argue about the children every night, then nobody talks",
        "Help with the evenings", "Dinner ready on time", ExpectationsMet.NotMet, "Talk without shouting", "The rows began when I went back to work",
        false, ProblemArea.RoleDispute);

    public static async Task<T> WithServiceAsync<T>(this RapportApp app, Func<TreatmentCourseService, AppDbContext, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TreatmentCourseService>(), scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>A course in the initial phase with a completed inventory (one person) and a formulation the patient agreed.</summary>
    public static async Task<Guid> CourseWithAgreedFormulationAsync(this RapportApp app, TestAccount therapist, TestAccount patient)
    {
        var now = app.Clock.GetUtcNow();
        // Only the clinician responsible for the patient opens a course.
        await app.AcceptIntoCareAsync(therapist, patient);
        return await app.WithServiceAsync(async (service, db) =>
        {
            var course = await service.OpenAsync(therapist.Id, patient.Id, CancellationToken.None);
            course.BeginInitialPhase(now);
            var inventory = InterpersonalInventory.Start(course, now);
            var sam = inventory.AddPerson(Partner, InventoryEditor.Therapist, now);
            inventory.Complete(InventoryEditor.Therapist, therapist.Id, now);
            var formulation = Formulation.Write(course, new Formulation.Details([new(ProblemArea.RoleDispute, DisputeStage.Renegotiation)],
                "Went back to work in March; the rows with Sam began", DateOnly.FromDateTime(now.UtcDateTime.AddMonths(-3)), [sam.Id],
                ["Talk with Sam about the evenings without a row", "Share the childcare fairly"],
                "Your low mood began when the rows with Sam started after you went back to work."), inventory, therapist.Id, now);
            formulation.RecordAgreement(AgreementChannel.InSession, therapist.Id, now);
            db.InterpersonalInventories.Add(inventory);
            db.Formulations.Add(formulation);
            await db.SaveChangesAsync();
            return course.Id;
        });
    }

    /// <summary>Drafts the first contract (default terms, optionally a first session for the series) and returns its id.</summary>
    public static Task<Guid> DraftContractAsync(this RapportApp app, Guid courseId, int sessions = 16, DateTimeOffset? firstSessionAt = null) =>
        app.WithServiceAsync(async (_, db) =>
        {
            var now = app.Clock.GetUtcNow();
            var course = await db.TreatmentCourses.SingleAsync(c => c.Id == courseId);
            var formulation = await db.Formulations.SingleAsync(f => f.CourseId == courseId);
            var terms = TreatmentContract.Terms.Defaults(DateOnly.FromDateTime(now.UtcDateTime)) with { SessionCount = sessions, FirstSessionAt = firstSessionAt };
            var contract = TreatmentContract.Draft(course, formulation, terms, now);
            db.TreatmentContracts.Add(contract);
            await db.SaveChangesAsync();
            return contract.Id;
        });

    /// <summary>Both sign the contract through the service, therapist first; returns the patient's signature outcome.</summary>
    public static async Task<TreatmentCourseService.Signed> SignByBothAsync(this RapportApp app, Guid contractId, TestAccount therapist, TestAccount patient)
    {
        var therapistName = await app.DisplayNameAsync(therapist);
        var patientName = await app.DisplayNameAsync(patient);
        await app.WithServiceAsync((s, _) => s.SignContractAsync(contractId, therapist.Id, therapistName, true, CancellationToken.None));
        return await app.WithServiceAsync((s, _) => s.SignContractAsync(contractId, patient.Id, patientName, true, CancellationToken.None));
    }

    /// <summary>A course in the middle phase: agreed formulation, a contract signed by both, no series booked.</summary>
    public static async Task<Guid> CourseInMiddlePhaseAsync(this RapportApp app, TestAccount therapist, TestAccount patient, int sessions = 16)
    {
        var courseId = await app.CourseWithAgreedFormulationAsync(therapist, patient);
        var contractId = await app.DraftContractAsync(courseId, sessions);
        await app.SignByBothAsync(contractId, therapist, patient);
        await app.WithServiceAsync(async (_, db) =>
        {
            var course = await db.TreatmentCourses.SingleAsync(c => c.Id == courseId);
            var formulation = await db.Formulations.SingleAsync(f => f.CourseId == courseId);
            course.BeginMiddlePhase(formulation, app.Clock.GetUtcNow());
            return await db.SaveChangesAsync();
        });
        return courseId;
    }

    /// <summary>
    /// Records held sessions, a week apart before <paramref name="now"/> and with no appointment behind them, until the
    /// contract's ending window is reached, so termination can begin.
    /// </summary>
    public static void HoldUntilTheEnding(TreatmentCourse course, DateTimeOffset now)
    {
        for (var week = 1; course.RemainingSessions > course.TerminationWindow; week++)
        {
            course.RecordSessionHeld(Guid.NewGuid(), now.AddDays(-7 * week), now);
        }
    }

    /// <summary><see cref="HoldUntilTheEnding"/> for a stored course.</summary>
    public static Task HoldUntilTheEndingAsync(this RapportApp app, Guid courseId) =>
        app.WithServiceAsync(async (_, db) =>
        {
            var course = await db.TreatmentCourses.SingleAsync(c => c.Id == courseId);
            HoldUntilTheEnding(course, app.Clock.GetUtcNow());
            return await db.SaveChangesAsync();
        });

    public sealed record Whole(Guid CourseId, Guid NoteId, Guid DecisionId, Guid ReviewId);

    /// <summary>
    /// A whole course in maintenance: a 4-session contract (two sessions held, so termination can begin), one signed and amended
    /// note with a communication analysis, a decision analysis with a reported try, a completed termination review
    /// (PHQ-9 19 → 4, maintenance chosen) and a monthly maintenance plan.
    /// </summary>
    public static async Task<Whole> CourseInMaintenanceAsync(this RapportApp app, TestAccount therapist, TestAccount patient)
    {
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
            // A note is signed once its session has begun: this one at the end of its hour, nine days ahead.
            var signedAt = appointment.StartUtc.AddMinutes(50);
            note.Sign(therapist.Id, appointment.StartUtc, signedAt, riskRaised: false);
            note.Amend("Sam's mother was visiting that week", therapist.Id, signedAt);
            var decision = DecisionAnalysis.Open(course, "Who puts the children to bed", note.Id, now);
            var option = decision.AddOption("Take turns nightly", "Fair", "Sam works late on Thursdays", now);
            decision.Choose(option.Id, "Propose turns on Sunday evening", now);
            decision.ReportBack(true, "Sam agreed to three nights", "Relieved", FeedbackSource.Patient, now);
            HoldUntilTheEnding(course, now);
            course.BeginTermination(now);
            var review = TerminationReview.Start(course, now);
            review.Edit(new TerminationReview.Details([new("PHQ-9", 19, 4)], "I can say what I need without a row",
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
            return new Whole(courseId, note.Id, decision.Id, review.Id);
        });
    }

}
