using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Rapport.Web.Data;
using Rapport.Web.Features.Booking;
using static Microsoft.Playwright.Assertions;

namespace Rapport.BrowserTests.TreatmentCourses;

/// <summary>
/// A whole IPT course walked in Chromium by the demo's Liam Byrne (on a phone) and Dr Tom Whitfield (on a
/// laptop), in compressed time: where weeks pass, the test marks the next session as held, as the live call would.
/// Screenshots of the closeness circle, the timeline and the patient's plan are kept for review.
/// </summary>
/// <remarks>
/// It runs beside the live calls like the other page tests: they throttle only UDP (the media) and cut only their own
/// app's port (<see cref="LiveSessions.LoopbackNetwork"/>), and the walk makes no call and talks only to its own app.
/// Pages get 30 s each, as test machines are busy during the suite.
/// </remarks>
public sealed class CourseWalkTests(RapportApp app, Chromium chromium) : IClassFixture<RapportApp>
{
    private static readonly TimeZoneInfo Sydney = TimeZoneInfo.FindSystemTimeZoneById("Australia/Sydney");

    [Fact]
    public async Task ACourseRunsFromIntakeThroughTheContractAndTwoSessionsToTheEndingAndMaintenanceAndThePatientKeepsTheSummary()
    {
        await using var phone = await chromium.NewPhoneContextAsync(app);
        phone.SetDefaultTimeout(30_000);
        var liam = await phone.NewPageAsync();
        await liam.SignInAsAsync(app, DemoAccount.Liam);
        await using var laptop = await chromium.NewDesktopContextAsync(app);
        laptop.SetDefaultTimeout(30_000);
        var tom = await laptop.NewPageAsync();
        await tom.SignInAsAsync(app, DemoAccount.LiamsTherapist);
        var course = $"/therapist/patients/{await UserIdAsync(DemoAccount.Liam)}/course";

        // Intake: what brings him, his emergency contact, where he is, his consent.
        await liam.GotoAsync("/intake");
        await liam.GetByLabel("What brings you to therapy now?").FillAsync("We sold the farm in March. Since then I wake at four with nothing to do and Kate and I hardly talk.");
        var soldIn = DateTime.UtcNow.AddMonths(-8);
        var lowSince = DateTime.UtcNow.AddMonths(-6);
        await liam.Locator("#onset-month").SelectOptionAsync(lowSince.Month.ToString(CultureInfo.InvariantCulture));
        await liam.Locator("#onset-year").SelectOptionAsync(lowSince.Year.ToString(CultureInfo.InvariantCulture));
        await liam.Locator("#event-0-kind").SelectOptionAsync("Retirement");
        await liam.Locator("#event-0-month").SelectOptionAsync(soldIn.Month.ToString(CultureInfo.InvariantCulture));
        await liam.Locator("#event-0-year").SelectOptionAsync(soldIn.Year.ToString(CultureInfo.InvariantCulture));
        await liam.Locator("#event-0-description").FillAsync("Sold the family farm");
        await liam.Locator("#contact-name").FillAsync("Kate Byrne");
        await liam.Locator("#contact-relationship").FillAsync("Wife");
        await liam.Locator("#contact-phone").FillAsync("+61 2 6882 0000");
        await liam.Locator("#country").SelectOptionAsync("AU");
        await liam.Locator("#usual-location").FillAsync("Near Dubbo, NSW");
        foreach (var consent in await liam.Locator(".consent input[type=checkbox]").AllAsync())
        {
            await consent.CheckAsync();
        }
        await liam.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();
        await Expect(liam.Locator(".problem, .validation-summary-errors, [role=alert]")).ToHaveCountAsync(0);
        await Expect(liam).Not.ToHaveURLAsync(new Regex("/intake$"));

        // Before the session Liam adds one more person to the list he prepared.
        await liam.GotoAsync("/my-plan/people");
        await liam.GetByLabel("Name", new() { Exact = false }).First.FillAsync("Mick");
        await liam.GetByLabel("Who they are to me").FillAsync("Mate from the footy club");
        await liam.GetByLabel("How close I feel").SelectOptionAsync("2");
        await PhoneScreen.AssertFitsAsync(liam);
        await liam.GetByRole(AriaRole.Button, new() { Name = "Add to my list" }).ClickAsync();
        await Expect(liam.Locator("main")).ToContainTextAsync("Mick");

        // Tom goes through the list with him, marks the sale of the farm as the change, and completes it.
        await tom.GotoAsync(course + "/inventory");
        await Expect(tom.Locator("main")).ToContainTextAsync("Mick");
        await tom.GetByRole(AriaRole.Button, new() { Name = "Complete the inventory with the patient" }).ClickAsync();
        await Expect(tom.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("^Closeness circle") })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(tom, "course-1-closeness-circle");

