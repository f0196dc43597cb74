using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.IntegrationTests.Features.TreatmentCourses;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Calendars;
using Rapport.Web.Features.DataRights;
using Rapport.Web.Features.Safety;
using Rapport.Web.Features.TreatmentCourses;
using UglyToad.PdfPig;

namespace Rapport.IntegrationTests.Features.DataRights;

/// <summary>
/// The patient's data rights (DataRights readme): the readable copy of their records, the erasure request with its grace
/// period, the erasure itself and, years later, the purge of the clinical record. The app is this class's own (its clock
/// moves by years), and its erasure job is off, so the test decides when it runs; its e-mail goes through real SMTP.
/// </summary>
public abstract class DataRightsTests(RapportApp app)
{
    private const string Page = "/account/data";

    private async Task<Visitor> SignedInAsync(TestAccount account)
    {
        var browser = app.NewClient();
        await browser.SignInAsync(account);
        return browser;
    }

    private async Task<int> CarryOutDueAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ErasureRequests>().CarryOutDueAsync(CancellationToken.None);
    }

    private async Task<int> PurgeDueAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RecordsPurge>().PurgeDueAsync(CancellationToken.None);
    }

    private Task<Visitor.Page> AskForErasureAsync(Visitor browser, string password) =>
        browser.PostFormAsync(Page, new Dictionary<string, string> { ["Password"] = password }, Page + "?handler=Request");

    private Task<ErasureRequest?> RequestOfAsync(TestAccount patient) =>
        app.QueryAsync(db => db.ErasureRequests.AsNoTracking().Where(r => r.PatientId == patient.Id).OrderByDescending(r => r.RequestedAt).FirstOrDefaultAsync());

    [Fact]
    public async Task APatientAsksForErasureSeesWhatIsKeptAndWhyAndCancelsWithinTheGraceWhileNobodyElseCanSeeOrCancelIt()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var other = await app.CreateAccountAsync(Roles.Patient);
        var admin = await app.CreateAccountAsync(Roles.Admin, twoFactor: true);
        var therapist = await app.CreatePracticeTherapistAsync();
        using var browser = await SignedInAsync(patient);

        var before = await browser.GetAsync(Page);
        var wrongPassword = await AskForErasureAsync(browser, "not my password at all");
        var nothingYet = await RequestOfAsync(patient);
        var asked = await AskForErasureAsync(browser, patient.Password);
        var pending = await browser.GetAsync(Page);
        var request = await RequestOfAsync(patient);
        var mail = await app.Mail.WaitForAsync(patient.Email, m => m.Subject == "You asked us to erase your Rapport account");

        using var stranger = await SignedInAsync(other);
        var strangersPage = await stranger.GetAsync(Page);
        var strangersCancel = await stranger.PostFormAsync(Page, new Dictionary<string, string> { ["requestId"] = request!.Id.ToString() }, Page + "?handler=Cancel");
        var stillPending = await RequestOfAsync(patient);

        using var adminBrowser = await SignedInAsync(admin);
        var adminView = await adminBrowser.GetAsync("/admin/data-requests");
        using var therapistBrowser = await SignedInAsync(therapist);
        var therapistTry = await therapistBrowser.GetAsync("/admin/data-requests");

        var cancelled = await browser.PostFormAsync(Page, new Dictionary<string, string> { ["requestId"] = request.Id.ToString() }, Page + "?handler=Cancel");
        var after = await browser.GetAsync(Page);
        var cancelMail = await app.Mail.WaitForAsync(patient.Email, m => m.Subject == "Your Rapport account will not be erased");

        Assert.Equal(HttpStatusCode.OK, before.Status);
        Assert.Contains("What is kept, and why", before.Words, StringComparison.Ordinal);
        Assert.Contains("kept for 10 years after your last session or the end of your course", before.Words, StringComparison.Ordinal);
        Assert.Contains("30 days after you ask", before.Words, StringComparison.Ordinal);
        Assert.Contains("your messages with your therapist, because they are part of your care", before.Words, StringComparison.Ordinal);
        Assert.Contains("href=\"/account/data/export\"", before.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"/account/data/export.pdf\"", before.Html, StringComparison.Ordinal);
        Assert.Contains("That is not your password", wrongPassword.Words, StringComparison.Ordinal);
        Assert.Null(nothingYet);
        Assert.Equal(HttpStatusCode.Redirect, asked.Status);
        Assert.Contains("We have your request", pending.Words, StringComparison.Ordinal);
        Assert.Contains("It will be erased after", pending.Words, StringComparison.Ordinal);
        Assert.Equal(ErasureStatus.Pending, request.Status);
        Assert.Equal(TimeSpan.FromDays(30), request.CarryOutAfter - request.RequestedAt);
        Assert.Contains("https://rapport.test/account/data", mail.TextBody, StringComparison.Ordinal);

        Assert.DoesNotContain("You asked on", strangersPage.Words, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, strangersCancel.Status);
        Assert.Equal(ErasureStatus.Pending, stillPending!.Status);

        Assert.Equal(HttpStatusCode.OK, adminView.Status);
        Assert.Contains(patient.Email, adminView.Text, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, therapistTry.Status);
        Assert.DoesNotContain(patient.Email, therapistTry.Html, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, cancelled.Status);
        Assert.Contains("Your request is cancelled. Nothing was erased.", after.Words, StringComparison.Ordinal);
        Assert.Equal(ErasureStatus.Cancelled, (await RequestOfAsync(patient))!.Status);
        Assert.Contains("Nothing was erased", cancelMail.TextBody, StringComparison.Ordinal);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.ErasureRequested && e.PatientId == patient.Id
            && e.Outcome == AuditOutcome.Denied && e.Detail == "wrong password")));
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.ErasureRequested && e.PatientId == patient.Id
            && e.Outcome == AuditOutcome.Success)));
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.ErasureCancelled && e.PatientId == patient.Id)));
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.ReadDataRequests && e.UserId == admin.Id)));
    }

    [Fact]
    public async Task AfterTheGraceTheSignInAndWhatIsNotClinicalAreErasedTheRecordStaysForItsTherapistAndIsPurgedAfterRetentionUnlessACourseIsOpen()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await app.AnswerAsync(patient, InstrumentCatalog.Phq9, CareRecords.Phq9(17));
        // A record with each kind of clinical row: an ended course with its inventory and formulation, a message, a safety plan.
        var endedCourse = await app.CourseWithAgreedFormulationAsync(therapist, patient);
        await app.QueryAsync(async db =>
        {
            (await db.TreatmentCourses.SingleAsync(c => c.Id == endedCourse)).EndEarly("Moving abroad", app.Clock.GetUtcNow());
            db.SafetyPlanVersions.Add(SafetyPlanVersion.Write(patient.Id, null, new("Walk", null, null, null, null, null, null), therapist.Id, app.Clock.GetUtcNow()));
            return await db.SaveChangesAsync();
        });
        using (var api = await app.ApiAsync(patient))
        {
            var conversation = await app.AcceptIntoCareAsync(therapist, patient);
            var sent = await api.Http.PostAsJsonAsync($"/api/v1/conversations/{conversation}/messages", new { text = "See you next week" });
            Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        }
        var (heldTherapist, heldPatient) = await app.PatientInCareAsync();
        await app.AnswerAsync(heldPatient, InstrumentCatalog.Phq9, CareRecords.Phq9(12));
        var heldCourse = await app.CourseInMiddlePhaseAsync(heldTherapist, heldPatient);
        await app.QueryAsync(db =>
        {
            db.CalendarFeeds.Add(CalendarFeed.Create(patient.Id, app.Clock.GetUtcNow()).Feed);
            return db.SaveChangesAsync();
        });
        using var browser = await SignedInAsync(patient);
        await AskForErasureAsync(browser, patient.Password);
        using (var held = await SignedInAsync(heldPatient))
        {
            await AskForErasureAsync(held, heldPatient.Password);
        }

        var duringGrace = await CarryOutDueAsync();
        app.Clock.Advance(TimeSpan.FromDays(31));
        var carriedOut = await CarryOutDueAsync();
        var goodbye = await app.Mail.WaitForAsync(patient.Email, m => m.Subject == "Your Rapport account has been erased");
        var oldSession = await browser.GetAsync("/patient");
        using var again = app.NewClient();
        var signInAgain = await again.PostFormAsync("/account/sign-in", new Dictionary<string, string>
        {
            ["Input.Email"] = patient.Email,
            ["Input.Password"] = patient.Password,
        });
        var account = await app.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == patient.Id));
        using var clinician = await SignedInAsync(therapist);
        var record = await clinician.GetAsync($"/therapist/patients/{patient.Id}");
        using var admin = await SignedInAsync(await app.CreateAccountAsync(Roles.Admin, twoFactor: true));
        var adminView = await admin.GetAsync("/admin/data-requests");
        var keptUntil = (await RequestOfAsync(patient))!.RetentionEndsAt!.Value;

        Assert.Equal(0, duringGrace);
        Assert.Equal(2, carriedOut);
        Assert.DoesNotContain("17", goodbye.TextBody, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, oldSession.Status);
        Assert.NotEqual(HttpStatusCode.Redirect, signInAgain.Status);
        Assert.Null(account.Email);
        Assert.Null(account.PhoneNumber);
        Assert.Null(account.PasswordHash);
        Assert.False(account.TwoFactorEnabled);
        Assert.NotNull(account.ErasedAt);
        Assert.Equal(0, await AddressInOutboxAsync(patient.Email));
        Assert.Equal(0, await app.QueryAsync(db => db.CalendarFeeds.CountAsync(f => f.UserId == patient.Id)));
        Assert.Equal(0, await app.QueryAsync(db => db.TokenFamilies.CountAsync(f => f.UserId == patient.Id)));
        Assert.Equal(1, await app.QueryAsync(db => db.AssessmentResponses.CountAsync(r => r.PatientId == patient.Id)));
        Assert.Equal(HttpStatusCode.OK, record.Status);
        Assert.Contains("Account erased at the patient's request", record.Words, StringComparison.Ordinal);
        Assert.Contains("This record is kept", record.Words, StringComparison.Ordinal);
        var carriedOutRows = adminView.Html[adminView.Html.IndexOf("id=\"carried-out\"", StringComparison.Ordinal)..];
        Assert.Contains(await app.DisplayNameAsync(patient), carriedOutRows, StringComparison.Ordinal);
        Assert.Contains(DataRequestsDay(keptUntil), carriedOutRows, StringComparison.Ordinal);
        Assert.True(keptUntil > app.Clock.GetUtcNow().AddYears(9), $"kept until {keptUntil:O}");
        var erased = await app.QueryAsync(db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == AuditAction.ErasureCarriedOut && e.PatientId == patient.Id));
        Assert.Contains("calendar feeds 1", erased.Detail, StringComparison.Ordinal);

        app.Clock.Advance(TimeSpan.FromDays(366 * 10 + 30));
        var purged = await PurgeDueAsync();
        var afterPurge = await app.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == patient.Id));

        Assert.Equal(1, purged);
        Assert.Equal(0, await app.QueryAsync(db => db.AssessmentResponses.CountAsync(r => r.PatientId == patient.Id)));
        Assert.Equal(0, await app.QueryAsync(db => db.Appointments.CountAsync(a => a.PatientId == patient.Id)));
        Assert.Equal(0, await app.QueryAsync(db => db.CareRelationships.CountAsync(r => r.PatientId == patient.Id)));
        Assert.Equal(0, await app.QueryAsync(db => db.TreatmentCourses.CountAsync(c => c.PatientId == patient.Id)));
        Assert.Equal(0, await app.QueryAsync(db => db.Formulations.CountAsync(f => f.CourseId == endedCourse)));
        Assert.Equal(0, await app.QueryAsync(db => db.Conversations.CountAsync(c => c.PatientId == patient.Id)));
        Assert.Equal(0, await app.QueryAsync(db => db.SafetyPlanVersions.CountAsync(p => p.PatientId == patient.Id)));
        Assert.Equal("Erased account", afterPurge.DisplayName);
        Assert.Equal(ErasureStatus.Purged, (await RequestOfAsync(patient))!.Status);
        var purge = await app.QueryAsync(db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == AuditAction.RecordsPurged && e.PatientId == patient.Id));
        Assert.Contains("questionnaire answers 1", purge.Detail, StringComparison.Ordinal);
        Assert.Contains("messages 1", purge.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("See you next week", purge.Detail, StringComparison.Ordinal);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.ErasureRequested && e.PatientId == patient.Id)));
        // The open course holds the other record past its retention.
        Assert.Equal(ErasureStatus.CarriedOut, (await RequestOfAsync(heldPatient))!.Status);
        Assert.Equal(1, await app.QueryAsync(db => db.AssessmentResponses.CountAsync(r => r.PatientId == heldPatient.Id)));
        Assert.True(await app.QueryAsync(db => db.TreatmentCourses.AnyAsync(c => c.Id == heldCourse)));
    }

    [Fact]
    public async Task ThePatientDownloadsAReadableCopyWithTheirScoresAndNothingTheClinicianKeepsForThemself()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await app.AnswerAsync(patient, InstrumentCatalog.Phq9, CareRecords.Phq9(17));
        await app.CourseInMiddlePhaseAsync(therapist, patient);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<InitialPhaseTasks>().RecordDiagnosisAsync(therapist.Id, patient.Id, "6A71", null, CancellationToken.None);
        }
        var other = await app.CreateAccountAsync(Roles.Patient);
        using var browser = await SignedInAsync(patient);
        using var otherBrowser = await SignedInAsync(other);
        using var clinician = await SignedInAsync(therapist);

        var response = await browser.Http.GetAsync(Page + "/export.pdf");
        var text = PdfText(await response.Content.ReadAsByteArrayAsync());
        var othersCopy = PdfText(await otherBrowser.Http.GetByteArrayAsync(Page + "/export.pdf"));
        var clinicianTry = await clinician.Http.GetAsync(Page + "/export.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Equal(RecordsCopy.FileName, response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        Assert.Contains("PHQ-9", text, StringComparison.Ordinal);
        Assert.Contains("score 17", text, StringComparison.Ordinal);
        Assert.Contains(patient.Email, text, StringComparison.Ordinal);
        Assert.Contains("Your low mood began when the rows with Sam started", text, StringComparison.Ordinal);
        Assert.DoesNotContain(PatientWordsTests.ClinicianTerms, t => text.Contains(t, StringComparison.OrdinalIgnoreCase));
        Assert.Contains("No questionnaires answered yet.", othersCopy, StringComparison.Ordinal);
        Assert.DoesNotContain("score 17", othersCopy, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, clinicianTry.StatusCode);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e =>
            e.Action == AuditAction.RecordsCopyRead && e.PatientId == patient.Id && e.UserId == patient.Id && e.Outcome == AuditOutcome.Success)));
    }

    /// <summary>Rows of the outbox that still hold the address, once the last e-mail to it has been sent (a few seconds at most).</summary>
    private async Task<int> AddressInOutboxAsync(string address)
    {
        for (var tries = 0; ; tries++)
        {
            var holding = await app.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == address));
            if (holding == 0 || tries == 50)
            {
                return holding;
            }
            await Task.Delay(200);
        }
    }

    private static string DataRequestsDay(DateTimeOffset at) => at.UtcDateTime.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

    private static string PdfText(byte[] bytes)
    {
        using var pdf = PdfDocument.Open(bytes);
        return string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
    }
}

public sealed class DataRightsTestsOnSqlite(IsolatedSqliteApp app) : DataRightsTests(app), IClassFixture<IsolatedSqliteApp>;

public sealed class DataRightsTestsOnPostgres(IsolatedPostgresApp app) : DataRightsTests(app), IClassFixture<IsolatedPostgresApp>;
