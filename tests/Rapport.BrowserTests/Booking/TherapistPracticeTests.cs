using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Rapport.BrowserTests.Platform;
using Rapport.Web.Data;
using Rapport.Web.Features;
using Rapport.Web.Features.Booking;
using static Microsoft.Playwright.Assertions;

namespace Rapport.BrowserTests.Booking;

/// <summary>A therapist on their phone: their availability, their week, their profile and calendar address.</summary>
public sealed class TherapistPracticeTests(RapportApp app, Chromium chromium) : IClassFixture<RapportApp>
{
    [Fact]
    public async Task ATherapistAddsHoursAndTimeOffAndSeesTheBookedSessionInTheirWeekOnAPhone()
    {
        var (start, startLocal, weeksAhead) = await BookDemoSessionAsync();
        await using var context = await chromium.NewPhoneContextAsync(app);
        var page = await context.NewPageAsync();
        await page.SignInAsAsync(app, DemoAccount.Therapist);

        await page.GetByRole(AriaRole.Link, new() { Name = "Change your availability" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your availability");
        var addHours = page.GetByRole(AriaRole.Form, new() { Name = "Add weekly hours" });
        await addHours.GetByLabel("Day").SelectOptionAsync("Saturday");
        await addHours.GetByLabel("From").FillAsync("10:00");
        await addHours.GetByLabel("Until").FillAsync("12:00");
        await addHours.GetByRole(AriaRole.Button, new() { Name = "Add hours" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Added Saturdays 10:00–12:00.");
        await Expect(page.GetByTestId("weekly-hours")).ToContainTextAsync("Saturday 10:00–12:00");

        // Time off over the booked session lists it and cancels nothing until the therapist confirms.
        var addChange = page.GetByRole(AriaRole.Form, new() { Name = "Add time off or extra hours" });
        await addChange.GetByLabel("Time off").CheckAsync();
        await addChange.GetByLabel("From").FillAsync(startLocal.AddHours(-1).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await addChange.GetByLabel("Until").FillAsync(startLocal.AddHours(3).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await addChange.GetByLabel("Note for yourself").FillAsync("training day");
        await addChange.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Booked sessions inside your time off" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("affected-sessions")).ToContainTextAsync("Alex Rivera");
        await Expect(page.GetByTestId("affected-sessions")).ToContainTextAsync(start);
        await PhoneScreen.AssertFitsAsync(page);
        await Screenshots.SaveAsync(page, "therapist-availability");
        AccessibilityTests.AssertNoViolations(await page.RunAxe(AccessibilityTests.Wcag22AA));

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Calendar" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your week");
        for (var i = 0; i < weeksAhead; i++)
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Next week →" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"week={i + 1}$"));
        }

        var session = page.GetByTestId("appointment").Filter(new() { HasText = "Alex Rivera" });
        await Expect(session).ToBeVisibleAsync();
        await Expect(session).ToContainTextAsync(start);
        await Expect(session).ToContainTextAsync("Booked"); // the time off cancelled nothing by itself
        await Expect(session.Locator("summary")).ToContainTextAsync("Cancel");
        await PhoneScreen.AssertFitsAsync(page);
        await Screenshots.SaveAsync(page, "therapist-week");
        AccessibilityTests.AssertNoViolations(await page.RunAxe(AccessibilityTests.Wcag22AA));
    }

    /// <summary>
    /// Alex Rivera (demo patient) books Dr Amina Okafor's first free time through the app's own booking
    /// service; returns its start on her wall clock ("14:00") and how many weeks ahead of this one it is.
    /// </summary>
    private async Task<(string Start, DateTime StartLocal, int WeeksAhead)> BookDemoSessionAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var booking = scope.ServiceProvider.GetRequiredService<BookingService>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var therapist = await db.Users.AsNoTracking().SingleAsync(u => u.Email == DemoAccount.Therapist.Email);
        var patient = await db.Users.AsNoTracking().SingleAsync(u => u.Email == DemoAccount.Patient.Email);
        var slot = (await booking.SlotsAsync(therapist.Id, now, now.AddDays(14), CancellationToken.None))[0];
        var appointment = await booking.BookAsync(patient.Id, therapist.Id, slot.StartUtc, AppointmentKind.Assessment, CancellationToken.None);

        var zone = TimeZoneInfo.FindSystemTimeZoneById(therapist.TimeZoneId);
        var weeks = (WallClock.MondayOf(WallClock.Today(appointment.StartUtc, zone)).DayNumber - WallClock.MondayOf(WallClock.Today(now, zone)).DayNumber) / 7;
        var local = WallClock.Local(appointment.StartUtc, zone);
        return (TimeText.Time(local), local, weeks);
    }

    [Theory]
    [InlineData("therapist", "/therapist/profile", "Your profile")]
    [InlineData("therapist", "/account/calendar", "Your appointments in your calendar app")]
    public async Task PageFitsAPhoneAndHasNoSeriousAccessibilityViolations(string role, string path, string heading)
    {
        await using var context = await chromium.NewPhoneContextAsync(app);
        var page = await context.NewPageAsync();
        await page.SignInAsAsync(app, DemoAccount.ByRole(role));

        await page.GotoAsync(path);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading);
        await PhoneScreen.AssertFitsAsync(page);
        await Screenshots.SaveAsync(page, $"{role}{path.Replace('/', '-')}");
        AccessibilityTests.AssertNoViolations(await page.RunAxe(AccessibilityTests.Wcag22AA));
    }

    [Fact]
    public async Task AnAdminReviewsAProfileWaitingForApprovalOnAPhone()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // Jonas Becker rewrites his bio and sends it again, so his profile waits for the clinic.
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var jonas = await db.Users.SingleAsync(u => u.Email == $"jonas.becker@{DemoClinic.Domain}");
            var profile = await db.TherapistProfiles.SingleAsync(p => p.UserId == jonas.Id);
            profile.Edit(profile.Bio + " Evening sessions for people who work days.", profile.LanguageList.ToArray(), profile.SpecialtyList.ToArray(),
                profile.CountryList.ToArray(), profile.Training, profile.AcceptingNewPatients);
            profile.Submit();
            await db.SaveChangesAsync();
        }
        await using var context = await chromium.NewPhoneContextAsync(app);
        var page = await context.NewPageAsync();
        await page.SignInAsAsync(app, DemoAccount.Admin);

        await page.GetByRole(AriaRole.Link, new() { Name = "Review profiles" }).ClickAsync();
        var jonasCard = page.GetByRole(AriaRole.Region, new() { Name = "Jonas Becker" });
        await Expect(jonasCard).ToContainTextAsync("Evening sessions for people who work days.");
        await page.GetByText("Send back to Jonas Becker").ClickAsync();
        await Expect(jonasCard.GetByLabel("What should change?")).ToBeVisibleAsync();
        await PhoneScreen.AssertFitsAsync(page);
        await Screenshots.SaveAsync(page, "admin-therapists");
        AccessibilityTests.AssertNoViolations(await page.RunAxe(AccessibilityTests.Wcag22AA));

        await jonasCard.GetByRole(AriaRole.Button, new() { Name = "Approve and list" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Jonas Becker is now listed in the directory.");
    }

    [Fact]
    public async Task ATherapistMakesACalendarAddressAndSeesItOnce()
    {
        await using var context = await chromium.NewPhoneContextAsync(app);
        var page = await context.NewPageAsync();
        await page.SignInAsAsync(app, DemoAccount.Therapist);

        await page.GotoAsync("/account/calendar");
        await page.GetByRole(AriaRole.Button, new() { Name = "Make my private address" }).ClickAsync();

        var address = await page.GetByLabel("Calendar address").InputValueAsync();
        Assert.StartsWith(app.BaseUrl + "/calendar/", address, StringComparison.Ordinal);
        await PhoneScreen.AssertFitsAsync(page);
        await Screenshots.SaveAsync(page, "therapist-calendar-address");
        AccessibilityTests.AssertNoViolations(await page.RunAxe(AccessibilityTests.Wcag22AA));
        using var http = new HttpClient();
        Assert.Contains("BEGIN:VCALENDAR", await http.GetStringAsync(address), StringComparison.Ordinal);
    }
}
