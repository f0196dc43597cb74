using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.CareRelationships;

namespace Rapport.IntegrationTests.Features.CareRelationships;

/// <summary>Starting points for the care pages' tests, reached through the relationship's own transitions.</summary>
internal static class CareSteps
{
    /// <summary>
    /// An enquiry whose first conversation was yesterday (so the clinician may decide now), or at the given time; as a
    /// booking would open it, without the booking.
    /// </summary>
    public static Task<Guid> OpenEnquiryAsync(this RapportApp app, TestAccount therapist, TestAccount patient, DateTimeOffset? firstConversationAt = null) =>
        app.QueryAsync(async db =>
        {
            var now = app.Clock.GetUtcNow();
            var enquiry = CareRelationship.OpenEnquiry(patient.Id, therapist.Id, firstConversationAt ?? now.AddDays(-1), now.AddDays(-2));
            db.CareRelationships.Add(enquiry);
            await db.SaveChangesAsync();
            return enquiry.Id;
        });

    /// <summary>The therapist has offered to take the patient into care after their first conversation; the patient has not confirmed.</summary>
    public static async Task<Guid> OfferAsync(this RapportApp app, TestAccount therapist, TestAccount patient)
    {
        var id = await app.OpenEnquiryAsync(therapist, patient);
        await app.QueryAsync(async db =>
        {
            (await db.CareRelationships.SingleAsync(r => r.Id == id)).OfferCare(therapist.Id, app.Clock.GetUtcNow());
            return await db.SaveChangesAsync();
        });
        return id;
    }

    public static Task<CareRelationship> RelationshipAsync(this RapportApp app, Guid id) =>
        app.QueryAsync(db => db.CareRelationships.AsNoTracking().SingleAsync(r => r.Id == id));

    public static Task<Guid> RelationshipIdAsync(this RapportApp app, TestAccount therapist, TestAccount patient) =>
        app.QueryAsync(db => db.CareRelationships.Where(r => r.ClinicianId == therapist.Id && r.PatientId == patient.Id)
            .OrderByDescending(r => r.OpenedAt).Select(r => r.Id).FirstAsync());

    /// <summary>Gives the account a name of its own (test accounts share a prefix), so a page can be searched for this person.</summary>
    public static Task<string> NameAsync(this RapportApp app, TestAccount account, string first) =>
        app.QueryAsync(async db =>
        {
            var name = $"{first} {account.Id.ToString("N")[..6]}";
            (await db.Users.SingleAsync(u => u.Id == account.Id)).DisplayName = name;
            await db.SaveChangesAsync();
            return name;
        });
}
