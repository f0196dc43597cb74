using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Rapport.BrowserTests.Platform;
using Rapport.Web.Data;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.CareRelationships;
using Rapport.Web.Features.Safety;
using static Microsoft.Playwright.Assertions;

namespace Rapport.BrowserTests.Safety;

/// <summary>
/// The safety net end to end, in three browsers: the patient's risk answer and help at once; the therapist's view of
/// the risk in the clinical workspace; nobody takes the alert on, so it escalates to the clinical lead on duty, who
/// takes it on, reads the record by break-glass, calls, and closes it with a complete risk review.
/// </summary>
public sealed class RiskAnswerTests(RapportApp app, Chromium chromium) : IClassFixture<RapportApp>
{
    [Fact]
    public async Task ARiskAnswerReachesTheTherapistThenTheLeadWhoTakesItOnAndClosesItWithARiskReview()
    {
        await using var patientContext = await chromium.NewPhoneContextAsync(app);
        var patient = await patientContext.NewPageAsync();
        await patient.SignInAsAsync(app, DemoAccount.Patient);

        await patient.GotoAsync(InstrumentCatalog.MeasurePath(InstrumentCatalog.Phq9));
        for (var item = 1; item <= 9; item++)
        {
            var question = patient.GetByRole(AriaRole.Group, new() { NameRegex = new System.Text.RegularExpressions.Regex($"^{item}\\. ") });
            await question.GetByLabel(item == 9 ? "More than half the days" : "Several days").CheckAsync();
        }
        await patient.GetByRole(AriaRole.Button, new() { Name = "Send my answers" }).ClickAsync();

        // The very next page is help only: the US lines for this patient, as links a phone dials in one tap.
        await Expect(patient.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Help is here if you need it");
        await Expect(patient.GetByRole(AriaRole.Link, new() { Name = "Call 988" })).ToHaveAttributeAsync("href", "tel:988");
        await Expect(patient.GetByText("Your care team has been told")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(patient, "safety-1-patient-crisis-lines");

        await using var therapistContext = await chromium.NewPhoneContextAsync(app);
        var therapist = await therapistContext.NewPageAsync();
        await therapist.SignInAsAsync(app, DemoAccount.AlexsTherapist);
        await therapist.GetByRole(AriaRole.Link, new() { Name = "Alerts (1)" }).ClickAsync();
        var card = therapist.GetByRole(AriaRole.Article).Filter(new() { HasText = "Alex Rivera" }).Filter(new() { HasText = "respond within 1 hour" });
        await Expect(card).ToContainTextAsync("High");
        await Expect(card).ToContainTextAsync("PHQ-9 item 9 answered 2");
        await Expect(card).ToContainTextAsync("Goes to the clinical lead on duty and the supervisor at");
        AccessibilityTests.AssertNoViolations(await therapist.RunAxe(AccessibilityTests.Wcag22AA));
        await PhoneScreen.AssertFitsAsync(therapist);
        await Screenshots.SaveAsync(therapist, "safety-2-therapist-alert");

        // The risk is in the clinical workspace too: the banner on Alex's course and on his next session's note.
        await therapist.GotoAsync($"/therapist/patients/{await AlexIdAsync()}/course");
        var banner = therapist.Locator("#risk-banner");
        await Expect(banner).ToContainTextAsync("Risk raised");
        await Expect(banner).ToContainTextAsync("PHQ-9 item 9 answered 2");
        await therapist.Locator("p").Filter(new() { HasText = "Next session:" }).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(therapist.Locator("#risk-banner")).ToContainTextAsync("Open safety alert since");
        await Screenshots.SaveAsync(therapist, "safety-2b-therapist-note-banner");

        // Nobody takes it on. The clinical lead on duty today is Dr Amina Okafor; an hour passes (the browser app runs on
        // the real clock, so the alert's next rung is made due now) and the ladder's check runs.
        Guid alertId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<AppDbContext>();
            var amina = await db.Users.Where(u => u.Email == DemoAccount.Therapist.Email).Select(u => u.Id).SingleAsync();
            var admin = await db.Users.Where(u => u.Email == DemoAccount.Admin.Email).Select(u => u.Id).SingleAsync();
            var now = DateTimeOffset.UtcNow;
            await services.GetRequiredService<CareRelationshipService>().PlanLeadShiftAsync(amina, now.AddMinutes(-1), now.AddHours(8), admin, CancellationToken.None);
            alertId = await db.SafetyAlerts.Where(a => a.ClosedAt == null && a.ItemScore == 2).OrderByDescending(a => a.RaisedAt).Select(a => a.Id).FirstAsync();
            await db.SafetyAlerts.Where(a => a.Id == alertId).ExecuteUpdateAsync(s => s.SetProperty(a => a.EscalateAt, now.AddSeconds(-1)));
            Assert.Equal(1, await services.GetRequiredService<SafetyAlerts>().EscalateDueAsync(CancellationToken.None));
        }

        await using var leadContext = await chromium.NewDesktopContextAsync(app);
        var lead = await leadContext.NewPageAsync();
        await lead.SignInAsAsync(app, DemoAccount.Therapist);
        await lead.GotoAsync($"/alerts/{alertId}");
        await Expect(lead.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Safety alert: Alex Rivera");
        await Expect(lead.GetByText("Dr Amina Okafor, clinical lead on duty")).ToBeVisibleAsync();
        await lead.GetByRole(AriaRole.Button, new() { Name = "Take this on" }).ClickAsync();
        await Expect(lead.GetByRole(AriaRole.Status)).ToContainTextAsync("You may read the patient's record until you close it");

        // Break-glass: the lead reads Alex's record while the alert is open.
        await lead.GetByRole(AriaRole.Link, new() { Name = "Open Alex Rivera's record" }).ClickAsync();
        await Expect(lead.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Alex Rivera");
        await lead.GotoAsync($"/alerts/{alertId}");

        // She calls Alex, then closes the alert with a complete review; a first try without the formulation is refused beside it.
        var review = lead.Locator("form").Filter(new() { HasText = "Close with a risk review" });
        await review.GetByRole(AriaRole.Group, new() { Name = "Thoughts of suicide or self-harm: how often now?", Exact = true }).GetByLabel("On some days", new() { Exact = true }).CheckAsync();
        await review.GetByRole(AriaRole.Group, new() { Name = "Plan", Exact = true }).GetByLabel("No plan", new() { Exact = true }).CheckAsync();
        await review.GetByRole(AriaRole.Group, new() { Name = "Intent to act", Exact = true }).GetByLabel("No intent to act", new() { Exact = true }).CheckAsync();
        await review.GetByRole(AriaRole.Group, new() { Name = "Access to means", Exact = true }).GetByLabel("No access to the means they thought of", new() { Exact = true }).CheckAsync();
        await review.GetByRole(AriaRole.Group, new() { Name = "Past attempts", Exact = true }).GetByLabel("Never", new() { Exact = true }).CheckAsync();
        await review.GetByLabel("What protects them").FillAsync("His brother, his job, the allotment he shares with a neighbour.");
        await review.GetByLabel("Called the patient").CheckAsync();
        await review.GetByLabel("Follow up at").FillAsync(DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await review.GetByRole(AriaRole.Button, new() { Name = "Close the alert" }).ClickAsync();
        await Expect(lead.GetByText("Write your formulation in at least 20 characters")).ToBeVisibleAsync();

        review = lead.Locator("form").Filter(new() { HasText = "Close with a risk review" });
        await Expect(review.GetByLabel("What protects them")).ToHaveValueAsync("His brother, his job, the allotment he shares with a neighbour.");
        await review.GetByLabel("Your formulation").FillAsync("Thoughts came back after the redundancy news; his brother's support and a plan for work reduce them.");
        await review.GetByLabel("Follow up at").FillAsync(DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await Screenshots.SaveAsync(lead, "safety-3-lead-risk-review");
        await review.GetByRole(AriaRole.Button, new() { Name = "Close the alert" }).ClickAsync();
        await Expect(lead.GetByRole(AriaRole.Status)).ToContainTextAsync("Closed. Your risk review is kept with the alert.");
        await Expect(lead.GetByText("Thoughts came back after the redundancy news")).ToBeVisibleAsync();
        AccessibilityTests.AssertNoViolations(await lead.RunAxe(AccessibilityTests.Wcag22AA));
        await Screenshots.SaveAsync(lead, "safety-4-lead-closed");

        // The record is closed to her again; the responsible clinician sees who read it and when.
        var recordAfter = await lead.GotoAsync($"/therapist/patients/{await AlexIdAsync()}");
        Assert.Equal(404, recordAfter!.Status);
        await therapist.GotoAsync($"/alerts/{alertId}");
        await Expect(therapist.GetByText("Dr Amina Okafor took this alert on from outside the patient's care")).ToBeVisibleAsync();

        // Back with the patient: from wherever they are, the plan is one click away.
        await patient.GotoAsync("/patient");
        await patient.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "My safety plan" }).ClickAsync();
        await Expect(patient.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("My safety plan");

        await using var check = app.Services.CreateAsyncScope();
        var actions = await check.ServiceProvider.GetRequiredService<AppDbContext>().AuditEvents.AsNoTracking().Select(e => e.Action).ToListAsync();
        Assert.Contains("safety.alert-raised", actions);
        Assert.Contains("safety.alert-escalated", actions);
        Assert.Contains("care.emergency-access-opened", actions);
        Assert.Contains("safety.alert-closed", actions);
        Assert.Contains("care.emergency-access-ended", actions);
    }

    private async Task<Guid> AlexIdAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.Where(u => u.Email == DemoAccount.Patient.Email).Select(u => u.Id).SingleAsync();
    }
}