        await tom.GotoAsync(course + "/timeline");
        await Expect(tom.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("^Life events, the start of low mood and the PHQ-9") })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(tom, "course-2-timeline");

        // The formulation: a role transition, in plain words for Liam.
        await tom.GotoAsync(course + "/formulation");
        await tom.Locator("input[name='Form.Areas'][value='RoleTransition']").CheckAsync();
        await tom.Locator("input[name='Form.Primary'][value='RoleTransition']").CheckAsync();
        await tom.GetByLabel("Trigger event").FillAsync("Sold the family farm after forty years.");
        await tom.Locator("#trigger-date").FillAsync(DateTime.UtcNow.AddMonths(-8).ToString("yyyy-MM-01", CultureInfo.InvariantCulture));
        await tom.Locator("#goals").FillAsync("Grieve the farm and the work it gave\nFind a new daily routine that matters\nTalk with Kate about what comes next");
        await tom.Locator("#wording").FillAsync("Your low mood began when you sold the farm: you lost your work, your routine and part of who you are. Together we will mourn that and build a new routine, with Kate.");
        await tom.GetByRole(AriaRole.Button, new() { Name = "Save the formulation" }).ClickAsync();
        await Expect(tom.Locator("main")).ToContainTextAsync("Waiting for the patient's agreement");

        // Liam reads it in plain words and agrees in the portal.
        await liam.GotoAsync("/my-plan/formulation");
        await Expect(liam.Locator("main")).ToContainTextAsync("A big change in life");
        await liam.GetByLabel("I have read this and agree to work on it.").CheckAsync();
        await liam.GetByRole(AriaRole.Button, new() { Name = "Confirm my agreement" }).ClickAsync();
        await Expect(liam.Locator("main")).ToContainTextAsync("You agreed");

        // The contract: four sessions, the series from a Monday at 10:00 in Sydney, signed by both.
        var firstSession = NextMondayAtTenInSydney();
        await tom.GotoAsync(course + "/contract");
        await tom.Locator("#c-count").FillAsync("4");
        await tom.Locator("#c-first").FillAsync(firstSession.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await tom.GetByRole(AriaRole.Button, new() { Name = "Save the draft" }).ClickAsync();
        await tom.Locator("#typed-name").FillAsync("Dr Tom Whitfield");
        await tom.GetByLabel("I have read this contract with the patient and agree to it.").CheckAsync();
        await tom.GetByRole(AriaRole.Button, new() { Name = "Sign the contract" }).ClickAsync();
        await liam.GotoAsync("/my-plan/contract");
        await liam.Locator("#typed-name").FillAsync("Liam Byrne");
        await liam.GetByLabel("I have read this contract and agree to it.").CheckAsync();
        await liam.GetByRole(AriaRole.Button, new() { Name = "Sign the contract" }).ClickAsync();
        await Expect(liam.Locator("#series-booked")).ToContainTextAsync("2 sessions are booked");
        await tom.GotoAsync(course + "/contract");
        await Expect(tom.Locator("#series-booked")).ToContainTextAsync("2 sessions booked");

        await tom.GotoAsync(course);
        await tom.GetByRole(AriaRole.Button, new() { Name = "Begin the middle phase" }).ClickAsync();
        await Expect(tom.Locator("#course-progress")).ToContainTextAsync("Working on the focus (middle phase)");
        var series = await SeriesAsync();
        Assert.Equal(2, series.Count);

        // First middle session: the note, and a brainstorm about the mornings with a plan to try.
        await HeldAsync(series[0], TimeSpan.FromHours(3));
        await tom.GotoAsync($"{course}/sessions/{series[0]}");
        await tom.GetByLabel("Mood and symptoms since last time").FillAsync("Still waking at four; mood low in the mornings.");
        await tom.GetByLabel("Interpersonal events linked to mood").FillAsync("A good day when Dan asked for help with the cattle.");
        await tom.GetByRole(AriaRole.Button, new() { Name = "Save and sign" }).ClickAsync();
        await tom.Locator("#decision-problem").FillAsync("The empty mornings since the sale");
        await tom.GetByRole(AriaRole.Button, new() { Name = "Open a decision analysis" }).ClickAsync();
        await tom.Locator("#option-text").FillAsync("Help Dan on his farm two mornings a week");
        await tom.Locator("#option-pros").FillAsync("Useful work, time with my son");
        await tom.Locator("#option-cons").FillAsync("It is not my farm any more");
        await tom.GetByRole(AriaRole.Button, new() { Name = "Add the option" }).ClickAsync();
        await tom.Locator("#option-text").FillAsync("Volunteer with the Landcare group");
        await tom.GetByRole(AriaRole.Button, new() { Name = "Add the option" }).ClickAsync();
        await tom.GetByLabel("Help Dan on his farm two mornings a week").CheckAsync();
        await tom.Locator("#plan").FillAsync("Ring Dan on Sunday and offer Tuesday and Friday mornings.");
        await tom.GetByRole(AriaRole.Button, new() { Name = "Choose this plan" }).ClickAsync();

        // Between sessions Liam tells Tom how it went.
        await liam.GotoAsync("/my-plan");
        await liam.GetByRole(AriaRole.Link, new() { Name = "Tell your therapist how it went" }).ClickAsync();
        await liam.GetByLabel("Yes", new() { Exact = true }).CheckAsync();
        await liam.GetByLabel("What happened?").FillAsync("Dan said yes. I fixed fences with him on Tuesday and Friday.");
        await liam.GetByLabel("How did it feel?").FillAsync("Tired and good. Kate said I looked like myself.");
        await liam.GetByRole(AriaRole.Button, new() { Name = "Send to my therapist" }).ClickAsync();

        // Second middle session: the report is on the agenda; Tom records what they learned.
        await HeldAsync(series[1], TimeSpan.FromHours(1));
        await tom.GotoAsync($"{course}/sessions/{series[1]}");
        await Expect(tom.Locator("#agenda")).ToContainTextAsync("I fixed fences with him on Tuesday and Friday.");
        await tom.Locator("#agenda textarea").FillAsync("Useful work with Dan lifts his mood; next, one morning a week with Landcare.");
        await tom.GetByRole(AriaRole.Button, new() { Name = "Record the adjustment" }).ClickAsync();
        await tom.GetByLabel("Mood and symptoms since last time").FillAsync("Better mornings on farm days.");
        await tom.GetByRole(AriaRole.Button, new() { Name = "Save and sign" }).ClickAsync();

        // The ending: one contracted session left, so termination; the review; monthly maintenance with its reason.
        await tom.GotoAsync(course);
        await Expect(tom.Locator("#course-progress")).ToContainTextAsync("Session 4 of 4");
        await tom.GetByRole(AriaRole.Button, new() { Name = "Begin the termination phase" }).First.ClickAsync();
        await tom.GotoAsync(course + "/termination");
        await tom.Locator("#gains").FillAsync("I have something to get up for, and Kate and I talk again.");
        await tom.Locator("#sign-0").FillAsync("Lying awake from four and staying in bed");
        await tom.Locator("#sign-do-0").FillAsync("Ring Dan and go out to the cattle; tell Kate");
        await tom.Locator("#contact").FillAsync("Kate, +61 2 6882 0000; Lifeline 13 11 14; 000 in an emergency");
        await tom.GetByLabel("Maintenance sessions", new() { Exact = true }).CheckAsync();
        await tom.GetByRole(AriaRole.Button, new() { Name = "Complete the review" }).ClickAsync();
        await tom.GetByRole(AriaRole.Link, new() { Name = "Plan the maintenance sessions" }).ClickAsync();
        await tom.Locator("#start").FillAsync(firstSession.AddDays(56).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await tom.Locator("#time").FillAsync("10:00");
        // Liam's PHQ-9 is not yet in remission, so monthly sessions need Tom's reason (TreatmentCourses readme, rule 27a).
        await Expect(tom.Locator("#not-in-remission")).ToContainTextAsync("not in remission");
        await tom.Locator("#not-remitted-reason").FillAsync("Better on farm days; monthly through the winter, fortnightly if the score has not fallen by the third.");
        await tom.GetByRole(AriaRole.Button, new() { Name = "Create the plan and book the sessions" }).ClickAsync();
        await Expect(tom.Locator("#course-progress")).ToContainTextAsync("Staying well (maintenance)");

        // Liam's plan: where he is, his focus, his warning signs; and the summary to keep.
        await liam.GotoAsync("/my-plan");
        await Expect(liam.Locator("main")).ToContainTextAsync("Staying well (maintenance)");
        await Expect(liam.Locator("main")).ToContainTextAsync("Your next check-in");
        await PhoneScreen.AssertFitsAsync(liam);
        await Screenshots.SaveAsync(liam, "course-3-my-plan");
        var download = await liam.RunAndWaitForDownloadAsync(() =>
            liam.GetByRole(AriaRole.Link, new() { Name = "Download my treatment summary (PDF)" }).ClickAsync());
        var pdf = await File.ReadAllBytesAsync(await download.PathAsync());
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5));
        Assert.Equal("treatment-summary.pdf", download.SuggestedFilename);
    }

    private static DateTime NextMondayAtTenInSydney()
    {
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Sydney).Date.AddDays(3);
        while (today.DayOfWeek != DayOfWeek.Monday)
        {
            today = today.AddDays(1);
        }
        return today.AddHours(10);
    }

    private async Task<Guid> UserIdAsync(DemoAccount account)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Users.Where(u => u.Email == account.Email).Select(u => u.Id).SingleAsync();
    }

    /// <summary>The appointments of the series booked when both signed, in order.</summary>
    private async Task<List<Guid>> SeriesAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var seriesId = await db.TreatmentCourses.Where(c => c.BookedSeriesId != null).Select(c => c.BookedSeriesId).SingleAsync();
        return await db.Appointments.Where(a => a.SeriesId == seriesId).OrderBy(a => a.StartUtc).Select(a => a.Id).ToListAsync();
    }

    /// <summary>Compressed time: the session took place (what ending the live call records, the course counting it in the same save).</summary>
    /// <summary>
    /// The booked session took place, in the past: the walk cannot wait a week between sessions, and a note is signed
    /// only once its session has begun. <paramref name="ago"/> keeps the two sessions in order.
    /// </summary>
    private async Task HeldAsync(Guid appointmentId, TimeSpan ago)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var outcomes = scope.ServiceProvider.GetRequiredService<AppointmentOutcomes>();
        var booked = await db.Appointments.AsNoTracking().SingleAsync(a => a.Id == appointmentId);
        // Hours back: the demo therapist's other booked session is days ahead (Data/DemoHistory.cs), so nothing overlaps.
        var start = DateTimeOffset.UtcNow - ago;
        await db.Appointments.Where(a => a.Id == appointmentId).ExecuteUpdateAsync(u => u
            .SetProperty(a => a.StartUtc, start).SetProperty(a => a.EndUtc, start + (booked.EndUtc - booked.StartUtc))
            .SetProperty(a => a.BlockedUntilUtc, start + (booked.BlockedUntilUtc - booked.StartUtc)));
        var appointment = await db.Appointments.SingleAsync(a => a.Id == appointmentId);
        appointment.MarkAttended(appointment.EndUtc);
        await outcomes.SettledAsync(appointment, CancellationToken.None);
        await db.SaveChangesAsync();
    }
}
