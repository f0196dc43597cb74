using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Features.CareRelationships;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Messaging;
using Rapport.Web.Features.Safety;

namespace Rapport.IntegrationTests.Features.Messaging;

/// <summary>
/// Messages between a patient and the clinicians in their care (Messaging readme): who reads and writes, what is
/// refused, what a risk message sets off, and what the database holds.
/// </summary>
public abstract class MessagingTests(RapportApp app)
{
    private sealed record Circle(TestAccount Patient, TestAccount Responsible, TestAccount Covering, TestAccount Supervisor, TestAccount Unrelated,
        TestAccount OtherPatient, Guid ConversationId);

    // One patient and their circle per app: the access rows all look at the same conversation.
    private static readonly ConcurrentDictionary<RapportApp, Lazy<Task<Circle>>> Circles = new();

    private Task<Circle> CircleAsync() => Circles.GetOrAdd(app, a => new Lazy<Task<Circle>>(() => BuildAsync(a))).Value;

    private static async Task<Circle> BuildAsync(RapportApp app)
    {
        var responsible = await app.CreatePracticeTherapistAsync();
        var covering = await app.CreatePracticeTherapistAsync();
        var supervisor = await app.CreateAccountAsync(Roles.Therapist);
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var relationship = await app.AcceptIntoCareAsync(responsible, patient);
        using (var api = await app.ApiAsync(responsible))
        {
            await (await api.ArrangeCoverAsync(relationship, covering, app)).JsonAsync(HttpStatusCode.Created);
        }
        await app.SuperviseAsync(supervisor, responsible);
        return new Circle(patient, responsible, covering, supervisor, await app.CreatePracticeTherapistAsync(), await app.CreateAccountAsync(Roles.Patient),
            relationship);
    }

    private static Task<HttpResponseMessage> SendAsync(Visitor api, Guid conversationId, string text, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/conversations/{conversationId}/messages") { Content = JsonContent.Create(new { text }) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }
        return api.Http.SendAsync(request);
    }

