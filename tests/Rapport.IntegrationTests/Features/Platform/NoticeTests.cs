using System.Net;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Rapport.IntegrationTests.Features.TreatmentCourses;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.TreatmentCourses;

namespace Rapport.IntegrationTests.Features.Platform;

/// <summary>
/// The confirmation after a form ("Kai added to your list.") travels in a sealed cookie, never in the address, and shows
/// once; a crafted ?done= link shows nothing.
/// </summary>
public abstract class NoticeTests(RapportApp app)
{
    private static Dictionary<string, string> Person(string name) => new()
    {
        ["Person.Name"] = name,
        ["Person.Role"] = "Partner",
        ["Person.ClosenessRing"] = "1",
        ["Person.Contact"] = nameof(ContactFrequency.Daily),
        ["Person.ExpectationsMet"] = nameof(ExpectationsMet.NotMet),
        ["Person.UnsatisfyingAspects"] = "We argue about the evenings",
        ["Person.KnowsAboutDepression"] = "false",
        ["Person.RelatedProblemArea"] = "",
    };

    private async Task<(Visitor Browser, Visitor.Page Added)> PatientAddsKaiAsync()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await app.CourseInInitialPhaseAsync(therapist, patient);
        var browser = await app.BrowserForAsync(patient);
        var added = await browser.PostFormAsync("/my-plan/people", Person("Kai"), "/my-plan/people?handler=Save");
        return (browser, added);
    }

    [Fact]
    public async Task APersonAddedToTheInventoryIsConfirmedOnceAndNeverNamedInTheAddress()
    {
        var (browser, added) = await PatientAddsKaiAsync();
        using var _ = browser;

        var first = await browser.GetAsync(added.Location!);
        var reload = await browser.GetAsync(added.Location!);

        Assert.Equal(HttpStatusCode.Redirect, added.Status);
        Assert.Equal("/my-plan/people", added.Location);
        Assert.Contains("Kai added to your list.", first.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("Kai added to your list.", reload.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheNoticeCookieIsHostOnlySecureHttpOnlyStrictAndSealed()
    {
        var (browser, added) = await PatientAddsKaiAsync();
        using var _ = browser;

        var cookie = Assert.Single(added.Response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-rapport-notice=", StringComparison.Ordinal));
        var attributes = cookie.Split(';', StringSplitOptions.TrimEntries);
        Assert.Contains("path=/", attributes);
        Assert.Contains("secure", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("domain=", StringComparison.OrdinalIgnoreCase));
        var value = attributes[0]["__Host-rapport-notice=".Length..];
        Assert.DoesNotContain("Kai", Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(value)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACraftedDoneLinkShowsNothingOnACoursePage()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await app.CourseInInitialPhaseAsync(therapist, patient);
        using var browser = await app.BrowserForAsync(therapist);

        var page = await browser.GetAsync(CoursePages.Course(patient) + "?done=Call%200900%20123%20now");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.DoesNotContain("Call 0900 123 now", page.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACraftedDoneLinkShowsNoConfirmationOfAConsent()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = await app.BrowserForAsync(patient);

        var page = await browser.GetAsync("/account/consents?done=given");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.DoesNotContain("Your consent is recorded", page.Words, StringComparison.Ordinal);
    }
}

public sealed class NoticeTestsOnSqlite(SqliteApp app) : NoticeTests(app);

public sealed class NoticeTestsOnPostgres(PostgresApp app) : NoticeTests(app);
