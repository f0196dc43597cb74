using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.IntegrationTests.Features.CareRelationships;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.Messaging;
using Rapport.Web.Features.Messaging.Pages;

namespace Rapport.IntegrationTests.Features.Messaging;

/// <summary>
/// While a colleague covers for the responsible clinician (CareRelationships readme, rule 12), the patient's messages
/// page says who reads their messages now and until when, and whose hours a reply waits for (Messaging readme, rule 7);
/// once the cover is over it speaks of their therapist again. The app is this class's own, since its clock moves.
/// </summary>
public abstract class CoverMessagesPageTests(RapportApp app)
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private sealed record Cover(TestAccount Patient, TestAccount Responsible, TestAccount Covering, string ResponsibleName, string CoveringName,
        Guid ConversationId, DateTimeOffset EndsAt);

    /// <summary>
    /// A patient in the care of a clinician who keeps no weekly hours, covered from now until midnight (Berlin) seven
    /// days on by a practice therapist who works 07:00–21:00 in Berlin; the clock stands at 03:00 in Berlin.
    /// </summary>
    private async Task<Cover> CoveredAt3amAsync()
    {
        var responsible = await app.CreateAccountAsync(Roles.Therapist);
        var covering = await app.CreatePracticeTherapistAsync();
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var responsibleName = await app.NameAsync(responsible, "Amara Okafor");
        var coveringName = await app.NameAsync(covering, "Jonas Weber");
        var relationship = await app.AcceptIntoCareAsync(responsible, patient);
        var local = TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), Berlin);
        var threeAm = local.Date.AddDays(1).AddHours(3);
        app.Clock.Advance(new DateTimeOffset(threeAm, Berlin.GetUtcOffset(threeAm)) - local);
        var midnight = threeAm.Date.AddDays(7);
        var endsAt = new DateTimeOffset(midnight, Berlin.GetUtcOffset(midnight)).ToUniversalTime();
        using (var api = await app.ApiAsync(responsible))
        {
            await (await api.Http.PostAsJsonAsync($"/api/v1/care-relationships/{relationship}/cover",
                new { coveringClinicianId = covering.Id, startsAt = app.Clock.GetUtcNow().AddMinutes(-1), endsAt })).JsonAsync(HttpStatusCode.Created);
        }
        return new Cover(patient, responsible, covering, responsibleName, coveringName, relationship, endsAt);
    }

    private Task<int> MailsToAsync(TestAccount to) =>
        app.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == to.Email && m.CorrelationKey != null
            && m.CorrelationKey.StartsWith("message-notice:")));

    [Fact]
    public async Task DuringCoverThePatientIsToldWhoReadsTheirMessagesUntilWhenAndWhenTheCoveringClinicianStartsAgain()
    {
        var c = await CoveredAt3amAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(c.Patient);
        var lastDay = new ViewerZone(Berlin, IsOwn: true) { Clock = app.Clock }.Day(c.EndsAt.AddMinutes(-1));

        var page = await browser.GetAsync("/messages");

        Assert.Contains($"Messages with {c.CoveringName}, covering for {c.ResponsibleName}", page.Words, StringComparison.Ordinal);
        Assert.Contains($"{c.ResponsibleName} is away until the end of {lastDay}. {c.CoveringName} is covering for them, and reads and answers your messages meanwhile.",
            page.Words, StringComparison.Ordinal);
        Assert.Contains(MessagesModel.ReplyPromiseDuringCover(c.CoveringName), page.Words, StringComparison.Ordinal);
        Assert.DoesNotContain(MessagesModel.ReplyPromise, page.Words, StringComparison.Ordinal);
        // The absent clinician keeps no hours here; the reply waits for the covering clinician's 07:00.
        Assert.Contains($"{c.CoveringName} is not working now. Expect a reply after they start again on", page.Words, StringComparison.Ordinal);
        Assert.Contains("at 07:00", page.Words, StringComparison.Ordinal);
        Assert.DoesNotContain($"{c.ResponsibleName} is not working now", page.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DuringCoverAWaitingMessageIsEmailedToTheCoveringClinicianAsThePageSays()
    {
        var c = await CoveredAt3amAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(c.Patient);

        await browser.PostFormAsync("/messages", new Dictionary<string, string> { ["Text"] = "I spoke to my brother about the move" }, "/messages?handler=Send");
        app.Clock.Advance(TimeSpan.FromMinutes(11));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MessageNotices>().SendDueAsync(CancellationToken.None);
        }

        Assert.Equal(1, await MailsToAsync(c.Covering));
        Assert.Equal(0, await MailsToAsync(c.Responsible));
        Assert.Contains(c.CoveringName, (await browser.GetAsync("/messages")).Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnceTheCoverIsOverThePageSpeaksOfTheirTherapistAgain()
    {
        var c = await CoveredAt3amAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(c.Patient);
        var during = await browser.GetAsync("/messages");

        app.Clock.Advance(c.EndsAt - app.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        // A week on, the sign-in has expired: the patient signs in again.
        using var later = app.NewClient();
        await later.SignInAsync(c.Patient);
        var after = await later.GetAsync("/messages");

        Assert.Contains(c.CoveringName, during.Words, StringComparison.Ordinal);
        Assert.Contains($"Messages with {c.ResponsibleName} ", after.Words, StringComparison.Ordinal);
        Assert.Contains(MessagesModel.ReplyPromise, after.Words, StringComparison.Ordinal);
        Assert.DoesNotContain(c.CoveringName, after.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("is away until", after.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"cover\"", after.Html, StringComparison.Ordinal);
    }
}

public sealed class CoverMessagesPageTestsOnSqlite(ManualEscalationSqliteApp app) : CoverMessagesPageTests(app), IClassFixture<ManualEscalationSqliteApp>;

public sealed class CoverMessagesPageTestsOnPostgres(ManualEscalationPostgresApp app) : CoverMessagesPageTests(app), IClassFixture<ManualEscalationPostgresApp>;
