using Microsoft.Extensions.DependencyInjection;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.Therapists;

namespace Rapport.IntegrationTests.Infrastructure;

public static class ListedTherapists
{
    /// <summary>
    /// A therapist whose approved profile is listed, with the given weekly hours (every day by default)
    /// in their zone and a policy with no minimum notice, so tests can book near "now".
    /// </summary>
    public static async Task<TestAccount> CreateListedTherapistAsync(this RapportApp app, string zone = "UTC",
        TimeOnly? from = null, TimeOnly? to = null, int noticeHours = 0, IEnumerable<string>? languages = null)
    {
        var therapist = await app.CreateAccountAsync(Roles.Therapist);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var user = await db.Users.FindAsync(therapist.Id);
        user!.TimeZoneId = zone;
        var profile = TherapistProfile.Create(therapist.Id, "Works with IPT.", languages ?? ["en"], ["depression"], ["DE"]);
        profile.Submit();
        profile.Approve(Guid.NewGuid(), app.Clock.GetUtcNow());
        db.TherapistProfiles.Add(profile);
        var policy = BookingPolicy.Default(therapist.Id);
        policy.Change(50, 10, noticeHours, 180, 24);
        db.BookingPolicies.Add(policy);
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            db.AvailabilityWindows.Add(AvailabilityWindow.Create(therapist.Id, day, from ?? new TimeOnly(0, 0), to ?? new TimeOnly(23, 59)));
        }
        await db.SaveChangesAsync();
        return therapist;
    }

    /// <summary>The first offered slot at least <paramref name="after"/> from now.</summary>
    public static async Task<Slot> FirstSlotAsync(this RapportApp app, Guid therapistId, TimeSpan after)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var booking = scope.ServiceProvider.GetRequiredService<BookingService>();
        var from = app.Clock.GetUtcNow() + after;
        return (await booking.SlotsAsync(therapistId, from, from.AddDays(7), CancellationToken.None))[0];
    }
}
