using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.IntegrationTests.Features.CareRelationships;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Messaging;

namespace Rapport.IntegrationTests.Features.Messaging;

/// <summary>
/// The content-free e-mail about a waiting message (Messaging readme, rule 9), with the app's clock moved: only once a
/// message has waited unread for 10 minutes, at most one an hour per conversation, and never its words. The app is
/// this class's own (its clock moves), and nothing sends the outbox there, so e-mails are read as queued.
/// </summary>
public abstract class MessageNoticeTests(RapportApp app)
{
    private async Task<int> CheckAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MessageNotices>().SendDueAsync(CancellationToken.None);
    }

    private Task<List<Rapport.Web.Features.Notifications.OutboxMessage>> MailsToAsync(TestAccount to) =>
        app.QueryAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.ToAddress == to.Email && m.CorrelationKey != null
            && m.CorrelationKey.StartsWith("message-notice:")).ToListAsync());

    private static Task<HttpResponseMessage> SendAsync(Visitor api, Guid conversationId, string text) =>
        api.Http.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/messages", new { text });

    [Fact]
    public async Task AnUnreadMessageBringsOneContentFreeEmailAfterTenMinutesAndAtMostOneAnHour()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        var patientAccount = await app.CreateAccountAsync(Roles.Patient);
        var conversation = await app.AcceptIntoCareAsync(therapist, patientAccount);
        using var patient = await app.ApiAsync(patientAccount);
        const string words = "My sister and I argued about our mother again";

        await (await SendAsync(patient, conversation, words)).JsonAsync(HttpStatusCode.Created);
        await CheckAsync();
        var tooSoon = await MailsToAsync(therapist);
        app.Clock.Advance(TimeSpan.FromMinutes(11));
        await CheckAsync();
        var afterTen = await MailsToAsync(therapist);
        await (await SendAsync(patient, conversation, "And one more thing")).JsonAsync(HttpStatusCode.Created);
        app.Clock.Advance(TimeSpan.FromMinutes(11));
        await CheckAsync();
        var withinTheHour = await MailsToAsync(therapist);
        app.Clock.Advance(TimeSpan.FromHours(1));
        await CheckAsync();
        var nextHour = await MailsToAsync(therapist);

        Assert.Empty(tooSoon);
        var mail = Assert.Single(afterTen);
        Assert.Equal(MessageMail.Subject, mail.Subject);
        Assert.DoesNotContain("sister", mail.TextBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("patient", mail.TextBody, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("/therapist/messages", mail.TextBody, StringComparison.Ordinal);
        Assert.Single(withinTheHour);
        Assert.Equal(2, nextHour.Count);
        Assert.Empty(await MailsToAsync(patientAccount));
    }

    [Fact]
    public async Task AMessageReadInTimeBringsNoEmailAndTheClinicianAnswerWaitsForThePatient()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        var patientAccount = await app.CreateAccountAsync(Roles.Patient);
        var conversation = await app.AcceptIntoCareAsync(therapist, patientAccount);
        using var patient = await app.ApiAsync(patientAccount);
        using var clinician = await app.ApiAsync(therapist);

        await (await SendAsync(patient, conversation, "Did the homework")).JsonAsync(HttpStatusCode.Created);
        await (await clinician.Http.PostAsJsonAsync($"/api/v1/conversations/{conversation}/read", new { })).JsonAsync();
        await (await SendAsync(clinician, conversation, "Well done; bring it on Tuesday.")).JsonAsync(HttpStatusCode.Created);
        app.Clock.Advance(TimeSpan.FromMinutes(11));
        await CheckAsync();

        Assert.Empty(await MailsToAsync(therapist));
        var mail = Assert.Single(await MailsToAsync(patientAccount));
        Assert.DoesNotContain("Tuesday", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("therapist", mail.TextBody + mail.Subject, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task OutOfTheClinicianSHoursThePatientIsToldWhenToExpectAReply()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        var patientAccount = await app.CreateAccountAsync(Roles.Patient);
        await app.AcceptIntoCareAsync(therapist, patientAccount);
        // The practice therapists work 07:00–21:00 in Berlin: move the clock to the next 03:00 there.
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var local = TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), berlin);
        var target = new DateTimeOffset(local.Date.AddDays(1).AddHours(3), berlin.GetUtcOffset(local.Date.AddDays(1).AddHours(3)));
        app.Clock.Advance(target - local);
        using var browser = app.NewClient();
        await browser.SignInAsync(patientAccount);

        var page = await browser.GetAsync("/messages");

        Assert.Contains("is not working now. Expect a reply after they start again on", page.Words, StringComparison.Ordinal);
        Assert.Contains("at 07:00", page.Words, StringComparison.Ordinal);
    }
}

public sealed class MessageNoticeTestsOnSqlite(ManualEscalationSqliteApp app) : MessageNoticeTests(app), IClassFixture<ManualEscalationSqliteApp>;

public sealed class MessageNoticeTestsOnPostgres(ManualEscalationPostgresApp app) : MessageNoticeTests(app), IClassFixture<ManualEscalationPostgresApp>;
