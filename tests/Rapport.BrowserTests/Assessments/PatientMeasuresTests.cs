using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Rapport.BrowserTests.Platform;
using Rapport.Web.Features.Assessments;
using static Microsoft.Playwright.Assertions;

namespace Rapport.BrowserTests.Assessments;

/// <summary>A patient on a phone answers a questionnaire; a risk answer brings the crisis lines at once, and the safety plan is one tap away.</summary>
public sealed class PatientMeasuresTests(RapportApp app, Chromium chromium) : IClassFixture<RapportApp>
{
    [Fact]
    public async Task ARiskAnswerShowsTheCrisisLinesAtOnceAndTheSafetyPlanIsOneTapAway()
    {
        await using var context = await chromium.NewPhoneContextAsync(app);
        var page = await context.NewPageAsync();
        await page.SignInAsAsync(app, DemoAccount.Patient);

        await page.GotoAsync(InstrumentCatalog.MeasurePath(InstrumentCatalog.Phq9));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Patient Health Questionnaire (PHQ-9)");
        AccessibilityTests.AssertNoViolations(await page.RunAxe(AccessibilityTests.Wcag22AA));
        await PhoneScreen.AssertFitsAsync(page);
        for (var item = 1; item <= 9; item++)
        {
            var question = page.GetByRole(AriaRole.Group, new() { NameRegex = new System.Text.RegularExpressions.Regex($"^{item}\\. ") });
            await question.GetByLabel("Several days").CheckAsync();
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my answers" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Help is here if you need it");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Call 988" })).ToHaveAttributeAsync("href", "tel:988");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Text 988" })).ToHaveAttributeAsync("href", "sms:988");
        // Help only on this screen: the score waits for a calmer moment.
        await Expect(page.GetByText("Your total")).ToHaveCountAsync(0);
        AccessibilityTests.AssertNoViolations(await page.RunAxe(AccessibilityTests.Wcag22AA));
        await PhoneScreen.AssertFitsAsync(page);
        await Screenshots.SaveAsync(page, "measures-1-risk-answer");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "My safety plan" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("My safety plan");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Call 988" })).ToBeVisibleAsync();
        AccessibilityTests.AssertNoViolations(await page.RunAxe(AccessibilityTests.Wcag22AA));
        await PhoneScreen.AssertFitsAsync(page);
        await Screenshots.SaveAsync(page, "measures-2-safety-plan");
    }

    [Theory]
    [InlineData("/intake", "About you")]
    [InlineData("/measures", "Questionnaires")]
    [InlineData("/measures/t8v3n6", "Work and Social Adjustment Scale (WSAS)")] // the WSAS page: addresses carry a neutral key
    [InlineData("/account/consents", "Your consents")]
    [InlineData("/safety-plan/edit", null)]
    public async Task PatientPageHasNoSeriousAccessibilityViolationsAndFitsAPhone(string path, string? heading)
    {
        await using var context = await chromium.NewPhoneContextAsync(app);
        var page = await context.NewPageAsync();
        await page.SignInAsAsync(app, DemoAccount.Patient);

        await page.GotoAsync(path);
        var h1 = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        await (heading is null ? Expect(h1).ToBeVisibleAsync() : Expect(h1).ToHaveTextAsync(heading));

        AccessibilityTests.AssertNoViolations(await page.RunAxe(AccessibilityTests.Wcag22AA));
        await PhoneScreen.AssertFitsAsync(page);
    }

    [Fact]
    public async Task TheIntakeShowingItsErrorsHasNoSeriousAccessibilityViolations()
    {
        await using var context = await chromium.NewPhoneContextAsync(app);
        var page = await context.NewPageAsync();
        await page.SignInAsAsync(app, DemoAccount.Patient);
        await page.GotoAsync("/intake");

        await page.GetByLabel("What brings you to therapy now?").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Some answers need a change: each is explained beside its field.");
        await Expect(page.GetByText("Tell us in a few words what brings you.")).ToBeVisibleAsync();
        AccessibilityTests.AssertNoViolations(await page.RunAxe(AccessibilityTests.Wcag22AA));
        await Screenshots.SaveAsync(page, "measures-0-intake-errors");
    }
}
