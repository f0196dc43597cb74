using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.Therapists;

namespace Rapport.IntegrationTests.Infrastructure;


/// <summary>A therapist listed in the directory, bookable every day.</summary>
public sealed record ListedTherapist(TestAccount Account, string Name)
{
    public Guid Id => Account.Id;
}

public static class ListedTherapists
{
    /// <summary>Every day 07:00–21:00 in the therapist's zone (Europe/Berlin): whatever the hour the tests run, a free time is near.</summary>
    public static readonly TimeOnly DayStarts = new(7, 0);
    public static readonly TimeOnly DayEnds = new(21, 0);

    /// <summary>
    /// The one way tests list a therapist, the way the clinic does, through the domain methods: an approved profile, a
    /// booking policy and the same weekly hours every day in the therapist's zone. The helpers below only choose values.
    /// </summary>
    internal static async Task<TestAccount> ListTherapistAsync(this RapportApp app, TestAccount account, string? zone, string? displayName, string bio,
        string[] languages, string[] conditions, string[] countries, TrainingLevel training, bool acceptingNewPatients, Action<BookingPolicy> policy, TimeOnly from, TimeOnly to)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var user = await db.Users.SingleAsync(u => u.Id == account.Id);
        user.TimeZoneId = zone ?? user.TimeZoneId;
        user.DisplayName = displayName ?? user.DisplayName;
        var profile = TherapistProfile.Create(account.Id, bio, languages, conditions, countries, training);
        if (!acceptingNewPatients)
        {
            profile.Edit(profile.Bio, languages, conditions, countries, training, acceptingNewPatients: false);
        }
        profile.Submit();
        profile.Approve(Guid.NewGuid(), app.Clock.GetUtcNow());
        db.TherapistProfiles.Add(profile);
        var rules = BookingPolicy.Default(account.Id);
        policy(rules);
        db.BookingPolicies.Add(rules);
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            db.AvailabilityWindows.Add(AvailabilityWindow.Create(account.Id, day, from, to));
        }
        await db.SaveChangesAsync();
        return account;
    }

    /// <summary>
    /// A therapist with a unique name (so pages can be searched for it), bookable 07:00–21:00 every day (Europe/Berlin),
    /// who may practise in Germany and Austria unless <paramref name="countries"/> says otherwise (test patients live in Germany).
    /// </summary>
    public static async Task<ListedTherapist> CreateListedTherapistAsync(this RapportApp app, string[] languages, string[] conditions,
        bool acceptingNewPatients = true, int minimumNoticeHours = 12, int cancellationNoticeHours = 24, string[]? countries = null)
    {
        var account = await app.CreateAccountAsync(Roles.Therapist);
        // The id's random end, not its start: a version-7 id begins with the time, so two therapists made in the same
        // quarter second would share a name and a test could not tell them apart.
        var name = $"Dr Test {account.Id.ToString("N")[^10..]}";
        await app.ListTherapistAsync(account, null, name, "Trained in IPT; works with adults by video and phone.", languages, conditions, countries ?? ["DE", "AT"], TrainingLevel.Certified,
            acceptingNewPatients, p => p.Change(sessionMinutes: 50, bufferMinutes: 10, minimumNoticeHours, horizonDays: 120, cancellationNoticeHours), DayStarts, DayEnds);
        return new ListedTherapist(account, name);
    }

    /// <summary>
    /// A therapist whose approved profile is listed, with the given weekly hours (every day by default)
    /// in their zone and a policy with no minimum notice, so tests can book near "now".
    /// </summary>
    public static async Task<TestAccount> CreateListedTherapistAsync(this RapportApp app, string zone = "UTC",
        TimeOnly? from = null, TimeOnly? to = null, int noticeHours = 0, IEnumerable<string>? languages = null, int sessionMinutes = 50, int bufferMinutes = 10) =>
        await app.ListTherapistAsync(await app.CreateAccountAsync(Roles.Therapist), zone, null, "Works with IPT.", [.. languages ?? ["en"]], ["depression"], ["DE"],
            TrainingLevel.Trained, acceptingNewPatients: true, p => p.Change(sessionMinutes, bufferMinutes, noticeHours, 180, 24),
            from ?? new TimeOnly(0, 0), to ?? new TimeOnly(23, 59));

    /// <summary>The first offered slot at least <paramref name="after"/> from now.</summary>
    public static async Task<Slot> FirstSlotAsync(this RapportApp app, Guid therapistId, TimeSpan after)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var booking = scope.ServiceProvider.GetRequiredService<BookingService>();
        var from = app.Clock.GetUtcNow() + after;
        return (await booking.SlotsAsync(therapistId, from, from.AddDays(7), CancellationToken.None))[0];
    }
}