    private static async Task<List<string>> TextsAsync(Visitor api, Guid conversationId)
    {
        var page = await (await api.Http.GetAsync($"/api/v1/conversations/{conversationId}/messages")).JsonAsync();
        return [.. page.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("text").GetString() ?? "")];
    }

    [Fact]
    public async Task ThePatientAndTheClinicianAndTheCoverWriteTheSupervisorReadsAndAnyoneElseGetsNotFound()
    {
        var c = await CircleAsync();
        using var patient = await app.ApiAsync(c.Patient);
        using var responsible = await app.ApiAsync(c.Responsible);
        using var covering = await app.ApiAsync(c.Covering);
        using var supervisor = await app.ApiAsync(c.Supervisor);
        using var unrelated = await app.ApiAsync(c.Unrelated);
        using var otherPatient = await app.ApiAsync(c.OtherPatient);
        var fromPatient = $"I tried the role play with my sister {Guid.NewGuid():N}";

        var sent = await (await SendAsync(patient, c.ConversationId, fromPatient)).JsonAsync(HttpStatusCode.Created);
        var list = await (await responsible.Http.GetAsync("/api/v1/conversations")).JsonAsync();
        await (await SendAsync(responsible, c.ConversationId, "Thank you, let's talk about it on Tuesday.")).JsonAsync(HttpStatusCode.Created);
        await (await SendAsync(covering, c.ConversationId, "I am covering this week; I read it.")).JsonAsync(HttpStatusCode.Created);
        var refused = await (await SendAsync(supervisor, c.ConversationId, "A supervisor's note")).JsonAsync(HttpStatusCode.Conflict);

        Assert.Equal("none", sent.GetProperty("safety").GetProperty("riskLevel").GetString());
        Assert.Contains(list.EnumerateArray(), e => e.GetProperty("id").GetGuid() == c.ConversationId && e.GetProperty("unread").GetInt32() >= 1);
        Assert.Contains(fromPatient, await TextsAsync(supervisor, c.ConversationId));
        Assert.Contains("I am covering this week; I read it.", await TextsAsync(patient, c.ConversationId));
        Assert.Equal(MessagingRules.ReadOnly, refused.GetProperty("rule").GetString());
        foreach (var stranger in new[] { unrelated, otherPatient })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync($"/api/v1/conversations/{c.ConversationId}/messages")).StatusCode);
            await (await SendAsync(stranger, c.ConversationId, "hello")).JsonAsync(HttpStatusCode.NotFound);
        }
        Assert.DoesNotContain((await (await unrelated.Http.GetAsync("/api/v1/conversations")).JsonAsync()).EnumerateArray(),
            e => e.GetProperty("id").GetGuid() == c.ConversationId);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.CareAccessDenied && e.UserId == c.Unrelated.Id
            && e.PatientId == c.Patient.Id)));
    }

    [Fact]
    public async Task TheTextIsEncryptedAtRestAndEveryReadAndWriteIsAuditedWithThePatient()
    {
        var c = await CircleAsync();
        using var patient = await app.ApiAsync(c.Patient);
        using var responsible = await app.ApiAsync(c.Responsible);
        var text = $"Conflict with my mother again {Guid.NewGuid():N}";

        var sent = await (await SendAsync(patient, c.ConversationId, text)).JsonAsync(HttpStatusCode.Created);
        var id = sent.GetProperty("message").GetProperty("id").GetGuid();
        await TextsAsync(responsible, c.ConversationId);
        var read = await (await responsible.Http.PostAsJsonAsync($"/api/v1/conversations/{c.ConversationId}/read", new { upTo = id })).JsonAsync();

        var stored = await app.RawTextAsync("Messages", "Text", "Id", id);
        Assert.NotNull(stored);
        Assert.DoesNotContain("mother", stored, StringComparison.OrdinalIgnoreCase);
        Assert.True(read.GetProperty("marked").GetInt32() >= 1);
        Assert.NotNull(await app.QueryAsync(db => db.Messages.Where(m => m.Id == id).Select(m => m.ReadAt).SingleAsync()));
        var idText = id.ToString();
        var actions = await app.QueryAsync(db => db.AuditEvents.Where(e => e.PatientId == c.Patient.Id).Select(e => new { e.Action, e.Subject, e.UserId }).ToListAsync());
        Assert.Contains(actions, a => a.Action == AuditAction.MessageSent && a.Subject == idText && a.UserId == c.Patient.Id);
        Assert.Contains(actions, a => a.Action == AuditAction.ReadMessages && a.UserId == c.Responsible.Id);
        Assert.Contains(actions, a => a.Action == AuditAction.MessagesMarkedRead && a.UserId == c.Responsible.Id);
    }

    [Fact]
    public async Task ARiskMessageShowsTheCrisisLinesAtOnceAndAlertsTheClinicianOnCallWithItsOwnSubject()
    {
        var c = await CircleAsync();
        using var patient = await app.ApiAsync(c.Patient);

        var sent = await (await SendAsync(patient, c.ConversationId, "Honestly some nights I want to kill myself")).JsonAsync(HttpStatusCode.Created);

        var safety = sent.GetProperty("safety");
        Assert.Equal("high", safety.GetProperty("riskLevel").GetString());
        Assert.NotEmpty(safety.GetProperty("crisisResources").EnumerateArray());
        var messageId = sent.GetProperty("message").GetProperty("id").GetGuid();
        var alert = await app.QueryAsync(db => db.SafetyAlerts.AsNoTracking().SingleAsync(a => a.MessageId == messageId));
        // Cover is running: the covering clinician is on call, and is the one e-mailed, with the message's own subject.
        Assert.Equal(c.Covering.Id, alert.AssignedTherapistId);
        var key = $"safety-alert:{alert.Id:N}";
        var mail = await app.QueryAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.CorrelationKey == key));
        Assert.Equal(c.Covering.Email, mail.ToAddress);
        Assert.Equal(AlertMail.MessageSubject(Rapport.Web.Features.Assessments.RiskLevel.High), mail.Subject);

        // The clinician reads the flag beside the message and marks it a false alarm; both stay in the record.
        using var browser = app.NewClient();
        await browser.SignInAsync(c.Covering);
        var page = $"/therapist/patients/{c.Patient.Id}/messages";
        Assert.Contains("Risk words: “kill myself”", (await browser.GetAsync(page)).Words, StringComparison.Ordinal);
        await browser.PostFormAsync(page, new Dictionary<string, string> { ["messageId"] = messageId.ToString() }, page + "?handler=FalseAlarm");
        var flagged = await app.QueryAsync(db => db.Messages.AsNoTracking().SingleAsync(m => m.Id == messageId));
        Assert.Equal(c.Covering.Id, flagged.FalsePositiveById);
        Assert.Equal(Rapport.Web.Features.Assessments.RiskLevel.High, flagged.Risk);
    }

    [Fact]
    public async Task ThePatientsPageKeepsARefusedTextInTheBoxAndShowsHelpAfterWordsOfRisk()
    {
        var c = await CircleAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(c.Patient);
        var tooLong = "This week " + new string('x', Message.MaxLength);

        var first = await browser.GetAsync("/messages");
        var refused = await browser.PostFormAsync("/messages", new Dictionary<string, string> { ["Text"] = tooLong }, "/messages?handler=Send");
        var negated = await browser.PostFormAsync("/messages", new Dictionary<string, string> { ["Text"] = "I would never hurt myself, don't worry" },
            "/messages?handler=Send");
        var afterNegated = await browser.GetAsync("/messages");
        await browser.PostFormAsync("/messages", new Dictionary<string, string> { ["Text"] = "Sometimes I wish I was dead" }, "/messages?handler=Send");
        var afterRisk = await browser.GetAsync("/messages");

        // The circle's cover is running, so the promise names the covering clinician (rule 7).
        Assert.Contains(Rapport.Web.Features.Messaging.Pages.MessagesModel.ReplyPromiseDuringCover(await app.DisplayNameAsync(c.Covering)), first.Words,
            StringComparison.Ordinal);
        Assert.Contains("tel:", first.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains(tooLong, refused.Text, StringComparison.Ordinal);
        Assert.Contains("at most 2,000 characters", refused.Words, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, negated.Status);
        Assert.DoesNotContain("data-testid=\"risk-help\"", afterNegated.Html, StringComparison.Ordinal);
        Assert.Contains("Your message was sent.", afterNegated.Words, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"risk-help\"", afterRisk.Html, StringComparison.Ordinal);
        Assert.Contains("You do not have to deal with this alone", afterRisk.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ControlCharactersAreRefusedAsProblemDetailsAndARetryWithItsKeySendsOnce()
    {
        var c = await CircleAsync();
        using var patient = await app.ApiAsync(c.Patient);
        var key = Guid.NewGuid().ToString();
        var text = $"Homework done {Guid.NewGuid():N}";

        // The API's JSON reading refuses control characters in any text field before the entity sees them (400, naming the field).
        var control = await (await SendAsync(patient, c.ConversationId, "hidden\u0007bell")).JsonAsync(HttpStatusCode.BadRequest);
        var once = await (await SendAsync(patient, c.ConversationId, text, key)).JsonAsync(HttpStatusCode.Created);
        var again = await (await SendAsync(patient, c.ConversationId, text, key)).JsonAsync(HttpStatusCode.Created);

        Assert.True(control.GetProperty("errors").TryGetProperty("text", out _));
        Assert.Equal(once.GetProperty("message").GetProperty("id").GetGuid(), again.GetProperty("message").GetProperty("id").GetGuid());
        Assert.Single(await TextsAsync(patient, c.ConversationId), t => t == text);
    }

    [Fact]
    public async Task TheClinicianKeepsAPatientsMessageInTheNextSessionsDraftNoteWithOneAction()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        var patientAccount = await app.CreateAccountAsync(Roles.Patient);
        var conversation = await app.AcceptIntoCareAsync(therapist, patientAccount);
        await app.CourseInMiddlePhaseAsync(therapist, patientAccount);
        await app.BookAsync(patientAccount, therapist);
        using var patient = await app.ApiAsync(patientAccount);
        var report = $"I asked my partner for help with the evenings, as we planned {Guid.NewGuid():N}";
        var sent = await (await SendAsync(patient, conversation, report)).JsonAsync(HttpStatusCode.Created);
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);
        var page = $"/therapist/patients/{patientAccount.Id}/messages";

        var kept = await browser.PostFormAsync(page, new Dictionary<string, string> { ["messageId"] = sent.GetProperty("message").GetProperty("id").GetString()! },
            page + "?handler=ToNote");

        Assert.True(kept.Status == HttpStatusCode.Redirect, kept.Words);
        Assert.Contains("Added to the draft note of the next session", (await browser.GetAsync(page)).Words, StringComparison.Ordinal);
        var notes = await app.QueryAsync(db => db.SessionNotes.AsNoTracking().Where(n => n.PatientId == patientAccount.Id).ToListAsync());
        var note = Assert.Single(notes);
        Assert.False(note.IsSigned);
        Assert.Contains(report, note.ProblemAreaWork, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WordsOfRiskAddedInAnEditRaiseAnAlertAndAFlaggedMessageCanBeNeitherEditedNorRetracted()
    {
        var c = await CircleAsync();
        using var patient = await app.ApiAsync(c.Patient);
        using var responsible = await app.ApiAsync(c.Responsible);
        using var otherPatient = await app.ApiAsync(c.OtherPatient);
        var sent = await (await SendAsync(patient, c.ConversationId, $"Quiet week {Guid.NewGuid():N}")).JsonAsync(HttpStatusCode.Created);
        var id = sent.GetProperty("message").GetProperty("id").GetGuid();
        var url = $"/api/v1/conversations/{c.ConversationId}/messages/{id}";

        var edited = await (await patient.Http.PutAsJsonAsync(url, new { text = "Quiet week, but some nights I want to end my life" })).JsonAsync();
        var again = await (await patient.Http.PutAsJsonAsync(url, new { text = "Quiet week" })).JsonAsync(HttpStatusCode.Conflict);
        var notAuthor = await (await responsible.Http.PostAsync(url + "/retract", null)).JsonAsync(HttpStatusCode.Conflict);
        var stranger = await otherPatient.Http.PostAsync(url + "/retract", null);
        var retract = await (await patient.Http.PostAsync(url + "/retract", null)).JsonAsync(HttpStatusCode.Conflict);

        Assert.Equal("high", edited.GetProperty("safety").GetProperty("riskLevel").GetString());
        Assert.NotEmpty(edited.GetProperty("safety").GetProperty("crisisResources").EnumerateArray());
        Assert.True(await app.QueryAsync(db => db.SafetyAlerts.AnyAsync(a => a.MessageId == id)));
        Assert.Equal(MessagingRules.FlaggedWordsStay, again.GetProperty("rule").GetString());
        Assert.Equal(MessagingRules.OnlyAuthorChanges, notAuthor.GetProperty("rule").GetString());
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.Equal(MessagingRules.FlaggedWordsStay, retract.GetProperty("rule").GetString());
        Assert.Contains("Quiet week, but some nights I want to end my life", await TextsAsync(responsible, c.ConversationId));
        var kept = await app.QueryAsync(db => db.Messages.AsNoTracking().SingleAsync(m => m.Id == id));
        Assert.Contains("end my life", kept.Text, StringComparison.Ordinal);
        Assert.Null(kept.RetractedAt);
    }

    /// <summary>The patient's own message in their thread: from its opening tag to the end of its item.</summary>
    private static string MessageItem(Visitor.Page page, Guid messageId)
    {
        var start = page.Html.IndexOf($"id=\"m-{messageId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"Message {messageId} is not in the thread.");
        return page.Html[start..page.Html.IndexOf("</li>", start, StringComparison.Ordinal)];
    }

    /// <summary>The id of what <paramref name="sender"/> wrote; the text is compared once decrypted, as it is encrypted at rest.</summary>
    private static async Task<Guid> MessageIdAsync(RapportApp app, TestAccount sender, string text) =>
        (await app.QueryAsync(db => db.Messages.AsNoTracking().Where(m => m.SenderId == sender.Id).ToListAsync())).Single(m => m.Text == text).Id;

    [Fact]
    public async Task APatientsRetractionOfAMessageThatRaisedAnAlertIsRefusedOnThePageAndTheClinicianStillReadsItInFull()
    {
        var (therapist, patientAccount) = await app.PatientInCareAsync();
        using var patient = app.NewClient();
        await patient.SignInAsync(patientAccount);
        var risky = $"Honestly some nights I want to end it all {Guid.NewGuid():N}";
        await patient.PostFormAsync("/messages", new Dictionary<string, string> { ["Text"] = risky }, "/messages?handler=Send");
        var id = await MessageIdAsync(app, patientAccount, risky);

        var refused = await patient.PostFormAsync("/messages", new Dictionary<string, string> { ["messageId"] = id.ToString() }, "/messages?handler=Retract");
        using var clinician = app.NewClient();
        await clinician.SignInAsync(therapist);
        var thread = await clinician.GetAsync($"/therapist/patients/{patientAccount.Id}/messages");

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("This message went to your care team as you wrote it, so it cannot be retracted.", refused.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("This message was retracted.", MessageItem(refused, id), StringComparison.Ordinal);
        Assert.Contains(risky, thread.Words, StringComparison.Ordinal);
        Assert.Contains("Risk words: “end it all”", thread.Words, StringComparison.Ordinal);
        Assert.Null(await app.QueryAsync(db => db.Messages.AsNoTracking().Where(m => m.Id == id).Select(m => m.RetractedAt).SingleAsync()));
    }

    [Fact]
    public async Task ThePatientsThreadOffersNeitherEditNorRetractOnAMessageThatRaisedAnAlert()
    {
        var (_, patientAccount) = await app.PatientInCareAsync();
        using var patient = app.NewClient();
        await patient.SignInAsync(patientAccount);
        await patient.PostFormAsync("/messages", new Dictionary<string, string> { ["Text"] = "The role play went fine" }, "/messages?handler=Send");
        await patient.PostFormAsync("/messages", new Dictionary<string, string> { ["Text"] = "Some nights I want to end it all" }, "/messages?handler=Send");
        var plain = await MessageIdAsync(app, patientAccount, "The role play went fine");
        var risky = await MessageIdAsync(app, patientAccount, "Some nights I want to end it all");

        var page = await patient.GetAsync("/messages");

        var flagged = MessageItem(page, risky);
        Assert.DoesNotContain("handler=Retract", flagged, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Edit", flagged, StringComparison.Ordinal);
        Assert.Contains("This message went to your care team as written.", flagged, StringComparison.Ordinal);
        var ordinary = MessageItem(page, plain);
        Assert.Contains("handler=Retract", ordinary, StringComparison.Ordinal);
        Assert.Contains("handler=Edit", ordinary, StringComparison.Ordinal);
        Assert.DoesNotContain("went to your care team", ordinary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterRetractingAnOrdinaryMessageThePatientSeesItConfirmed()
    {
        var (_, patientAccount) = await app.PatientInCareAsync();
        using var patient = app.NewClient();
        await patient.SignInAsync(patientAccount);
        await patient.PostFormAsync("/messages", new Dictionary<string, string> { ["Text"] = "Sent this too soon" }, "/messages?handler=Send");
        var id = await MessageIdAsync(app, patientAccount, "Sent this too soon");

        var retracted = await patient.PostFormAsync("/messages", new Dictionary<string, string> { ["messageId"] = id.ToString() }, "/messages?handler=Retract");
        var after = await patient.GetAsync("/messages");

        Assert.Equal(HttpStatusCode.Redirect, retracted.Status);
        Assert.Contains("Your message was retracted.", after.Words, StringComparison.Ordinal);
        Assert.Contains("This message was retracted.", MessageItem(after, id), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePlansTaskLeadsToAReportAsAMessageThatTheTherapistSeesUnreadOnThePatientsRecord()
    {
        var (therapist, patientAccount) = await app.PatientInCareAsync();
        await app.BookAsync(patientAccount, therapist, TimeSpan.FromDays(9));
        await app.CourseInMiddlePhaseAsync(therapist, patientAccount);
        var session = await app.QueryAsync(db => db.Appointments.AsNoTracking().Where(a => a.PatientId == patientAccount.Id).OrderBy(a => a.StartUtc).FirstAsync());
        await app.BeganAgoAsync(session, TimeSpan.FromHours(1));
        using var therapistBrowser = app.NewClient();
        await therapistBrowser.SignInAsync(therapist);
        var note = $"/therapist/patients/{patientAccount.Id}/course/sessions/{session.Id}";
        var task = $"Notice one evening that goes well {Guid.NewGuid():N}";
        var signed = await therapistBrowser.PostFormAsync(note, new Dictionary<string, string>
        {
            ["Form.Version"] = "0",
            ["Form.MoodSinceLastTime"] = "Low after the rows",
            ["Form.BetweenSessionTask"] = task,
        }, note + "?handler=Sign");
        Assert.Equal(HttpStatusCode.Redirect, signed.Status);
        var record = $"/therapist/patients/{patientAccount.Id}";
        var before = await therapistBrowser.GetAsync(record);
        using var patientBrowser = app.NewClient();
        await patientBrowser.SignInAsync(patientAccount);

        var plan = await patientBrowser.GetAsync("/my-plan");
        var form = await patientBrowser.GetAsync("/messages?about=task");
        var report = $"{MessagesModelOpening}Two good evenings, and I told Sam {Guid.NewGuid():N}";
        var sent = await patientBrowser.PostFormAsync("/messages", new Dictionary<string, string> { ["Text"] = report }, "/messages?handler=Send");
        var after = await therapistBrowser.GetAsync(record);
        var conversation = await therapistBrowser.GetAsync(record + "/messages");

        Assert.Contains("href=\"/messages?about=task#compose\"", plan.Html, StringComparison.Ordinal);
        Assert.Contains(task, form.Words, StringComparison.Ordinal);
        Assert.Contains($">{MessagesModelOpening}</textarea>", form.Form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, sent.Status);
        Assert.Matches("data-testid=\"patient-messages\"[^>]*>Messages</a>", before.Html);
        Assert.Matches(@"data-testid=""patient-messages""[^>]*>Messages \(1 unread\)</a>", after.Html);
        Assert.Contains(report, conversation.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheHeaderOnEveryPageCountsTheMessagesFromTheOtherSideNotYetRead()
    {
        var (therapist, patientAccount) = await app.PatientInCareAsync();
        using var patientBrowser = app.NewClient();
        await patientBrowser.SignInAsync(patientAccount);
        using var therapistBrowser = app.NewClient();
        await therapistBrowser.SignInAsync(therapist);

        var sent = await patientBrowser.PostFormAsync("/messages", new Dictionary<string, string> { ["Text"] = "Can we move Tuesday?" }, "/messages?handler=Send");
        var therapistHome = await therapistBrowser.GetAsync("/therapist");
        var patientHomeAfterWriting = await patientBrowser.GetAsync("/patient");
        var conversationId = await app.QueryAsync(db => db.Conversations.AsNoTracking().Where(c => c.PatientId == patientAccount.Id).Select(c => c.Id).SingleAsync());
        using (var api = await app.ApiAsync(therapist))
        {
            await (await SendAsync(api, conversationId, "Yes, Wednesday at ten works.")).JsonAsync(HttpStatusCode.Created);
        }
        var patientHomeAfterReply = await patientBrowser.GetAsync("/patient");
        // The home reads the count in its own query; any other page, through the layout's.
        var patientAppointmentsAfterReply = await patientBrowser.GetAsync("/appointments");

        Assert.Equal(HttpStatusCode.Redirect, sent.Status);
        Assert.Contains("data-testid=\"header-messages\">Messages (1 unread)</a>", therapistHome.Html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"header-messages\">Messages</a>", patientHomeAfterWriting.Html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"header-messages\">Messages (1 unread)</a>", patientHomeAfterReply.Html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"header-messages\">Messages (1 unread)</a>", patientAppointmentsAfterReply.Html, StringComparison.Ordinal);
    }

    private const string MessagesModelOpening = Rapport.Web.Features.Messaging.Pages.MessagesModel.TaskReportOpening;

    [Fact]
    public async Task TheThirtyFirstMessageInAnHourIsRefusedWithTooManyRequests()
    {
        var responsible = await app.CreatePracticeTherapistAsync();
        var patientAccount = await app.CreateAccountAsync(Roles.Patient);
        var conversation = await app.AcceptIntoCareAsync(responsible, patientAccount);
        using var patient = await app.ApiAsync(patientAccount);

        for (var i = 0; i < Message.MaxPerHour; i++)
        {
            await (await SendAsync(patient, conversation, $"Note {i}")).JsonAsync(HttpStatusCode.Created);
        }
        var refused = await (await SendAsync(patient, conversation, "One more")).JsonAsync(HttpStatusCode.TooManyRequests);

        Assert.Equal(MessagingRules.TooManyMessages, refused.GetProperty("rule").GetString());
        Assert.Equal(Message.MaxPerHour, await app.QueryAsync(db => db.Messages.CountAsync(m => m.SenderId == patientAccount.Id)));
    }
}

public sealed class MessagingTestsOnSqlite(SqliteApp app) : MessagingTests(app);

public sealed class MessagingTestsOnPostgres(PostgresApp app) : MessagingTests(app);
