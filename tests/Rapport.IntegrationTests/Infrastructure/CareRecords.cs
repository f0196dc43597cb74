using Microsoft.Extensions.DependencyInjection;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Booking;

namespace Rapport.IntegrationTests.Infrastructure;

/// <summary>A patient in a therapist's care, and their clinical record, written through the app's own services and entities.</summary>
public static class CareRecords
{
    /// <summary>A practice therapist and a new patient with one session booked between them (so the therapist is theirs).</summary>
    public static async Task<(TestAccount Therapist, TestAccount Patient)> PatientInCareAsync(this RapportApp app)
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        var patient = await app.CreateAccountAsync(Roles.Patient);
        await app.BookAsync(patient, therapist);
        return (therapist, patient);
    }

    /// <summary>The patient answers a questionnaire themself, as the questionnaire page or the API would submit it.</summary>
    public static async Task<AssessmentService.Outcome> AnswerAsync(this RapportApp app, TestAccount patient, string instrumentId, params int?[] answers)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AssessmentService>()
            .SubmitAsync(patient.Id, callerIsTherapist: false, new AssessmentService.Submission(patient.Id, instrumentId, answers, null), CancellationToken.None);
    }

    /// <summary>PHQ-9 answers adding up to <paramref name="total"/> with item 9 as given (difficulty: somewhat).</summary>
    public static int?[] Phq9(int total, int item9 = 0)
    {
        var answers = new int?[10];
        var left = total - item9;
        for (var i = 0; i < 8; i++)
        {
            answers[i] = Math.Min(3, left);
            left -= answers[i]!.Value;
        }
        answers[8] = item9;
        answers[9] = 1;
        return answers;
    }

    /// <summary>An intake with a move and a job change before the low mood began.</summary>
    public static async Task<Intake> CompleteIntakeAsync(this RapportApp app, TestAccount patient, string whatBringsYou)
    {
        var now = app.Clock.GetUtcNow();
        var thisMonth = new DateOnly(now.Year, now.Month, 1);
        var intake = Intake.Complete(patient.Id, new Intake.Details(whatBringsYou, thisMonth.AddMonths(-4), "Counselling in 2019.", "None.",
            "Kim Example", "Sister", "+49 30 1234567", "DE", "Berlin, Neukölln"), now);
        await app.QueryAsync(async db =>
        {
            db.Intakes.Add(intake);
            db.LifeEvents.Add(LifeEvent.Record(patient.Id, LifeEventKind.Move, thisMonth.AddMonths(-6), "Moved from Hamburg for work.", patient.Id, now));
            db.LifeEvents.Add(LifeEvent.Record(patient.Id, LifeEventKind.NewJobOrSchool, thisMonth.AddMonths(-5), null, patient.Id, now));
            foreach (var kind in Enum.GetValues<ConsentKind>())
            {
                db.Consents.Add(Consent.Give(patient.Id, kind, now));
            }
            return await db.SaveChangesAsync();
        });
        return intake;
    }
}
