using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.Therapists;

namespace Rapport.IntegrationTests.Features.Booking;

/// <summary>The patient's way through the directory, a therapist's page and their appointments, over HTTP.</summary>
public abstract partial class PatientBookingPagesTests(RapportApp app)
{
    [Fact]
    public async Task TheDirectoryFiltersByLanguage()
    {
        var swahili = await app.CreateListedTherapistAsync(["sw", "en"], ["depression"]);
        var korean = await app.CreateListedTherapistAsync(["ko"], ["depression"]);
        using var visitor = app.NewClient();

        var page = await visitor.GetAsync("/therapists?language=sw");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains($"/therapists/{swahili.Id}", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain($"/therapists/{korean.Id}", page.Html, StringComparison.Ordinal);
        Assert.Contains("Kiswahili (Swahili)", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDirectoryFiltersByConditionWithoutNamingItInTheAddress()
    {
        var eating = await app.CreateListedTherapistAsync(["ro"], ["eating-disorders"]);
        var group = await app.CreateListedTherapistAsync(["ro"], ["group"]);
        var key = OfferingKeys.KeyFor("eating-disorders");
        using var visitor = app.NewClient();

        var page = await visitor.GetAsync($"/therapists?language=ro&offering={key}");

        Assert.DoesNotContain("eating", key, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"/therapists/{eating.Id}", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain($"/therapists/{group.Id}", page.Html, StringComparison.Ordinal);
        Assert.Contains("Eating disorders", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDirectoryShowsTheNextFreeTimeInTheZoneAVisitorChose()
    {
        var therapist = await app.CreateListedTherapistAsync(["uk"], ["anxiety"]);
        using var visitor = app.NewClient();

        var page = await visitor.GetAsync("/therapists?language=uk&tz=Asia/Tokyo");

        Assert.Contains("Times are shown in " + ProfileChoices.TimeZoneLabel("Asia/Tokyo") + ".", page.Words, StringComparison.Ordinal);
        Assert.Contains($"/therapists/{therapist.Id}?tz=Asia%2FTokyo", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("None in the next 4 weeks", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDirectoryListsTheTimeZonesOnlyWhenAVisitorAsksAndKeepsTheZoneTheyChoseWithTheFilters()
    {
        using var visitor = app.NewClient();

        var first = await visitor.GetAsync("/therapists?language=uk&tz=Asia/Tokyo");
        var asked = await visitor.GetAsync("/therapists?language=uk&tz=Asia/Tokyo&zones=true");

        Assert.DoesNotContain("<select id=\"tz\"", first.Html, StringComparison.Ordinal);
        Assert.Contains("<input type=\"hidden\" name=\"tz\" value=\"Asia/Tokyo\">", first.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"/therapists?zones=true&amp;language=uk&amp;tz=Asia%2FTokyo#tz\">Change the time zone</a>", first.Html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"Asia/Tokyo\" selected=\"selected\">", asked.Html, StringComparison.Ordinal);
    }

    /// <summary>A page as a browser that has run <c>wwwroot/js/timezone.js</c> asks for it: with the device's zone in its cookie.</summary>
    private static async Task<Visitor.Page> GetWithDeviceZoneAsync(Visitor visitor, string url, string zone)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", $"{ViewerZone.DeviceCookie}={zone}");
        var response = await visitor.Http.SendAsync(request);
        return new Visitor.Page(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location?.OriginalString, response);
    }

    [Fact]
    public async Task TheDirectoryShowsAVisitorsTimesInTheirDevicesZoneAndSaysSo()
    {
        var therapist = await app.CreateListedTherapistAsync(["vi"], ["anxiety"]);
        var next = await app.FirstSlotAsync(therapist.Id, TimeSpan.Zero);
        using var visitor = app.NewClient();

        var page = await GetWithDeviceZoneAsync(visitor, "/therapists?language=vi", "Asia/Tokyo");

        var tokyo = new ViewerZone(TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"), IsOwn: false, FromDevice: true);
        Assert.Contains($"Times are shown in {ProfileChoices.TimeZoneLabel("Asia/Tokyo")}, this device's time zone.", page.Words, StringComparison.Ordinal);
        Assert.Contains(tokyo.DayAndTime(next.StartUtc), page.Text, StringComparison.Ordinal);
        Assert.Contains($"href=\"/therapists/{therapist.Id}\"", page.Html, StringComparison.Ordinal);
        // The script that tells the server the device's zone, by its fingerprinted address.
        Assert.Matches("src=\"/js/timezone(\\.[a-z0-9]+)?\\.js\"", page.Html);
    }

    [Fact]
    public async Task WithoutTheDevicesZoneTheDirectorySaysItsTimesAreInUtc()
    {
        var therapist = await app.CreateListedTherapistAsync(["vi"], ["grief"]);
        var next = await app.FirstSlotAsync(therapist.Id, TimeSpan.Zero);
        using var visitor = app.NewClient();

        var page = await visitor.GetAsync("/therapists?language=vi");

        Assert.Contains("Times are shown in UTC.", page.Words, StringComparison.Ordinal);
        Assert.Contains(ViewerZone.Utc.DayAndTime(next.StartUtc), page.Text, StringComparison.Ordinal);
        Assert.Contains("data-device-zone=\"unknown\"", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATherapistsPageShowsAVisitorsFreeTimesInTheirDevicesZone()
    {
        // 07:00–21:00 in Berlin is 15:00–05:00 in Tokyo: 02:00 is a free time there and never one in UTC (05:00–20:00).
        var therapist = await app.CreateListedTherapistAsync(["en"], ["depression"]);
        using var visitor = app.NewClient();

        var tokyo = await GetWithDeviceZoneAsync(visitor, $"/therapists/{therapist.Id}?week=1", "Asia/Tokyo");
        var utc = await visitor.GetAsync($"/therapists/{therapist.Id}?week=1");

        Assert.Contains($"Times are shown in {ProfileChoices.TimeZoneLabel("Asia/Tokyo")}, this device's time zone.", tokyo.Words, StringComparison.Ordinal);
        Assert.Contains("<li>02:00</li>", tokyo.Html, StringComparison.Ordinal);
        Assert.Contains("Times are shown in UTC.", utc.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("<li>02:00</li>", utc.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Mars/Base")]
    [InlineData("Europe%2FBerlin%3Cscript%3E")]
    [InlineData("")]
    public async Task AnUnknownDeviceZoneFallsBackToUtcSaidAsSuch(string zone)
    {
        var therapist = await app.CreateListedTherapistAsync(["en"], ["depression"]);
        using var visitor = app.NewClient();

        var directory = await GetWithDeviceZoneAsync(visitor, "/therapists", zone);
        var profile = await GetWithDeviceZoneAsync(visitor, $"/therapists/{therapist.Id}", zone);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (directory.Status, profile.Status));
        Assert.Contains("Times are shown in UTC.", directory.Words, StringComparison.Ordinal);
        Assert.Contains("Times are shown in UTC.", profile.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AZoneChosenOnThePageWinsOverTheDevicesAndASignedInPersonsOwnWinsOverBoth()
    {
        var therapist = await app.CreateListedTherapistAsync(["en"], ["depression"]);
        using var visitor = app.NewClient();
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var signedIn = app.NewClient();
        await signedIn.SignInAsync(patient);

        var chosen = await GetWithDeviceZoneAsync(visitor, $"/therapists/{therapist.Id}?tz=UTC", "Asia/Tokyo");
        var own = await GetWithDeviceZoneAsync(signedIn, $"/therapists/{therapist.Id}?tz=UTC", "Asia/Tokyo");

        Assert.Contains("Times are shown in UTC.", chosen.Words, StringComparison.Ordinal);
        Assert.Contains($"Times are shown in your time zone, {ProfileChoices.TimeZoneLabel("Europe/Berlin")}.", own.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APatientInGermanySeesOnlyTherapistsLicensedForGermanyAndMayAskToSeeEveryone()
    {
        var germany = await app.CreateListedTherapistAsync(["nl"], ["depression"]);
        var britain = await app.CreateListedTherapistAsync(["nl"], ["depression"], countries: ["GB"]);
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);
        using var visitor = app.NewClient();

        var licensed = await browser.GetAsync("/therapists?language=nl");
        var everyone = await browser.GetAsync("/therapists?language=nl&everyone=true");
        var anonymous = await visitor.GetAsync("/therapists?language=nl");

        Assert.Contains("Therapists licensed for Germany", licensed.Words, StringComparison.Ordinal);
        Assert.Contains("See every therapist (those licensed elsewhere cannot be booked by you)", licensed.Words, StringComparison.Ordinal);
        Assert.Contains($"/therapists/{germany.Id}", licensed.Html, StringComparison.Ordinal);
        Assert.DoesNotContain($"/therapists/{britain.Id}", licensed.Html, StringComparison.Ordinal);
        Assert.Contains($"/therapists/{germany.Id}", everyone.Html, StringComparison.Ordinal);
        Assert.Contains($"/therapists/{britain.Id}", everyone.Html, StringComparison.Ordinal);
        Assert.Contains("Not licensed for Germany, where you live: cannot be booked by you.", everyone.Words, StringComparison.Ordinal);
        Assert.Contains($"/therapists/{britain.Id}", anonymous.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("licensed for Germany", anonymous.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APatientWhomNoTherapistMayYetSeeIsLedFromTheEmptyListToEveryTherapistNotBackToIt()
    {
        // No therapist in these tests is licensed for Iceland.
        await app.CreateListedTherapistAsync(["en"], ["depression"]);
        var patient = await app.CreateAccountAsync(Roles.Patient);
        await app.QueryAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == patient.Id)).CountryCode = "IS";
            return await db.SaveChangesAsync();
        });
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);

        var empty = await browser.GetAsync("/therapists");
        var everyone = await browser.GetAsync("/therapists?everyone=true");

        Assert.Contains("No therapist matches all of these choices.", empty.Words, StringComparison.Ordinal);
        Assert.Matches("<a [^>]*href=\"/therapists\\?everyone=true\"[^>]*>see everyone</a>", empty.Html);
        Assert.Contains("Not licensed for Iceland, where you live: cannot be booked by you.", everyone.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APatientInGermanyCannotBookATherapistWhoOnlyPractisesInBritainFromTheirPage()
    {
        var britain = await app.CreateListedTherapistAsync(["en"], ["depression"], countries: ["GB"]);
        var slot = await app.FirstSlotAsync(britain.Id, TimeSpan.FromDays(1));
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);
        var page = $"/therapists/{britain.Id}";

        var shown = await browser.GetAsync(page);
        var refused = await browser.PostFormAsync(page, new Dictionary<string, string> { ["start"] = ViewerZone.FormValue(slot.StartUtc), ["week"] = "0" },
            page + "?handler=Book");

        Assert.Contains($"{britain.Name} may not practise in Germany, where you live, so you cannot book them.", shown.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"start\"", shown.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Contains("This therapist may not practise in Germany, where you live, so they cannot be booked.", refused.Words, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.Appointments.AnyAsync(a => a.PatientId == patient.Id)));
    }

    [Fact]
    public async Task AnAppointmentNextYearShowsItsYearUnderComingUp()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var appointment = await app.BookAsync(patient, therapist);
        var nextYear = new DateTimeOffset(app.Clock.GetUtcNow().Year + 1, 1, 15, 10, 0, 0, TimeSpan.Zero);
        await app.QueryAsync(db => db.Appointments.Where(a => a.Id == appointment.Id).ExecuteUpdateAsync(u => u
            .SetProperty(a => a.StartUtc, nextYear).SetProperty(a => a.EndUtc, nextYear.AddMinutes(50)).SetProperty(a => a.BlockedUntilUtc, nextYear.AddHours(1))));
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);

        var page = await browser.GetAsync("/appointments");

        var berlin = new ViewerZone(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"), IsOwn: true);
        Assert.Contains(berlin.DayAndTime(nextYear, withYear: true), page.Text, StringComparison.Ordinal);
        Assert.Contains((app.Clock.GetUtcNow().Year + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAnonymousVisitorSeesTheTimesAndIsAskedToSignInToBook()
    {
        var therapist = await app.CreateListedTherapistAsync(["en"], ["depression"]);
        using var visitor = app.NewClient();

        var page = await visitor.GetAsync($"/therapists/{therapist.Id}?week=1");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Sign in to book", page.Text, StringComparison.Ordinal);
        Assert.Contains($"/account/sign-in?ReturnUrl=%2Ftherapists%2F{therapist.Id}%3Fweek%3D1", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"start\"", page.Html, StringComparison.Ordinal);
        Assert.Matches(@"<li>\d\d:\d\d</li>", page.Html);
    }

    [Fact]
    public async Task APatientBooksFromTheTherapistPageAndSeesItInTheirAppointments()
    {
        var therapist = await app.CreateListedTherapistAsync(["en"], ["depression"]);
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);

        var (booked, id) = await BookFirstFreeTimeAsync(browser, therapist);
        var confirmation = await browser.GetAsync(booked.Location!);
        var list = await browser.GetAsync("/appointments");

        Assert.Equal(HttpStatusCode.Redirect, booked.Status);
        Assert.Contains("Booked.", confirmation.Text, StringComparison.Ordinal);
        Assert.Contains($"First conversation with {therapist.Name}", confirmation.Text, StringComparison.Ordinal);
        Assert.Contains($"/appointments/{id}", list.Html, StringComparison.Ordinal);
        Assert.Contains(therapist.Name, list.Text, StringComparison.Ordinal);
        var stored = await app.QueryAsync(db => db.Appointments.SingleAsync(a => a.Id == id));
        Assert.Equal((patient.Id, therapist.Id, AppointmentStatus.Booked, AppointmentKind.Assessment),
            (stored.PatientId, stored.TherapistId, stored.Status, stored.Kind));
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e =>
            e.Action == AuditAction.AppointmentBooked && e.UserId == patient.Id && e.PatientId == patient.Id && e.Subject == id.ToString())));
    }

    [Fact]
    public async Task TheTherapistSeesTheBookingInTheirAppointments()
    {
        var therapist = await app.CreateListedTherapistAsync(["en"], ["depression"]);
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var patientBrowser = app.NewClient();
        await patientBrowser.SignInAsync(patient);
        var (_, id) = await BookFirstFreeTimeAsync(patientBrowser, therapist);
        using var therapistBrowser = app.NewClient();
        await therapistBrowser.SignInAsync(therapist.Account);

        var list = await therapistBrowser.GetAsync("/appointments");
        var detail = await therapistBrowser.GetAsync($"/appointments/{id}");

        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Contains($"/appointments/{id}", list.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, detail.Status);
        Assert.Contains("Test Patient", detail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherPatientGetsNotFoundForThatAppointment()
    {
        var therapist = await app.CreateListedTherapistAsync(["en"], ["depression"]);
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var stranger = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);
        var (_, id) = await BookFirstFreeTimeAsync(browser, therapist);
        using var other = app.NewClient();
        await other.SignInAsync(stranger);

        var page = await other.GetAsync($"/appointments/{id}");
        var ics = await other.GetAsync($"/appointments/{id}?handler=Ics");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.DoesNotContain(therapist.Name, page.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, ics.Status);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e =>
            e.Action == AuditAction.ReadAppointment && e.UserId == stranger.Id && e.Outcome == AuditOutcome.Denied)));
    }

    [Fact]
    public async Task AnotherPatientCannotCancelThatAppointment()
    {
        var therapist = await app.CreateListedTherapistAsync(["en"], ["depression"]);
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var stranger = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);
        var (_, id) = await BookFirstFreeTimeAsync(browser, therapist);
        using var other = app.NewClient();
        await other.SignInAsync(stranger);

        var cancel = await other.PostFormAsync("/appointments", new Dictionary<string, string>(), $"/appointments/{id}?handler=Cancel");

        Assert.Equal(HttpStatusCode.NotFound, cancel.Status);
        Assert.Equal(AppointmentStatus.Booked, await app.QueryAsync(db => db.Appointments.Where(a => a.Id == id).Select(a => a.Status).SingleAsync()));
    }

    [Fact]
    public async Task ReadingAnAppointmentIsAudited()
    {
        var therapist = await app.CreateListedTherapistAsync(["en"], ["depression"]);
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);
        var (_, id) = await BookFirstFreeTimeAsync(browser, therapist);

        await browser.GetAsync($"/appointments/{id}");

        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e =>
            e.Action == AuditAction.ReadAppointment && e.UserId == patient.Id && e.Outcome == AuditOutcome.Success
            && e.Subject == $"GET /appointments/{id}")));
    }

    [Fact]
    public async Task CancellingInsideTheNoticePeriodShowsALateCancellation()
    {
        // Bookable one hour ahead, free cancellation only up to 48 hours ahead: the first free time is inside the notice period.
        var therapist = await app.CreateListedTherapistAsync(["en"], ["depression"], minimumNoticeHours: 1, cancellationNoticeHours: 48);
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);
        var (_, id) = await BookFirstFreeTimeAsync(browser, therapist);

        var before = await browser.GetAsync($"/appointments/{id}");
        var cancelled = await browser.PostFormAsync($"/appointments/{id}", new Dictionary<string, string>(), $"/appointments/{id}?handler=Cancel");
        var after = await browser.GetAsync(cancelled.Location!);
        var list = await browser.GetAsync("/appointments");

        Assert.Contains("If you cancel now, it counts as a late cancellation", Regex.Replace(before.Text, @"\s+", " "), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, cancelled.Status);
        Assert.Contains("counts as a late cancellation", after.Text, StringComparison.Ordinal);
        Assert.Contains("Cancelled late", after.Text, StringComparison.Ordinal);
        Assert.Contains("Cancelled late", list.Text, StringComparison.Ordinal);
        Assert.Equal(AppointmentStatus.LateCancelled, await app.QueryAsync(db => db.Appointments.Where(a => a.Id == id).Select(a => a.Status).SingleAsync()));
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e =>
            e.Action == AuditAction.AppointmentCancelled && e.UserId == patient.Id && e.Subject == id.ToString() && e.Detail == "late")));
    }

    [Fact]
    public async Task CancellingWellAheadIsAnOrdinaryCancellation()
    {
        var therapist = await app.CreateListedTherapistAsync(["en"], ["depression"], cancellationNoticeHours: 0);
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);
        var (_, id) = await BookFirstFreeTimeAsync(browser, therapist);

        var before = await browser.GetAsync($"/appointments/{id}");
        var cancelled = await browser.PostFormAsync($"/appointments/{id}", new Dictionary<string, string>(), $"/appointments/{id}?handler=Cancel");
        var after = await browser.GetAsync(cancelled.Location!);

        Assert.DoesNotContain("late cancellation", before.Text.Replace("without it counting as a late cancellation", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("has been told", after.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Cancelled late", after.Text, StringComparison.Ordinal);
        Assert.Equal(AppointmentStatus.Cancelled, await app.QueryAsync(db => db.Appointments.Where(a => a.Id == id).Select(a => a.Status).SingleAsync()));
    }

    [Fact]
    public async Task BookingATimeSomeoneHasJustTakenShowsAFriendlyMessageAndBooksNothing()
    {
        var therapist = await app.CreateListedTherapistAsync(["en"], ["depression"]);
        var quicker = await app.CreateAccountAsync(Roles.Patient);
        var slower = await app.CreateAccountAsync(Roles.Patient);
        using var first = app.NewClient();
        using var second = app.NewClient();
        await first.SignInAsync(quicker);
        await second.SignInAsync(slower);
        var page = $"/therapists/{therapist.Id}";
        var start = FirstConversations.FirstStart((await second.GetAsync(page)).Html);

        var won = await first.PostFormAsync(page, new Dictionary<string, string> { ["start"] = start, ["week"] = "0" }, page + "?handler=Book");
        var lost = await second.PostFormAsync(page, new Dictionary<string, string> { ["start"] = start, ["week"] = "0" }, page + "?handler=Book");

        Assert.Equal(HttpStatusCode.Redirect, won.Status);
        Assert.Equal(HttpStatusCode.Conflict, lost.Status);
        Assert.Contains("Someone has just booked that time. Please choose another.", lost.Text, StringComparison.Ordinal);
        Assert.Contains("name=\"start\"", lost.Html, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.Appointments.AnyAsync(a => a.PatientId == slower.Id)));
    }

    [Fact]
    public async Task ATherapistNotTakingNewPatientsCannotBeBookedFromTheirPage()
    {
        var therapist = await app.CreateListedTherapistAsync(["en"], ["depression"], acceptingNewPatients: false);
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);
        var page = $"/therapists/{therapist.Id}";
        var shown = await browser.GetAsync(page);
        var start = ViewerZone.FormValue(DateTimeOffset.UtcNow.AddDays(3));

        var refused = await browser.PostFormAsync(page, new Dictionary<string, string> { ["start"] = start }, page + "?handler=Book");

        Assert.Contains("is not taking new patients at the moment", shown.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"start\"", shown.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.False(await app.QueryAsync(db => db.Appointments.AnyAsync(a => a.PatientId == patient.Id)));
    }

    [Fact]
    public async Task APatientMovesTheirAppointmentToAnotherOfferedTime()
    {
        var therapist = await app.CreateListedTherapistAsync(["en"], ["depression"]);
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);
        var (_, id) = await BookFirstFreeTimeAsync(browser, therapist);
        var detail = await browser.GetAsync($"/appointments/{id}");
        var newStart = FirstConversations.FirstStart(detail.Html);

        var moved = await browser.PostFormAsync($"/appointments/{id}", new Dictionary<string, string> { ["start"] = newStart },
            $"/appointments/{id}?handler=Move");
        var after = await browser.GetAsync(moved.Location!);

        Assert.Equal(HttpStatusCode.Redirect, moved.Status);
        Assert.Contains("Moved", after.Text, StringComparison.Ordinal);
        var stored = await app.QueryAsync(db => db.Appointments.SingleAsync(a => a.Id == id));
        Assert.Equal(DateTimeOffset.Parse(newStart, System.Globalization.CultureInfo.InvariantCulture), stored.StartUtc);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.AppointmentRescheduled && e.Subject == id.ToString())));
    }

    [Fact]
    public async Task AnAppointmentDownloadsAsACalendarFile()
    {
        var therapist = await app.CreateListedTherapistAsync(["en"], ["depression"]);
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);
        var (_, id) = await BookFirstFreeTimeAsync(browser, therapist);

        var ics = await browser.GetAsync($"/appointments/{id}?handler=Ics");

        Assert.Equal(HttpStatusCode.OK, ics.Status);
        Assert.Equal("text/calendar", ics.Response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"UID:{id:N}@rapport", ics.Html, StringComparison.Ordinal);
        Assert.Contains($"https://rapport.test/appointments/{id}", ics.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdminWithoutAPatientOrTherapistRoleIsRefusedAppointments()
    {
        var admin = await app.CreateAccountAsync(Roles.Admin);
        using var browser = app.NewClient();
        await browser.SignInAsync(admin);

        var (page, _) = await browser.GetFollowingAsync("/appointments");

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
    }

    [Fact]
    public async Task TheMatchingFormSuggestsATherapistAndSaysWhy()
    {
        var tamil = await app.CreateListedTherapistAsync(["ta", "en"], ["perinatal"]);
        using var visitor = app.NewClient();

        var page = await visitor.PostFormAsync("/therapists/match", new Dictionary<string, string>
        {
            ["Input.Language"] = "ta",
            ["Input.Times"] = nameof(MeetingTime.WeekdayMornings),
            ["Input.Brought"] = nameof(WhatBrought.Change),
            ["Input.Condition"] = "perinatal",
            ["Input.Tz"] = "Europe/Berlin",
        });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var suggestions = page.Text[page.Text.IndexOf("Suggested for you", StringComparison.Ordinal)..];
        Assert.StartsWith(tamil.Name, suggestions[suggestions.IndexOf("Dr ", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Matches(@"Speaks Tamil · has \d+ free times on weekday mornings in your time zone · works with depression in pregnancy and after birth", page.Text);
        Assert.Contains("Finding your feet after a change in life", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MatchingSuggestsAPatientInGermanyOnlyTherapistsLicensedForGermany()
    {
        var germany = await app.CreateListedTherapistAsync(["fa"], ["ptsd"]);
        var britain = await app.CreateListedTherapistAsync(["fa"], ["ptsd"], countries: ["GB"]);
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);

        var page = await browser.PostFormAsync("/therapists/match", new Dictionary<string, string>
        {
            ["Input.Language"] = "fa",
            ["Input.Brought"] = nameof(WhatBrought.Change),
            ["Input.Condition"] = "ptsd",
        });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Only therapists licensed for Germany, where you live, are suggested", page.Words, StringComparison.Ordinal);
        Assert.Contains(germany.Name, page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(britain.Name, page.Text, StringComparison.Ordinal);
    }

    private static async Task<(Visitor.Page Booked, Guid Id)> BookFirstFreeTimeAsync(Visitor browser, ListedTherapist therapist)
    {
        var booked = await browser.BookFirstFreeTimeAsync(therapist.Id);
        var location = booked.Location ?? throw new InvalidOperationException($"Booking did not redirect: {booked.Status} {booked.Text}");
        return (booked, Guid.Parse(AppointmentLink().Match(location).Groups[1].Value));
    }

    [GeneratedRegex(@"^/appointments/([0-9a-f-]{36})$")]
    private static partial Regex AppointmentLink();
}

public sealed class PatientBookingPagesTestsOnSqlite(SqliteApp app) : PatientBookingPagesTests(app);

public sealed class PatientBookingPagesTestsOnPostgres(PostgresApp app) : PatientBookingPagesTests(app);
