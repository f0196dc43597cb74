using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.TreatmentCourses;

namespace Rapport.IntegrationTests.Features.TreatmentCourses;

/// <summary>The contract drafted, signed by both on their own pages, locked, amended, and the series booked on signing.</summary>
public abstract class ContractPagesTests(RapportApp app)
{
    private Task<int> SeriesAppointmentsAsync(TestAccount patient, TestAccount therapist) =>
        app.QueryAsync(db => db.Appointments.CountAsync(a => a.PatientId == patient.Id && a.TherapistId == therapist.Id
            && a.SeriesId != null && a.Status == AppointmentStatus.Booked));

    /// <summary>The course's contracted sessions and the version in force, as the course counts them.</summary>
    private async Task<(int Sessions, int Version)> InForceAsync(Guid courseId)
    {
        var course = await app.QueryAsync(db => db.TreatmentCourses.AsNoTracking().SingleAsync(c => c.Id == courseId));
        return (course.ContractedSessions!.Value, course.ContractVersionInForce!.Value);
    }

    /// <summary>The therapist drafts an 8-session contract on the page (first session in 4 days at <paramref name="hour"/>:00 Berlin) and signs it there.</summary>
    private async Task<Visitor> TherapistDraftsAndSignsAsync(TestAccount therapist, TestAccount patient, int hour = 10)
    {
        await app.CourseWithAgreedFormulationAsync(therapist, patient);
        var browser = await app.BrowserForAsync(therapist);
        var url = CoursePages.Course(patient, "contract");
        var drafted = await browser.PostFormAsync(url, CoursePages.ContractFields(app, 8, CoursePages.BerlinDay(app, 4, hour)), CoursePages.Handler(url, "Save"));
        Assert.Equal(HttpStatusCode.Redirect, drafted.Status);
        var signed = await browser.PostFormAsync(url, CoursePages.Signature(await app.DisplayNameAsync(therapist)), CoursePages.Handler(url, "Sign"));
        Assert.Contains("It applies once the patient signs it too.", (await browser.GetAsync(signed.Location!)).Words, StringComparison.Ordinal);
        return browser;
    }

    [Fact]
    public async Task SigningByBothOnTheirOwnPagesPutsTheContractInForceAndBooksTheSeries()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        using var therapistBrowser = await TherapistDraftsAndSignsAsync(therapist, patient);
        using var patientBrowser = await app.BrowserForAsync(patient);

