using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Rapport.BrowserTests.Platform;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.CareRelationships;
using static Microsoft.Playwright.Assertions;

namespace Rapport.BrowserTests.CareRelationships;

/// <summary>
/// Care from both sides in Chromium: a new patient (on a phone) books a first conversation with Dr Lucía Fernández (on
/// a laptop), who sees only what the patient shared; after the conversation she accepts, the patient confirms and
/// consents, the record and the course open to her; at the end she discharges and keeps nothing but the history.
/// Compressed time: where the first conversation would take place, the test records it as held.
/// </summary>
public sealed class CareWalkTests(RapportApp app, Chromium chromium) : IClassFixture<RapportApp>
{
    private static readonly DemoAccount Lucia = new("therapist", $"lucia.fernandez@{DemoClinic.Domain}", "Dr Lucía Fernández", true, "/therapist");
    private const string PatientName = "Grace Mensah";
    private const string Password = "yam-harvest-lagoon-77";

    [Fact]
    public async Task APatientGoesFromAFirstConversationIntoCareAndIsDischargedAndBothSeeEachStep()
    {
        var (patientId, email) = await NewPatientAsync();
        var luciaId = await UserIdAsync(Lucia.Email);
        await using var phone = await chromium.NewPhoneContextAsync(app);
        phone.SetDefaultTimeout(30_000);
        var grace = await phone.NewPageAsync();
        await grace.SignInWithPasswordAsync(email, Password);
        await Expect(grace).ToHaveURLAsync(app.BaseUrl + "/patient");
        await using var laptop = await chromium.NewDesktopContextAsync(app);
        laptop.SetDefaultTimeout(30_000);
        var lucia = await laptop.NewPageAsync();
        await lucia.SignInAsAsync(app, Lucia);

        // Grace books a first conversation, told what it leads to.
        await grace.GotoAsync($"/therapists/{luciaId}");
        await Expect(grace.GetByText("This books a first conversation.").First).ToBeVisibleAsync();
        await grace.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Book ") }).First.ClickAsync();
        await Expect(grace).ToHaveURLAsync(new Regex(@"/appointments/[0-9a-f-]{36}$"));

        // Lucía sees the enquiry, and of the record only Grace's name and what brings her.
        await lucia.GotoAsync("/therapist/care");
        var first = lucia.GetByRole(AriaRole.Region, new() { Name = "First conversations" });
        await Expect(first.GetByRole(AriaRole.Article, new() { Name = PatientName })).ToBeVisibleAsync();
        await first.GetByRole(AriaRole.Link, new() { Name = PatientName }).ClickAsync();
        await Expect(lucia.GetByRole(AriaRole.Heading, new() { Name = "First conversation" })).ToBeVisibleAsync();
        await Expect(lucia.GetByRole(AriaRole.Heading, new() { Name = "Intake" })).ToHaveCountAsync(0);
        await Expect(lucia.GetByRole(AriaRole.Link, new() { Name = "IPT course" })).ToHaveCountAsync(0);
        await lucia.GotoAsync($"/therapist/patients/{patientId}/course");
        await Expect(lucia.Locator("main")).ToContainTextAsync("Page not found");

        // Compressed time: the first conversation took place.
        await FirstConversationHeldAsync(patientId, luciaId);

        await lucia.GotoAsync("/therapist/care");
        await lucia.GetByRole(AriaRole.Article, new() { Name = PatientName }).GetByRole(AriaRole.Button, new() { Name = "Accept into care" }).ClickAsync();
        await Expect(lucia.GetByRole(AriaRole.Region, new() { Name = "Waiting for the patient to confirm" })).ToContainTextAsync(PatientName);
        await Screenshots.SaveAsync(lucia, "care-1-therapist-offered");

        // Grace's home tells her; she confirms and consents to sharing her record.
        await grace.GotoAsync("/patient");
        await Expect(grace.GetByRole(AriaRole.Heading, new() { Name = $"{Lucia.Name} has offered to take you into care — confirm" })).ToBeVisibleAsync();
        await grace.GetByRole(AriaRole.Link, new() { Name = "Confirm or say no thanks" }).ClickAsync();
        await Expect(grace).ToHaveURLAsync(app.BaseUrl + "/patient/care");
        await PhoneScreen.AssertFitsAsync(grace);
        AccessibilityTests.AssertNoViolations(await grace.RunAxe(AccessibilityTests.Wcag22AA));
        await Screenshots.SaveAsync(grace, "care-2-patient-offer");
        await grace.GetByLabel($"I agree that {Lucia.Name} may read my record").CheckAsync();
        await grace.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Expect(grace.GetByRole(AriaRole.Heading, new() { Name = $"Your therapist: {Lucia.Name}" })).ToBeVisibleAsync();
        await grace.GotoAsync("/patient");
        await Expect(grace.GetByRole(AriaRole.Heading, new() { Name = $"Your therapist: {Lucia.Name}" })).ToBeVisibleAsync();
        await Expect(grace.GetByText("book a first conversation")).ToHaveCountAsync(0);
        await PhoneScreen.AssertFitsAsync(grace);
        await Screenshots.SaveAsync(grace, "care-3-patient-home-in-care");

        // Lucía now reads the record and opens a course.
        await lucia.GotoAsync("/therapist/care");
        var inCare = lucia.GetByRole(AriaRole.Region, new() { Name = "In your care" }).GetByRole(AriaRole.Article, new() { Name = PatientName });
        await inCare.GetByRole(AriaRole.Link, new() { Name = "IPT course" }).ClickAsync();
        await lucia.GetByRole(AriaRole.Button, new() { Name = "Open an IPT course" }).ClickAsync();
        await Expect(lucia.Locator("main")).ToContainTextAsync("Assessment");
        await lucia.GotoAsync($"/therapist/patients/{patientId}");
        await Expect(lucia.GetByRole(AriaRole.Heading, new() { Name = "Intake" })).ToBeVisibleAsync();

        // The ending: Lucía discharges with a reason; the course ends with the care.
        await lucia.GotoAsync("/therapist/care");
        inCare = lucia.GetByRole(AriaRole.Region, new() { Name = "In your care" }).GetByRole(AriaRole.Article, new() { Name = PatientName });
        await inCare.Locator("summary", new() { HasText = "Discharge" }).ClickAsync();
        await inCare.GetByLabel("Why care ends").FillAsync("Referred to the community mental health team nearer home, as agreed together.");
        await inCare.GetByRole(AriaRole.Button, new() { Name = $"Discharge {PatientName}" }).ClickAsync();
        await Expect(lucia.GetByRole(AriaRole.Region, new() { Name = "Former patients" }).First).ToContainTextAsync(PatientName);
        await Expect(lucia.GetByRole(AriaRole.Region, new() { Name = "In your care" })).Not.ToContainTextAsync(PatientName);
        AccessibilityTests.AssertNoViolations(await lucia.RunAxe(AccessibilityTests.Wcag22AA));
        await Screenshots.SaveAsync(lucia, "care-4-therapist-discharged");
        await lucia.GotoAsync($"/therapist/patients/{patientId}");
        await Expect(lucia.Locator("main")).ToContainTextAsync("Page not found");

        // Grace sees the history, and her home offers the way to a therapist again.
        await grace.GotoAsync("/patient/care");
        await Expect(grace.GetByRole(AriaRole.Heading, new() { Name = $"Your therapist: {Lucia.Name}" })).ToHaveCountAsync(0);
        await Expect(grace.GetByRole(AriaRole.Region, new() { Name = "History of your care" })).ToContainTextAsync(Lucia.Name);
        await PhoneScreen.AssertFitsAsync(grace);
        await Screenshots.SaveAsync(grace, "care-5-patient-history");
        Assert.Equal(CareStatus.Discharged, await StatusAsync(patientId, luciaId));
        Assert.Equal(Rapport.Web.Features.TreatmentCourses.CoursePhase.EndedEarly, await CoursePhaseAsync(patientId));
    }

