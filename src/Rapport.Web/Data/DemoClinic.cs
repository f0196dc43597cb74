using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.Therapists;

namespace Rapport.Web.Data;

/// <summary>
/// Development only: a fictional clinic so a newcomer can sign in as any role at once.
/// Seeded when the database has no accounts; every start prints the sign-ins.
/// Staff come with TOTP enrolled and their secret printed, so the demo and tests can produce codes.
/// </summary>
public static class DemoClinic
{
    public const string Domain = "demo.rapport.test";

    private sealed record DemoTherapist(string Name, string Email, string Zone, string Country, string[] Languages, string[] Specialties, string Bio,
        TrainingLevel Training = TrainingLevel.Certified, string[]? AlsoPractisesIn = null);

    // A patient books only therapists who may practise in their country (Therapists readme, rule 5): every demo patient
    // below has one (Alex in the US books Amina, Lucía and Sarah in the walk-throughs, Nadia in Britain sees Fatima).
    private static readonly DemoTherapist[] Therapists =
    [
        new("Dr Amina Okafor", "amina.okafor", "Africa/Lagos", "NG", ["en", "fr"], ["depression", "perinatal"], "IPT-certified psychologist working with mothers and families across West Africa.", TrainingLevel.Supervisor, ["GH", "SN", "US"]),
        new("Dr Lucía Fernández", "lucia.fernandez", "Europe/Madrid", "ES", ["es", "en"], ["depression", "adolescents"], "Clinical psychologist; IPT-A for teenagers and their parents.",
            AlsoPractisesIn: ["US"]),
        new("Jonas Becker", "jonas.becker", "Europe/Berlin", "DE", ["de", "en"], ["depression", "group"], "Psychotherapist running individual and group IPT."),
        new("Priya Raman", "priya.raman", "Asia/Kolkata", "IN", ["hi", "ta", "en"], ["depression", "anxiety"], "Counselling psychologist trained in IPT; works with rural clients by phone.", TrainingLevel.Trained),
        new("Dr Kenji Watanabe", "kenji.watanabe", "Asia/Tokyo", "JP", ["ja", "en"], ["bipolar", "depression"], "Psychiatrist; interpersonal and social rhythm therapy."),
        new("Sarah O'Connell", "sarah.oconnell", "America/New_York", "US", ["en"], ["depression", "ptsd"], "Licensed clinical social worker; IPT supervisor.", TrainingLevel.Supervisor),
        new("Mariana Costa", "mariana.costa", "America/Sao_Paulo", "BR", ["pt", "es"], ["perinatal", "eating-disorders"], "Psicóloga; IPT for perinatal depression."),
        new("Dr Tom Whitfield", "tom.whitfield", "Australia/Sydney", "AU", ["en"], ["depression", "adolescents"], "Clinical psychologist in regional New South Wales."),
        new("Fatima Al-Sayed", "fatima.alsayed", "Asia/Dubai", "AE", ["ar", "en"], ["depression", "anxiety"], "IPT-trained counsellor working in Arabic and English.",
            AlsoPractisesIn: ["GB"]),
    ];

    public static async Task SeedAsync(IServiceProvider services, ILogger log, string password, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<RapportUser>>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();

        if (!await db.Users.AnyAsync(ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var admin = await CreateAsync(users, "Clinic Admin", "admin", "Europe/London", "GB", "en", Roles.Admin, password, now);
            foreach (var t in Therapists)
            {
                var user = await CreateAsync(users, t.Name, t.Email, t.Zone, t.Country, t.Languages[0], Roles.Therapist, password, now);
                var profile = TherapistProfile.Create(user.Id, t.Bio, t.Languages, t.Specialties, [t.Country, .. t.AlsoPractisesIn ?? []], t.Training);
                profile.Submit();
                profile.Approve(admin.Id, now);
                db.TherapistProfiles.Add(profile);
                db.BookingPolicies.Add(BookingPolicy.Default(user.Id));
                // Weekdays 09:00–12:00 and 14:00–17:00 in the therapist's own zone.
                foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
                {
                    db.AvailabilityWindows.Add(AvailabilityWindow.Create(user.Id, day, new TimeOnly(9, 0), new TimeOnly(12, 0)));
                    db.AvailabilityWindows.Add(AvailabilityWindow.Create(user.Id, day, new TimeOnly(14, 0), new TimeOnly(17, 0)));
                }
            }
            // Patients' phones are from ranges set aside for fiction (US 555-0100–0199, UK Ofcom 020 7946 0xxx, Australia
            // ACMA 0491 570 xxx), so a demo can never ring a real person. Brazil and India publish no such range, so those
            // two have UK fiction numbers; any booking needs one (Booking readme, rule 13).
            await CreateAsync(users, "Alex Rivera", "alex.rivera", "America/Chicago", "US", "en", Roles.Patient, password, now, "+1 312 555 0142");
            await CreateAsync(users, "Nadia Haddad", "nadia.haddad", "Europe/London", "GB", "ar", Roles.Patient, password, now, "+44 20 7946 0123");
            await CreateAsync(users, "Liam Byrne", "liam.byrne", "Australia/Sydney", "AU", "en", Roles.Patient, password, now, "+61 491 570 156");
            // Care relationships in the other states (Data/DemoCare.cs): discharged, and declined then an open enquiry.
            await CreateAsync(users, "Ana Souza", "ana.souza", "America/Sao_Paulo", "BR", "pt", Roles.Patient, password, now, "+44 20 7946 0456");
            await CreateAsync(users, "Arjun Mehta", "arjun.mehta", "Asia/Kolkata", "IN", "hi", Roles.Patient, password, now, "+44 20 7946 0789");
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            log.LogInformation("Seeded the demo clinic.");
        }

        await DemoHistory.SeedAsync(db, now, log, ct);
        await DemoCourses.SeedAsync(db, now, log, ct);
        await DemoCare.SeedAsync(db, now, log, ct);

        var demo = await db.Users.AsNoTracking().Where(u => u.Email!.EndsWith("@" + Domain)).OrderBy(u => u.Email).ToListAsync(ct);
        var lines = new List<string> { "Demo sign-ins (Development only):" };
        foreach (var u in demo)
        {
            var roles = string.Join(",", await users.GetRolesAsync(u));
            var key = u.TwoFactorEnabled ? await users.GetAuthenticatorKeyAsync(u) : null;
            lines.Add($"  {roles,-9} {u.Email}  password: {password}{(key is null ? "" : $"  totp-secret: {key}")}");
        }
        // Printed straight to the console, not the log: these lines are for the person who just typed `dotnet run`.
        Console.WriteLine(string.Join(Environment.NewLine, lines));
    }

    private static async Task<RapportUser> CreateAsync(UserManager<RapportUser> users, string name, string local, string zone,
        string country, string language, string role, string password, DateTimeOffset now, string? phone = null)
    {
        var email = $"{local}@{Domain}";
        var user = new RapportUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name,
            TimeZoneId = zone,
            CountryCode = country,
            PreferredLanguage = language,
            CreatedAt = now,
        };
        if (phone is not null)
        {
            user.ChangePhoneNumber(phone);
        }
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRoleAsync(user, role));
        if (role != Roles.Patient)
        {
            Check(await users.ResetAuthenticatorKeyAsync(user));
            Check(await users.SetTwoFactorEnabledAsync(user, true));
        }
        return user;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Demo seed failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
