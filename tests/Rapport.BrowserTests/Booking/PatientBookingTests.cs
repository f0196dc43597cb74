using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Rapport.BrowserTests.Platform;
using Rapport.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace Rapport.BrowserTests.Booking;

/// <summary>A patient on a phone finds a therapist and books a first conversation, without a line of JavaScript on our side.</summary>
public sealed partial class PatientBookingTests(RapportApp app, Chromium chromium) : IClassFixture<RapportApp>
{
    private const string Lucia = "Dr Lucía Fernández";

    [Fact]
    public async Task APatientFiltersTheDirectoryBooksAFirstAppointmentAndSeesItInTheirAppointments()
    {
        await using var context = await chromium.NewPhoneContextAsync(app);
        var page = await context.NewPageAsync();
        await page.SignInAsAsync(app, DemoAccount.Patient);
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });

        await nav.GetByRole(AriaRole.Link, new() { Name = "Find a therapist" }).ClickAsync();
        await page.GetByLabel("Language").SelectOptionAsync(new SelectOptionValue { Label = "Español (Spanish)" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show therapists" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/therapists\?language=es"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = Lucia })).ToBeVisibleAsync();
        // Mariana speaks Spanish too, but may practise in Brazil only: Alex lives in the United States.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = "Therapists licensed for the United States" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = "Mariana Costa" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = "Jonas Becker" })).ToHaveCountAsync(0);
        await Expect(page.GetByText("Times are shown in your time zone, Central Time (Chicago).")).ToBeVisibleAsync();
        await PhoneScreen.AssertFitsAsync(page);
        await Screenshots.SaveAsync(page, "booking-1-directory");

        await page.GetByRole(AriaRole.Link, new() { Name = Lucia, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Lucia);
        var firstTime = page.GetByRole(AriaRole.Button, new() { NameRegex = BookButton() }).First;
        await Expect(firstTime).ToBeVisibleAsync();
        var chosen = (await firstTime.GetAttributeAsync("value"))!;
        await PhoneScreen.AssertFitsAsync(page);
        await Screenshots.SaveAsync(page, "booking-2-therapist-page");

        await firstTime.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/appointments/[0-9a-f-]{36}$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Booked.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"First conversation with {Lucia}");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Add to calendar (.ics)" })).ToBeVisibleAsync();
        await PhoneScreen.AssertFitsAsync(page);
        AccessibilityTests.AssertNoViolations(await page.RunAxe(AccessibilityTests.Wcag22AA));
        await Screenshots.SaveAsync(page, "booking-3-confirmation");

        await nav.GetByRole(AriaRole.Link, new() { Name = "Appointments" }).ClickAsync();
        var upcoming = page.GetByRole(AriaRole.Region, new() { Name = "Coming up" });
        await Expect(upcoming.GetByRole(AriaRole.Link, new() { NameRegex = new Regex($"with {Lucia}$") })).ToBeVisibleAsync();
        await Expect(upcoming).ToContainTextAsync("First conversation with " + Lucia);
        await PhoneScreen.AssertFitsAsync(page);
        AccessibilityTests.AssertNoViolations(await page.RunAxe(AccessibilityTests.Wcag22AA));
        await Screenshots.SaveAsync(page, "booking-4-appointments");

        var stored = await DemoTherapistAppointmentAsync("lucia.fernandez");
        Assert.Equal(DateTimeOffset.Parse(chosen, System.Globalization.CultureInfo.InvariantCulture), stored);
    }

    [Fact]
    public async Task TheDirectoryHasNoSeriousAccessibilityViolations()
    {
        await using var context = await chromium.NewPhoneContextAsync(app);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/therapists");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Find a therapist");
        // timezone.js keeps the phone's zone in a cookie and shows the page again in it (the context runs in Auckland).
        await Expect(page.GetByText("Times are shown in New Zealand Time (Auckland), this device's time zone.")).ToBeVisibleAsync();

        AccessibilityTests.AssertNoViolations(await page.RunAxe(AccessibilityTests.Wcag22AA));
        await PhoneScreen.AssertFitsAsync(page);
    }

    [Fact]
    public async Task TheMatchingFormAndItsSuggestionsHaveNoSeriousAccessibilityViolations()
    {
        await using var context = await chromium.NewPhoneContextAsync(app);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/therapists/match");
        AccessibilityTests.AssertNoViolations(await page.RunAxe(AccessibilityTests.Wcag22AA));
        await page.GetByLabel("Language you would like to talk in").SelectOptionAsync(new SelectOptionValue { Label = "Português (Portuguese)" });
        await page.GetByLabel("Weekday afternoons").CheckAsync();
        await page.GetByLabel("A change in my life").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Suggest therapists" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = "Suggested for you" })).ToBeVisibleAsync();
        await Expect(page.GetByText(new Regex("^Speaks Portuguese · "))).ToBeVisibleAsync();
        AccessibilityTests.AssertNoViolations(await page.RunAxe(AccessibilityTests.Wcag22AA));
        await PhoneScreen.AssertFitsAsync(page);
        await Screenshots.SaveAsync(page, "match-suggestions");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ATherapistsPageHasNoSeriousAccessibilityViolations(bool signedInAsPatient)
    {
        var id = await DemoTherapistIdAsync("amina.okafor");
        await using var context = await chromium.NewPhoneContextAsync(app);
        var page = await context.NewPageAsync();
        if (signedInAsPatient)
        {
            await page.SignInAsAsync(app, DemoAccount.Patient);
        }

        await page.GotoAsync($"/therapists/{id}?week=1");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Dr Amina Okafor");
        await Expect(signedInAsPatient
            ? page.GetByRole(AriaRole.Button, new() { NameRegex = BookButton() }).First
            : page.GetByRole(AriaRole.Link, new() { Name = "Sign in to book" })).ToBeVisibleAsync();

        AccessibilityTests.AssertNoViolations(await page.RunAxe(AccessibilityTests.Wcag22AA));
        await PhoneScreen.AssertFitsAsync(page);
        await Screenshots.SaveAsync(page, signedInAsPatient ? "therapist-page-patient" : "therapist-page-visitor");
    }

    private async Task<Guid> DemoTherapistIdAsync(string local)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Users.Where(u => u.Email == $"{local}@{DemoClinic.Domain}").Select(u => u.Id).SingleAsync();
    }

    private async Task<DateTimeOffset> DemoTherapistAppointmentAsync(string local)
    {
        var id = await DemoTherapistIdAsync(local);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return (await db.Appointments.Where(a => a.TherapistId == id).ToListAsync()).Single().StartUtc;
    }

    [GeneratedRegex("^Book ")]
    private static partial Regex BookButton();
}