    private async Task<(Guid Id, string Email)> NewPatientAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<RapportUser>>();
        var email = $"grace.{Guid.NewGuid():N}@example.com";
        var user = new RapportUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = PatientName,
            // Lucía may practise in Spain only (demo seed), and a patient books only where the therapist may practise.
            TimeZoneId = "Europe/Madrid",
            CountryCode = "ES",
            // Fictional (Ofcom's drama range): a first conversation needs the patient's phone.
            PhoneNumber = "+442079460321",
            PreferredLanguage = "en",
            CreatedAt = DateTimeOffset.UtcNow,
        };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Patient)).Succeeded);
        return (user.Id, email);
    }

    private async Task<Guid> UserIdAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    /// <summary>Compressed time: the first conversation was held (as ending the call records) and its time has passed.</summary>
    private async Task FirstConversationHeldAsync(Guid patientId, Guid clinicianId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var appointment = await db.Appointments.SingleAsync(a => a.PatientId == patientId && a.TherapistId == clinicianId);
        appointment.MarkAttended(appointment.EndUtc);
        var enquiry = await db.CareRelationships.SingleAsync(r => r.PatientId == patientId && r.ClinicianId == clinicianId);
        enquiry.FirstConversationBooked(DateTimeOffset.UtcNow.AddMinutes(-50));
        await db.SaveChangesAsync();
    }

    private async Task<CareStatus> StatusAsync(Guid patientId, Guid clinicianId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().CareRelationships
            .Where(r => r.PatientId == patientId && r.ClinicianId == clinicianId).Select(r => r.Status).SingleAsync();
    }

    private async Task<Rapport.Web.Features.TreatmentCourses.CoursePhase> CoursePhaseAsync(Guid patientId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().TreatmentCourses
            .Where(c => c.PatientId == patientId).Select(c => c.Phase).SingleAsync();
    }
}