        var toRead = await patientBrowser.GetAsync("/my-plan/contract");
        Assert.Contains("We meet for 8 sessions of 50 minutes, every week", toRead.Words, StringComparison.Ordinal);
        Assert.Contains("Focus: A conflict with someone important", toRead.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("renegotiation", toRead.Words, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Signed by", toRead.Words, StringComparison.Ordinal);
        Assert.Contains("Not yet signed by", toRead.Words, StringComparison.Ordinal);

        var signed = await patientBrowser.PostFormAsync("/my-plan/contract", CoursePages.Signature(await app.DisplayNameAsync(patient)));
        var page = await patientBrowser.GetAsync(signed.Location!);

        // 8 contracted sessions less the one already booked before the contract.
        Assert.Contains("The contract is in force and your 7 sessions are booked.", page.Words, StringComparison.Ordinal);
        Assert.Contains("7 sessions are booked, from", page.Words, StringComparison.Ordinal);
        Assert.Equal(7, await SeriesAppointmentsAsync(patient, therapist));
        var first = await app.QueryAsync(db => db.Appointments.Where(a => a.PatientId == patient.Id && a.SeriesId != null).MinAsync(a => a.StartUtc));
        Assert.Equal(CoursePages.Utc(CoursePages.BerlinDay(app, 4, 10)), first);
        var therapistPage = await therapistBrowser.GetAsync(CoursePages.Course(patient, "contract"));
        Assert.Contains("In force: version 1", therapistPage.Words, StringComparison.Ordinal);
        Assert.Contains("7 sessions booked,", therapistPage.Words, StringComparison.Ordinal);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.CourseSeriesBooked && e.PatientId == patient.Id)));
        Assert.Equal(2, await app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditAction.ContractSigned && e.PatientId == patient.Id)));
    }

    private static string Day(DateTime berlinLocal) => berlinLocal.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The contract drafted and signed by the therapist, then signed by the patient on their page: the series is booked.</summary>
    private async Task<(Visitor Therapist, Visitor Patient)> SignedByBothAsync(TestAccount therapist, TestAccount patient)
    {
        var therapistBrowser = await TherapistDraftsAndSignsAsync(therapist, patient);
        var patientBrowser = await app.BrowserForAsync(patient);
        await patientBrowser.PostFormAsync("/my-plan/contract", CoursePages.Signature(await app.DisplayNameAsync(patient)));
        return (therapistBrowser, patientBrowser);
    }

    /// <summary>The Berlin day of the series' last booked session.</summary>
    private async Task<DateOnly> LastBookedDayAsync(TestAccount patient)
    {
        var lastBooked = await app.QueryAsync(db => db.Appointments.Where(a => a.PatientId == patient.Id && a.SeriesId != null).MaxAsync(a => a.StartUtc));
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(lastBooked, CoursePages.Berlin).DateTime);
    }

    [Fact]
    public async Task AfterSigningBooksTheSeriesTheContractsLastSessionIsTheLastBookedSession()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var (therapistBrowser, patientBrowser) = await SignedByBothAsync(therapist, patient);
        using var _ = therapistBrowser;
        using var __ = patientBrowser;

        var therapistPage = await therapistBrowser.GetAsync(CoursePages.Course(patient, "contract"));
        var patientPage = await patientBrowser.GetAsync("/my-plan/contract");

        var expected = $"The last session is planned for {Day((await LastBookedDayAsync(patient)).ToDateTime(TimeOnly.MinValue))}.";
        Assert.Contains(expected, therapistPage.Words, StringComparison.Ordinal);
        Assert.Contains(expected, patientPage.Words, StringComparison.Ordinal);
        // The terms alone (8 weekly sessions from the first one) would end a week later: one session was booked before the contract.
        Assert.DoesNotContain(Day(CoursePages.BerlinDay(app, 4 + 7 * 7, 10)), therapistPage.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTreatmentSummaryPlansTheLastSessionOnTheDateTheContractNames()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var (therapistBrowser, patientBrowser) = await SignedByBothAsync(therapist, patient);
        using var _ = therapistBrowser;
        using var __ = patientBrowser;
        var courseId = await app.QueryAsync(db => db.TreatmentCourses.Where(c => c.PatientId == patient.Id).Select(c => c.Id).SingleAsync());
        using var api = await app.ApiAsync(therapist);

        // The PDF is drawn from this same summary (TreatmentSummaryPdf renders the model the API returns).
        var summary = await api.Http.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/summary");

        var plannedEnd = DateOnly.Parse(summary.GetProperty("plannedEnd").GetString()!, CultureInfo.InvariantCulture);
        Assert.Equal(await LastBookedDayAsync(patient), plannedEnd);
    }

    [Fact]
    public async Task TheContractsLastSessionCountsTheSessionsAlreadyHeld()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var booked = await app.QueryAsync(db => db.Appointments.AsNoTracking().SingleAsync(a => a.PatientId == patient.Id));
        var held = await app.BeganAgoAsync(booked, TimeSpan.FromDays(14));
        var courseId = await app.CourseWithAgreedFormulationAsync(therapist, patient);
        await app.WithServiceAsync(async (_, db) =>
        {
            var course = await db.TreatmentCourses.SingleAsync(c => c.Id == courseId);
            course.RecordSessionHeld(held.Id, held.StartUtc, app.Clock.GetUtcNow());
            return await db.SaveChangesAsync();
        });
        using var browser = await app.BrowserForAsync(therapist);
        var url = CoursePages.Course(patient, "contract");

        await browser.PostFormAsync(url, CoursePages.ContractFields(app, 8, CoursePages.BerlinDay(app, 4, 10)), CoursePages.Handler(url, "Save"));
        var page = await browser.GetAsync(url);

        // 8 sessions, 1 already held: the 7 left, weekly from the first one in 4 days, end 6 weeks after it.
        Assert.Contains("We meet for 8 sessions of 50 minutes, every week", page.Words, StringComparison.Ordinal);
        Assert.Contains($"The last session is planned for {Day(CoursePages.BerlinDay(app, 4 + 6 * 7, 10))}.", page.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AClashOnOneOccurrenceBooksNothingShowsTheAlternativesAndTheSeriesBooksFromAnotherTime()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        using var therapistBrowser = await TherapistDraftsAndSignsAsync(therapist, patient);
        var third = CoursePages.Utc(CoursePages.BerlinDay(app, 4 + 14, 10));
        await app.QueryAsync(async db =>
        {
            db.AvailabilityExceptions.Add(AvailabilityException.Create(therapist.Id, ExceptionKind.TimeOff, third, third.AddHours(1), "Dentist"));
            return await db.SaveChangesAsync();
        });
        using var patientBrowser = await app.BrowserForAsync(patient);

        var signed = await patientBrowser.PostFormAsync("/my-plan/contract", CoursePages.Signature(await app.DisplayNameAsync(patient)));
        var patientPage = await patientBrowser.GetAsync(signed.Location!);

        Assert.Contains("your therapist will choose the times", patientPage.Words, StringComparison.Ordinal);
        Assert.Equal(0, await SeriesAppointmentsAsync(patient, therapist));
        var url = CoursePages.Course(patient, "contract");
        var page = await therapistBrowser.GetAsync(url);
        Assert.Contains("Nothing is booked yet: 1 session of the series cannot be booked", page.Words, StringComparison.Ordinal);
        Assert.Contains($"Session 3 on {CoursePages.BerlinDay(app, 18, 10).ToString("ddd d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}, 10:00", page.Words, StringComparison.Ordinal);
        Assert.Contains("Free nearby:", page.Words, StringComparison.Ordinal);

        var booked = await therapistBrowser.PostFormAsync(url, new Dictionary<string, string> { ["FirstStart"] = CoursePages.Field(CoursePages.BerlinDay(app, 4, 12)) },
            CoursePages.Handler(url, "BookSeries"));
        var after = await therapistBrowser.GetAsync(booked.Location!);

        Assert.Contains("7 sessions booked, from", after.Words, StringComparison.Ordinal);
        Assert.Equal(7, await SeriesAppointmentsAsync(patient, therapist));
        Assert.Contains("7 sessions are booked", (await patientBrowser.GetAsync("/my-plan/contract")).Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BookingTheSeriesAtATimeThatClashesBooksNothingAndListsEachClash()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var courseId = await app.CourseWithAgreedFormulationAsync(therapist, patient);
        await app.SignByBothAsync(await app.DraftContractAsync(courseId, sessions: 6), therapist, patient);
        var second = CoursePages.Utc(CoursePages.BerlinDay(app, 5 + 7, 9));
        await app.QueryAsync(async db =>
        {
            db.AvailabilityExceptions.Add(AvailabilityException.Create(therapist.Id, ExceptionKind.TimeOff, second, second.AddHours(2), "Course"));
            return await db.SaveChangesAsync();
        });
        using var browser = await app.BrowserForAsync(therapist);
        var url = CoursePages.Course(patient, "contract");

        var page = await browser.PostFormAsync(url, new Dictionary<string, string> { ["FirstStart"] = CoursePages.Field(CoursePages.BerlinDay(app, 5, 9)) },
            CoursePages.Handler(url, "BookSeries"));

        Assert.Equal(HttpStatusCode.Conflict, page.Status);
        Assert.Contains("Nothing was booked: 1 session of the series cannot be booked at that time.", page.Words, StringComparison.Ordinal);
        Assert.Contains("Session 2 on", page.Words, StringComparison.Ordinal);
        Assert.Equal(0, await SeriesAppointmentsAsync(patient, therapist));
    }

    [Fact]
    public async Task BookingTheSeriesWithoutAFirstTimeAsksForItAndBooksNothing()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var courseId = await app.CourseWithAgreedFormulationAsync(therapist, patient);
        await app.SignByBothAsync(await app.DraftContractAsync(courseId, sessions: 6), therapist, patient);
        using var browser = await app.BrowserForAsync(therapist);
        var url = CoursePages.Course(patient, "contract");

        var page = await browser.PostFormAsync(url, new Dictionary<string, string>(), CoursePages.Handler(url, "BookSeries"));

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("Choose the date and time of the first session.", page.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("already booked", page.Words, StringComparison.Ordinal);
        Assert.Equal(0, await SeriesAppointmentsAsync(patient, therapist));
    }

    [Fact]
    public async Task SigningWhenNoVersionWaitsSaysSoAndLeavesTheSignedContractAlone()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var courseId = await app.CourseWithAgreedFormulationAsync(therapist, patient);
        var contractId = await app.DraftContractAsync(courseId, sessions: 6);
        await app.SignByBothAsync(contractId, therapist, patient);
        using var browser = await app.BrowserForAsync(therapist);
        var url = CoursePages.Course(patient, "contract");

        var page = await browser.PostFormAsync(url, CoursePages.Signature(await app.DisplayNameAsync(therapist)), CoursePages.Handler(url, "Sign"));

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("There is no version waiting for a signature.", page.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("cannot change", page.Words, StringComparison.Ordinal);
        Assert.Equal(1, await app.QueryAsync(db => db.TreatmentContracts.CountAsync(c => c.CourseId == courseId)));
    }

    [Fact]
    public async Task ASignedContractCannotBeEdited()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var courseId = await app.CourseInMiddlePhaseAsync(therapist, patient);
        using var browser = await app.BrowserForAsync(therapist);
        var url = CoursePages.Course(patient, "contract");

        var form = await browser.GetAsync(url);
        var page = await browser.PostFormAsync(url, CoursePages.ContractFields(app, 12), CoursePages.Handler(url, "Save"));

        Assert.Contains("Signed by both; locked.", form.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("Change this version", form.Words, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("Both of you have signed this contract, so it cannot change. Make an amendment instead", page.Words, StringComparison.Ordinal);
        var contract = await app.QueryAsync(db => db.TreatmentContracts.SingleAsync(c => c.CourseId == courseId));
        Assert.Equal(16, contract.SessionCount);
        Assert.True(contract.IsSignedByBoth);
    }

    [Fact]
    public async Task AnAmendmentNeedsBothSignaturesAndTheOldVersionStaysInForceMeanwhile()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var courseId = await app.CourseInMiddlePhaseAsync(therapist, patient);
        using var therapistBrowser = await app.BrowserForAsync(therapist);
        using var patientBrowser = await app.BrowserForAsync(patient);
        var url = CoursePages.Course(patient, "contract");

        var amended = await therapistBrowser.PostFormAsync(url, CoursePages.ContractFields(app, 18, reason: "Two more sessions after the holiday"), CoursePages.Handler(url, "Amend"));
        var page = await therapistBrowser.GetAsync(amended.Location!);

        Assert.Contains("Amendment (version 2) saved. Version 1 stays in force until both of you sign it.", page.Words, StringComparison.Ordinal);
        Assert.Contains("What changes and why: Two more sessions after the holiday", page.Words, StringComparison.Ordinal);
        Assert.Equal((16, 1), await InForceAsync(courseId));

        await therapistBrowser.PostFormAsync(url, CoursePages.Signature(await app.DisplayNameAsync(therapist)), CoursePages.Handler(url, "Sign"));
        Assert.Equal(16, await app.QueryAsync(db => db.TreatmentCourses.Where(c => c.Id == courseId).Select(c => c.ContractedSessions!.Value).SingleAsync()));
        var mine = await patientBrowser.GetAsync("/my-plan/contract");
        Assert.Contains("A change to your contract is waiting for your signature. Until both of you sign it, version 1 still applies.", mine.Words, StringComparison.Ordinal);
        Assert.Contains("We meet for 18 sessions", mine.Words, StringComparison.Ordinal);

        var signed = await patientBrowser.PostFormAsync("/my-plan/contract", CoursePages.Signature(await app.DisplayNameAsync(patient)));

        Assert.Contains("The contract is in force.", (await patientBrowser.GetAsync(signed.Location!)).Words, StringComparison.Ordinal);
        Assert.Equal((18, 2), await InForceAsync(courseId));
        var versions = await therapistBrowser.GetAsync(url);
        Assert.Contains("In force: version 2", versions.Words, StringComparison.Ordinal);
        Assert.Contains("First contract", versions.Words, StringComparison.Ordinal);
        Assert.Contains("Replaced", versions.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASevenSessionDraftIsWarnedAboutAndKeepsTheReasonTheClinicianGave()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var courseId = await app.CourseWithAgreedFormulationAsync(therapist, patient);
        using var browser = await app.BrowserForAsync(therapist);
        var url = CoursePages.Course(patient, "contract");
        var fields = CoursePages.ContractFields(app, 7);
        fields["Form.LengthReason"] = "Moving abroad in two months; a brief course agreed with the patient.";

        var saved = await browser.PostFormAsync(url, fields, CoursePages.Handler(url, "Save"));
        var page = await browser.GetAsync(saved.Location!);

        Assert.Contains("7 sessions is fewer than the 8 of the shortest tested IPT format.", page.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("fall in the middle phase", page.Words, StringComparison.Ordinal);
        Assert.Contains("Why this length: Moving abroad in two months; a brief course agreed with the patient.", page.Words, StringComparison.Ordinal);
        var contract = await app.QueryAsync(db => db.TreatmentContracts.SingleAsync(c => c.CourseId == courseId));
        Assert.Equal("Moving abroad in two months; a brief course agreed with the patient.", contract.LengthReason);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(25)]
    public async Task ASessionCountOutsideFourToTwentyFourIsRefusedAndNothingIsSaved(int sessions)
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var courseId = await app.CourseWithAgreedFormulationAsync(therapist, patient);
        using var browser = await app.BrowserForAsync(therapist);
        var url = CoursePages.Course(patient, "contract");

        var page = await browser.PostFormAsync(url, CoursePages.ContractFields(app, sessions), CoursePages.Handler(url, "Save"));

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("A course has between 4 and 24 sessions.", page.Words, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.TreatmentContracts.AnyAsync(c => c.CourseId == courseId)));
    }

    [Fact]
    public async Task ASignatureWithTheWrongNameOrWithoutConfirmationIsRefused()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var courseId = await app.CourseWithAgreedFormulationAsync(therapist, patient);
        var contractId = await app.DraftContractAsync(courseId);
        using var browser = await app.BrowserForAsync(patient);
        var name = await app.DisplayNameAsync(patient);

        var wrongName = await browser.PostFormAsync("/my-plan/contract", CoursePages.Signature("Somebody Else"));
        var unconfirmed = await browser.PostFormAsync("/my-plan/contract", new Dictionary<string, string> { ["TypedName"] = name });

        Assert.Equal(HttpStatusCode.BadRequest, wrongName.Status);
        Assert.Contains($"Type your name exactly as it appears on your account: {name}.", wrongName.Words, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.Status);
        Assert.Contains("Confirm that you have read the contract and agree to it.", unconfirmed.Words, StringComparison.Ordinal);
        Assert.Null(await app.QueryAsync(db => db.TreatmentContracts.Where(c => c.Id == contractId).Select(c => c.PatientSignedAt).SingleAsync()));
    }
}

public sealed class ContractPagesTestsOnSqlite(SqliteApp app) : ContractPagesTests(app);

public sealed class ContractPagesTestsOnPostgres(PostgresApp app) : ContractPagesTests(app);
