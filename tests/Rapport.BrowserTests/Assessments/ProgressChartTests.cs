using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Rapport.BrowserTests.Platform;
using static Microsoft.Playwright.Assertions;

namespace Rapport.BrowserTests.Assessments;

/// <summary>The demo patient's eight weeks of measures, drawn for them and for their therapist (screenshots for review).</summary>
public sealed class ProgressChartTests(RapportApp app, Chromium chromium) : IClassFixture<RapportApp>
{
    [Fact]
    public async Task APatientWithEightWeeklyMeasuresSeesTheirProgressChartAndTheTherapistSeesTheSame()
    {
        await using var context = await chromium.NewPhoneContextAsync(app);
        var patient = await context.NewPageAsync();
        await patient.SignInAsAsync(app, DemoAccount.Patient);
        await patient.GotoAsync("/patient");
        await patient.GetByRole(AriaRole.Link, new() { Name = "See your progress" }).ClickAsync();

        await Expect(patient.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your progress");
        var phq9 = patient.Locator("svg[role=img]").First;
        await Expect(phq9.Locator("title")).ToContainTextAsync("PHQ-9");
        // Eight weekly PHQ-9 totals are drawn as eight points, and the table holds the same eight rows.
        await Expect(phq9.Locator("circle.point")).ToHaveCountAsync(8);
        // The phone is narrower than the chart: it opens at its latest end, so the latest total's change label is on screen.
        var latestLabel = await phq9.Locator("text.change-label").Last.BoundingBoxAsync();
        Assert.NotNull(latestLabel);
        Assert.InRange(latestLabel.X, 0, patient.ViewportSize!.Width - latestLabel.Width);
        await patient.GetByText("Show the answers as a table").First.ClickAsync();
        await Expect(patient.GetByRole(AriaRole.Table, new() { Name = "PHQ-9 answers, oldest first" }).Locator("tbody tr")).ToHaveCountAsync(8);
        AccessibilityTests.AssertNoViolations(await patient.RunAxe(AccessibilityTests.Wcag22AA));
        await phq9.ScrollIntoViewIfNeededAsync();
        await Screenshots.SaveAsync(patient, "progress-1-patient-chart");

        await using var therapistContext = await chromium.NewPhoneContextAsync(app);
        var therapist = await therapistContext.NewPageAsync();
        await therapist.SignInAsAsync(app, DemoAccount.AlexsTherapist);
        await therapist.GetByRole(AriaRole.Link, new() { Name = "My patients" }).ClickAsync();
        await therapist.GetByRole(AriaRole.Link, new() { Name = "Alex Rivera" }).ClickAsync();
        await Expect(therapist.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Alex Rivera");
        await Expect(therapist.Locator("svg[role=img] title").Filter(new() { HasText = "PHQ-9" })).ToHaveCountAsync(1);
        AccessibilityTests.AssertNoViolations(await therapist.RunAxe(AccessibilityTests.Wcag22AA));
        await Screenshots.SaveAsync(therapist, "progress-2-therapist-patient-page");
    }
}
