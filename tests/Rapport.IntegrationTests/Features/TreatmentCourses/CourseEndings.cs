using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.TreatmentCourses;

namespace Rapport.IntegrationTests.Features.TreatmentCourses;

/// <summary>Courses near their end, written through the app's own entities (a 4-session contract with two sessions held, so termination can begin).</summary>
public static partial class CourseEndings
{
    public static async Task<Guid> CourseInTerminationAsync(this RapportApp app, TestAccount therapist, TestAccount patient)
    {
        var courseId = await app.CourseInMiddlePhaseAsync(therapist, patient, sessions: 4);
        await app.HoldUntilTheEndingAsync(courseId);
        await app.WithServiceAsync(async (_, db) =>
        {
            var course = await db.TreatmentCourses.SingleAsync(c => c.Id == courseId);
            course.BeginTermination(app.Clock.GetUtcNow());
            return await db.SaveChangesAsync();
        });
        return courseId;
    }

    /// <summary>A completed review with one warning sign and the PHQ-9 from 19 at the start to <paramref name="endOfAcutePhq9"/>.</summary>
    public static Task<Guid> CompleteReviewAsync(this RapportApp app, Guid courseId, TestAccount therapist, MaintenanceDecision decision, int endOfAcutePhq9 = 3) =>
        app.WithServiceAsync(async (_, db) =>
        {
            var now = app.Clock.GetUtcNow();
            var course = await db.TreatmentCourses.SingleAsync(c => c.Id == courseId);
            var review = TerminationReview.Start(course, now);
            review.Edit(new TerminationReview.Details([new("PHQ-9", 19, endOfAcutePhq9)], "I can say what I need without a row",
                [new("Staying in bed at weekends", "Phone my sister and plan a walk")], [], "My sister Ana, 0171 555 0101", decision, null), now);
            review.Complete(therapist.Id, now);
            db.TerminationReviews.Add(review);
            await db.SaveChangesAsync();
            return review.Id;
        });

    /// <summary>A course in maintenance (monthly, 12 months from next month) whose acute course ended with the given PHQ-9.</summary>
    public static async Task<Guid> CourseInMaintenanceAsync(this RapportApp app, TestAccount therapist, TestAccount patient, int endOfAcutePhq9)
    {
        var courseId = await app.CourseInTerminationAsync(therapist, patient);
        var reviewId = await app.CompleteReviewAsync(courseId, therapist, MaintenanceDecision.Maintenance, endOfAcutePhq9);
        await app.WithServiceAsync(async (_, db) =>
        {
            var now = app.Clock.GetUtcNow();
            var course = await db.TreatmentCourses.SingleAsync(c => c.Id == courseId);
            var review = await db.TerminationReviews.SingleAsync(r => r.Id == reviewId);
            var plan = MaintenancePlan.Create(course, review, MaintenanceFrequency.Monthly, 12, DateOnly.FromDateTime(now.UtcDateTime.AddMonths(1)), now);
            course.BeginMaintenance(review, plan, now);
            db.MaintenancePlans.Add(plan);
            return await db.SaveChangesAsync();
        });
        return courseId;
    }

    /// <summary>The version a form carries in its hidden field (the first one of that name on the page).</summary>
    public static string HiddenValue(this Visitor.Page page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var match = Regex.Match(page.Html, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"");
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException($"No hidden field {name} on the page.");
    }

    private static readonly string[] ClinicalWords =
        ["PHQ", "relapse", "deteriorat", "severe", "score", "depress", "suicid", "harm", "questionnaire", "risk", "alert"];

    /// <summary>A course's e-mail names neither the patient (name, address, id) nor anything clinical, in its subject or its body.</summary>
    public static async Task AssertSaysNothingClinicalAsync(this RapportApp app, MimeMessage mail, TestAccount patient)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var text = $"{mail.Subject}\n{mail.TextBody}\n{mail.HtmlBody}";
        Assert.All(ClinicalWords, word => Assert.DoesNotContain(word, text, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(await app.DisplayNameAsync(patient), text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(patient.Email, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(patient.Id.ToString(), text, StringComparison.OrdinalIgnoreCase);
    }
}
