using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Rapport.BrowserTests.Platform;
using Rapport.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace Rapport.BrowserTests.Safety;

/// <summary>
/// The safety path end to end, in two browsers: the patient's risk answer, the crisis lines at once, the
/// therapist's alert and its acknowledgement, and the patient's plan one click away.
/// </summary>
public sealed class RiskAnswerTests(RapportApp app, Chromium chromium) : IClassFixture<RapportApp>
{
    [Fact]
    public async Task APatientsRiskAnswerReachesTheTherapistWhoAcknowledgesItAndThePlanIsOneClickAway()
    {
        await using var patientContext = await chromium.NewPhoneContextAsync(app);
        var patient = await patientContext.NewPageAsync();
        await patient.SignInAsAsync(app, DemoAccount.Patient);

        await patient.GotoAsync("/measures/phq-9");
        for (var item = 1; item <= 9; item++)
        {
            var question = patient.GetByRole(AriaRole.Group, new() { NameRegex = new System.Text.RegularExpressions.Regex($"^{item}\\. ") });
            await question.GetByLabel(item == 9 ? "More than half the days" : "Several days").CheckAsync();
        }
        await patient.GetByRole(AriaRole.Button, new() { Name = "Send my answers" }).ClickAsync();

        // The very next page leads with help: the US lines for this patient, as links a phone dials in one tap.
        await Expect(patient.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Help is here if you need it");
        await Expect(patient.GetByRole(AriaRole.Link, new() { Name = "Call 988" })).ToHaveAttributeAsync("href", "tel:988");
        await Expect(patient.GetByText("Your care team has been told")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(patient, "safety-1-patient-crisis-lines");

        await using var therapistContext = await chromium.NewPhoneContextAsync(app);
        var therapist = await therapistContext.NewPageAsync();
        await therapist.SignInAsAsync(app, DemoAccount.AlexsTherapist);
        await therapist.GetByRole(AriaRole.Link, new() { Name = "Alerts (1)" }).ClickAsync();

        await Expect(therapist.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Safety alerts");
        var alert = therapist.GetByRole(AriaRole.Article).Filter(new() { HasText = "Alex Rivera" }).Filter(new() { Has = therapist.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }) });
        await Expect(alert).ToContainTextAsync("High");
        await Expect(alert).ToContainTextAsync("PHQ-9 item 9 answered 2");
        AccessibilityTests.AssertNoSeriousViolations(await therapist.RunAxe());
        await PhoneScreen.AssertFitsAsync(therapist);
        await Screenshots.SaveAsync(therapist, "safety-2-therapist-alert");

        await alert.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        // A browser refuses an empty required note before it is sent; the server refuses a too-short one in words.
        await alert.GetByLabel("What did you do?").FillAsync("ok");
        await alert.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Expect(therapist.GetByRole(AriaRole.Alert).First).ToContainTextAsync("Write what you did");

        var open = therapist.GetByRole(AriaRole.Article).Filter(new() { HasText = "Alex Rivera" }).Filter(new() { Has = therapist.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }) });
        await open.GetByLabel("What did you do?").FillAsync("Called Alex within the hour; no plan or intent; safety plan reviewed together.");
        await open.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Expect(therapist.GetByRole(AriaRole.Heading, new() { Name = "Open (0)" })).ToBeVisibleAsync();
        await Expect(therapist.GetByText("Called Alex within the hour; no plan or intent; safety plan reviewed together.")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(therapist, "safety-3-therapist-acknowledged");

        // Back with the patient: from wherever they are, the plan is one click away.
        await patient.GotoAsync("/patient");
        await patient.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "My safety plan" }).ClickAsync();
        await Expect(patient.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("My safety plan");
        await Expect(patient.GetByText("Warning signs that a crisis may be starting")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(patient, "safety-4-patient-plan");

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var actions = await db.AuditEvents.AsNoTracking().Select(e => e.Action).ToListAsync();
        Assert.Contains("safety.alert-raised", actions);
        Assert.Contains("safety.alert-acknowledged", actions);
    }
}
