using System.Net;
using System.Text.RegularExpressions;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Calendars;

namespace Rapport.IntegrationTests.Features.Calendars;

/// <summary>/account/calendar and GET /calendar/{token}.ics: a private subscription address.</summary>
public abstract partial class CalendarFeedTests(RapportApp app)
{
    [Fact]
    public async Task TheFeedHoldsTheAppointmentWithANeutralTitleAndItsUtcStart()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var appointment = await app.BookAsync(patient, therapist);
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);
        var address = await CreateFeedAsync(browser);

        using var calendarApp = app.NewClient();
        var response = await calendarApp.Http.GetAsync(new Uri(address).AbsolutePath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var calendar = Calendar.Load(await response.Content.ReadAsStringAsync());
        Assert.NotNull(calendar);
        var entry = Assert.Single(calendar.Events, e => e.Uid == $"{appointment.Id:N}@rapport");
        Assert.Equal($"Appointment with {await app.DisplayNameAsync(therapist)}", entry.Summary);
        Assert.Equal(appointment.StartUtc.UtcDateTime, entry.DtStart!.AsUtc);
        Assert.Equal(appointment.EndUtc.UtcDateTime, entry.DtEnd!.AsUtc);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.CalendarFeedCreated && e.UserId == patient.Id)));
    }

    [Fact]
    public async Task EveryCalendarFileSaysItIsUtf8()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var appointment = await app.BookAsync(patient, therapist);
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);
        var feed = new Uri(await CreateFeedAsync(browser)).AbsolutePath;
        using var api = app.NewClient();
        await api.ApiTokenAsync(patient);

        var served = new[]
        {
            (await browser.Http.GetAsync($"/appointments/{appointment.Id}?handler=Ics")).Content.Headers.ContentType,
            (await api.Http.GetAsync($"/api/v1/appointments/{appointment.Id}/ics")).Content.Headers.ContentType,
            (await app.NewClient().Http.GetAsync(feed)).Content.Headers.ContentType,
        };
        var mail = await app.Mail.WaitForAsync(patient.Email, m => m.Subject == "Your appointment is booked");

        Assert.All(served, type => Assert.Equal(("text/calendar", "utf-8"), (type?.MediaType, type?.CharSet)));
        var attached = Assert.Single(mail.Attachments.OfType<MimeKit.MimePart>());
        Assert.Equal(("text/calendar", "utf-8"), (attached.ContentType.MimeType, attached.ContentType.Charset));
    }

    [Fact]
    public async Task TheTherapistsFeedNamesThePatient()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var appointment = await app.BookAsync(patient, therapist);
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);
        var address = await CreateFeedAsync(browser);

        using var calendarApp = app.NewClient();
        var calendar = Calendar.Load(await calendarApp.Http.GetStringAsync(new Uri(address).AbsolutePath));

        var entry = Assert.Single(calendar!.Events, e => e.Uid == $"{appointment.Id:N}@rapport");
        Assert.Equal($"Appointment with {await app.DisplayNameAsync(patient)}", entry.Summary);
    }

    [Fact]
    public async Task ARevokedFeedAnswers404()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);
        var path = new Uri(await CreateFeedAsync(browser)).AbsolutePath;
        using var calendarApp = app.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await calendarApp.Http.GetAsync(path)).StatusCode);

        var page = await browser.PostFormAsync("/account/calendar", new Dictionary<string, string>(), "/account/calendar?handler=Revoke");

        Assert.Contains("Your calendar address is stopped.", page.Words, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await calendarApp.Http.GetAsync(path)).StatusCode);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.CalendarFeedRevoked && e.UserId == patient.Id)));
    }

    [Fact]
    public async Task MakingANewAddressStopsTheOldOne()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);
        var first = new Uri(await CreateFeedAsync(browser)).AbsolutePath;

        var second = new Uri(await CreateFeedAsync(browser)).AbsolutePath;

        using var calendarApp = app.NewClient();
        Assert.Equal(HttpStatusCode.NotFound, (await calendarApp.Http.GetAsync(first)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await calendarApp.Http.GetAsync(second)).StatusCode);
    }

    [Theory]
    [InlineData("/calendar/not-a-token.ics")]
    [InlineData("/calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics")]
    public async Task AnUnknownAddressAnswers404(string path)
    {
        using var calendarApp = app.NewClient();

        var response = await calendarApp.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task TheAddressIsShownOnceOnly()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);
        var address = await CreateFeedAsync(browser);

        var later = await browser.GetAsync("/account/calendar");

        Assert.Contains("You have a private address", later.Words, StringComparison.Ordinal);
        Assert.DoesNotContain(new Uri(address).AbsolutePath, later.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTokenIsNeitherLoggedNorAudited()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        var patient = await app.CreateAccountAsync(Roles.Patient);
        await app.BookAsync(patient, therapist);
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);
        var path = new Uri(await CreateFeedAsync(browser)).AbsolutePath;
        var token = path["/calendar/".Length..^".ics".Length];

        using var calendarApp = app.NewClient();
        await calendarApp.Http.GetAsync(path);
        await browser.PostFormAsync("/account/calendar", new Dictionary<string, string>(), "/account/calendar?handler=Revoke");
        await calendarApp.Http.GetAsync(path);

        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.CalendarFeedRead && e.UserId == patient.Id)));
        Assert.False(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e =>
            (e.Subject != null && e.Subject.Contains(token)) || (e.Detail != null && e.Detail.Contains(token)))));
        Assert.NotEmpty(app.Logs.Lines); // the sink does hear the app
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnonymousVisitorsAreSentToSignIn()
    {
        using var browser = app.NewClient();

        var page = await browser.GetAsync("/account/calendar");

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("https://rapport.test/account/sign-in", page.Location, StringComparison.Ordinal);
    }

    /// <summary>Makes a new address on /account/calendar and reads it from the page, the one time it is shown.</summary>
    private static async Task<string> CreateFeedAsync(Visitor browser)
    {
        var page = await browser.PostFormAsync("/account/calendar", new Dictionary<string, string>(), "/account/calendar?handler=Create");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return WebUtility.HtmlDecode(FeedAddress().Match(page.Html).Groups[1].Value) is { Length: > 0 } address
            ? address
            : throw new InvalidOperationException("No calendar address on the page: " + page.Text);
    }

    [GeneratedRegex(">(https://rapport\\.test/calendar/[^<]+\\.ics)</textarea>")]
    private static partial Regex FeedAddress();
}

public sealed class CalendarFeedTestsOnSqlite(SqliteApp app) : CalendarFeedTests(app);

public sealed class CalendarFeedTestsOnPostgres(PostgresApp app) : CalendarFeedTests(app);
