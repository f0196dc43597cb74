using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.CareRelationships;

namespace Rapport.IntegrationTests.Infrastructure;

/// <summary>A patient in a therapist's care, and their clinical record, written through the app's own services and entities.</summary>
public static class CareRecords
{
    /// <summary>A practice therapist responsible for a new patient (accepted into care), with one session booked between them.</summary>
    public static async Task<(TestAccount Therapist, TestAccount Patient)> PatientInCareAsync(this RapportApp app)
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        var patient = await app.CreateAccountAsync(Roles.Patient);
        await app.AcceptIntoCareAsync(therapist, patient);
        await app.BookAsync(patient, therapist);
        return (therapist, patient);
    }

    /// <summary>
    /// The therapist becomes responsible for the patient (nothing changes when they already are) through the relationship's own transitions: an enquiry whose
    /// first conversation was a week ago (or the one the patient's booking opened), the therapist's offer, and the
    /// patient's confirmation with consent to share the record.
    /// </summary>
    public static Task<Guid> AcceptIntoCareAsync(this RapportApp app, TestAccount therapist, TestAccount patient) =>
        app.QueryAsync(async db =>
        {
            var now = app.Clock.GetUtcNow();
            if (await db.CareRelationships.SingleOrDefaultAsync(r => r.PatientId == patient.Id && r.ClinicianId == therapist.Id
                && r.Status == CareStatus.Accepted) is { } already)
            {
                return already.Id;
            }
            var relationship = await db.CareRelationships.SingleOrDefaultAsync(r => r.PatientId == patient.Id && r.ClinicianId == therapist.Id
                && r.Status == CareStatus.Enquiry);
            if (relationship is null)
            {
                relationship = CareRelationship.OpenEnquiry(patient.Id, therapist.Id, now.AddDays(-7), now.AddDays(-8));
                db.CareRelationships.Add(relationship);
            }
            relationship.OfferCare(therapist.Id, relationship.FirstConversationAt > now ? relationship.FirstConversationAt.Value : now);
            relationship.Confirm(patient.Id, consentsToSharing: true, now);
            await db.SaveChangesAsync();
            return relationship.Id;
        });

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

    /// <summary>The clinic's admin assigns <paramref name="supervisor"/> to supervise <paramref name="therapist"/>, through the service the admin page uses.</summary>
    public static async Task AssignSupervisorAsync(this RapportApp app, TestAccount supervisor, TestAccount therapist)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CareRelationshipService>()
            .AssignSupervisorAsync(supervisor.Id, therapist.Id, Guid.Empty, CancellationToken.None);
    }
}
