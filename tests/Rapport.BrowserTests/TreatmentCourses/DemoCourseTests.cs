using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Rapport.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace Rapport.BrowserTests.TreatmentCourses;

/// <summary>
/// The demo clinic shows a newcomer the whole path at once. Every course page opens on the seeded
/// courses (Alex in the middle phase, Nadia in maintenance) for the therapist and the patient, with what they
/// should see there.
/// </summary>
public sealed class DemoCourseTests(RapportApp app, Chromium chromium) : IClassFixture<RapportApp>
{
    [Fact]
    public async Task AlexsTherapistFindsTheMiddlePhaseWithNotesAPlanWaitingAndTheRoleDisputeAndAlexSeesHisPlan()
    {
        await using var laptop = await chromium.NewDesktopContextAsync(app);
        var sarah = await laptop.NewPageAsync();
        await sarah.SignInAsAsync(app, DemoAccount.AlexsTherapist);
        var course = $"/therapist/patients/{await UserIdAsync(DemoAccount.Patient)}/course";

        await OpenAsync(sarah, course, "Session 8 of 16");
        await Expect(sarah.Locator("main")).ToContainTextAsync("Who does what at home while I am out of work");
        foreach (var part in new[] { "inventory", "timeline", "formulation", "contract", "decisions", "termination" })
        {
            await OpenAsync(sarah, $"{course}/{part}", "Working on the focus (middle phase)");
        }
        await Expect(sarah.Locator("main")).Not.ToContainTextAsync("Something went wrong");
        await sarah.GotoAsync(course + "/formulation");
        await Expect(sarah.Locator("main")).ToContainTextAsync("Role dispute");
        await sarah.GotoAsync(course);
        await sarah.Locator($"a[href^='{course}/sessions/']").First.ClickAsync();
        await Expect(sarah.Locator("main")).ToContainTextAsync("Mood and symptoms since last time");

        await using var phone = await chromium.NewPhoneContextAsync(app);
        var alex = await phone.NewPageAsync();
        await alex.SignInAsAsync(app, DemoAccount.Patient);
        await OpenAsync(alex, "/my-plan", "A conflict with someone important");
        await Expect(alex.Locator("main")).ToContainTextAsync("Tell your therapist how it went");
        await PhoneScreen.AssertFitsAsync(alex);
        foreach (var part in new[] { "people", "formulation", "contract" })
        {
            await OpenAsync(alex, $"/my-plan/{part}", "Jordan");
            await PhoneScreen.AssertFitsAsync(alex);
        }
    }

    [Fact]
    public async Task NadiasTherapistFindsMaintenanceAfterTheReviewAndNadiaKeepsHerWarningSigns()
    {
        await using var laptop = await chromium.NewDesktopContextAsync(app);
        var fatima = await laptop.NewPageAsync();
        await fatima.SignInAsAsync(app, DemoAccount.NadiasTherapist);
        var course = $"/therapist/patients/{await UserIdAsync(DemoAccount.Nadia)}/course";

        await OpenAsync(fatima, course, "Staying well (maintenance)");
        await OpenAsync(fatima, course + "/termination", "I can talk about Mama now");
        await OpenAsync(fatima, course + "/maintenance", "Monthly");

        await using var phone = await chromium.NewPhoneContextAsync(app);
        var nadia = await phone.NewPageAsync();
        await nadia.SignInAsAsync(app, DemoAccount.Nadia);
        await OpenAsync(nadia, "/my-plan", "Staying well (maintenance)");
        await OpenAsync(nadia, "/my-plan/review", "Call Omar and go to Sunday lunch anyway");
        await PhoneScreen.AssertFitsAsync(nadia);
    }

    /// <summary>Opens a page and checks it answered 200 and shows <paramref name="text"/>.</summary>
    private static async Task OpenAsync(IPage page, string url, string text)
    {
        var response = await page.GotoAsync(url);
        Assert.Equal(200, response?.Status);
        await Expect(page.Locator("main")).ToContainTextAsync(new Regex(Regex.Escape(text)));
    }

    private async Task<Guid> UserIdAsync(DemoAccount account)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Users.Where(u => u.Email == account.Email).Select(u => u.Id).SingleAsync();
    }
}
