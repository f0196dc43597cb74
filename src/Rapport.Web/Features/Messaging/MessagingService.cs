using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.CareRelationships;
using Rapport.Web.Features.Notifications;
using Rapport.Web.Features.Safety;
using Rapport.Web.Features.TreatmentCourses;

namespace Rapport.Web.Features.Messaging;

/// <summary>What the caller is in a conversation (readme, rule 2).</summary>
public enum ConversationRole
{
    Patient,
    Responsible,
    Covering,
    /// <summary>Supervises the responsible clinician, or took on one of the patient's safety alerts: reads, never writes.</summary>
    Reader,
}

/// <summary>A conversation as the caller may use it: its id is the care relationship's, and the row exists once someone wrote.</summary>
public sealed record ConversationSeat(Guid Id, Guid PatientId, Guid ClinicianId, ConversationRole Role, bool InCare)
{
    public bool IsPatient => Role == ConversationRole.Patient;

    /// <summary>Patients, the responsible and the covering clinician write while care lasts; readers never.</summary>
    public bool Writes => InCare && Role != ConversationRole.Reader;
}

/// <summary>
/// Who reads and answers the patient's messages now (readme, rule 7): during cover the covering clinician, who is also
/// the one e-mailed about a waiting message (rule 9), until <see cref="CoverEndsAt"/>; otherwise the responsible clinician.
/// </summary>
public sealed record MessageReader(Guid ClinicianId, Guid ResponsibleId, DateTimeOffset? CoverEndsAt)
{
    public bool IsCover => CoverEndsAt is not null;
}

/// <summary>One line of a conversation list: who it is with, what is unread, when it last moved.</summary>
public sealed record ConversationSummary(Guid Id, Guid PatientId, string WithName, int Unread, DateTimeOffset? LastMessageAt);

/// <summary>What a send did: the message, and, when the patient's words matched a risk expression, the help to show at once.</summary>
public sealed record SendOutcome(Message Message, RiskMatch? Risk, IReadOnlyList<CrisisLine> CrisisLines);

/// <summary>
/// The one use case behind the messages pages, the API and the hub (readme, rule 13): access from care, the guarded
/// entity methods, the audit entry in the same save, the safety check and its alert, the live signal after commit.
/// Entry points only translate.
/// </summary>
public sealed class MessagingService(AppDbContext db, CareAccess care, Auditor audit, TimeProvider clock, RiskExpressions risk,
    SafetyAlerts alerts, CrisisLines crisisLines, Outbox outbox, IHubContext<MessagesHub> hub, SessionHistory sessions, TreatmentCourseService courses,
    PeopleNames peopleNames)
{
    public const int PageSize = 50;

    /// <summary>The patient's conversation with the clinician now responsible for them, or null when nobody is.</summary>
    public async Task<ConversationSeat?> CurrentForPatientAsync(Guid patientId, CancellationToken ct) =>
        await care.ResponsibleAsync(patientId, ct) is { } r ? new ConversationSeat(r.Id, patientId, r.ClinicianId, ConversationRole.Patient, true) : null;

    /// <summary>Who reads the patient's messages in this conversation now: the covering clinician during cover, else the responsible one.</summary>
    public async Task<MessageReader> ReaderNowAsync(ConversationSeat seat, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(seat);
        // The same cover the unread-message e-mail goes to (CareAccess.ClinicianToNotifyAsync), so the page tells the truth.
        return seat.InCare && await care.CoverNowAsync(seat.Id, ct) is { } cover
            ? new MessageReader(cover.CoveringClinicianId, seat.ClinicianId, cover.EndsAt)
            : new MessageReader(seat.ClinicianId, seat.ClinicianId, null);
    }

    /// <summary>The conversation with this patient the clinician may open now, or an audited 404.</summary>
    public async Task<ConversationSeat> ForClinicianAsync(Guid clinicianId, Guid patientId, CancellationToken ct)
    {
        var current = await care.ResponsibleAsync(patientId, ct);
        var standing = await care.EnsureReadsRecordAsync(clinicianId, patientId, ct);
        if (current is null)
        {
            throw new NotFoundException("No such conversation.");
        }
        return new ConversationSeat(current.Id, patientId, current.ClinicianId, standing.Role switch
        {
            CareRole.Responsible => ConversationRole.Responsible,
            CareRole.Covering => ConversationRole.Covering,
            _ => ConversationRole.Reader,
        }, true);
    }

    /// <summary>The caller's seat in conversation <paramref name="id"/>; anyone outside it gets a 404 (audited for clinicians).</summary>
    public async Task<ConversationSeat> SeatAsync(Guid id, Guid callerId, CancellationToken ct)
    {
        var row = await db.Conversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        var inCare = await care.InCareAsync(id, ct);
        var patientId = row?.PatientId ?? inCare?.PatientId ?? throw new NotFoundException("No such conversation.");
        if (callerId == patientId)
        {
            return new ConversationSeat(id, patientId, row?.ClinicianId ?? inCare!.ClinicianId, ConversationRole.Patient, inCare is not null);
        }
        var seat = await ForClinicianAsync(callerId, patientId, ct);
        if (seat.Id != id)
        {
            // An earlier care relationship's conversation: its patient keeps it, the clinicians of today do not read it.
            await audit.RecordAsync(AuditAction.CareAccessDenied, AuditOutcome.Denied, userId: callerId, patientId: patientId,
                detail: "messages of an earlier care relationship", ct: ct);
            throw new NotFoundException("No such conversation.");
        }
        return seat;
    }

    /// <summary>A page of messages, oldest first, ending before <paramref name="before"/> (a message id) when given.</summary>
    public async Task<IReadOnlyList<Message>> MessagesAsync(ConversationSeat seat, Guid? before, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(seat);
        var query = db.Messages.AsNoTracking().Where(m => m.ConversationId == seat.Id);
        if (before is { } b && await db.Messages.AsNoTracking().Where(m => m.Id == b && m.ConversationId == seat.Id).Select(m => (DateTimeOffset?)m.SentAt)
            .SingleOrDefaultAsync(ct) is { } until)
        {
            query = query.Where(m => m.SentAt < until);
        }
        var page = await query.OrderByDescending(m => m.SentAt).ThenByDescending(m => m.Id).Take(PageSize).ToListAsync(ct);
        page.Reverse();
        return page;
    }

    /// <summary>Sends a message; the patient's words are checked for risk and a match raises a safety alert in the same save.</summary>
    public async Task<SendOutcome> SendAsync(ConversationSeat seat, Guid senderId, string? text, Guid? replyToId, CancellationToken ct)
    {
        EnsureWrites(seat);
        var now = clock.GetUtcNow();
        var conversation = await db.Conversations.SingleOrDefaultAsync(c => c.Id == seat.Id, ct);
        if (conversation is null)
        {
            conversation = Conversation.Start(seat.Id, seat.PatientId, seat.ClinicianId, now);
            db.Conversations.Add(conversation);
        }
        var replyTo = replyToId is { } r ? await db.Messages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == r, ct) : null;
        if (replyToId is not null && replyTo is null)
        {
            throw new RuleViolationException(MessagingRules.ReplyInSameConversation, "The message you replied to is not in this conversation.");
        }
        var hourAgo = now.AddHours(-1);
        var sentInLastHour = await db.Messages.CountAsync(m => m.SenderId == senderId && m.SentAt > hourAgo, ct);
        var message = conversation.Write(senderId, seat.IsPatient, text, replyTo, sentInLastHour, now);
        db.Messages.Add(message);
        audit.Stage(AuditAction.MessageSent, userId: senderId, subject: message.Id.ToString(), patientId: seat.PatientId);
        var (match, lines) = await CheckForRiskAsync(seat, message, ct);
        await db.SaveChangesAsync(ct);
        if (match is not null)
        {
            outbox.SendSoon();
        }
        await SignalAsync(seat.Id, ct);
        return new SendOutcome(message, match, lines);
    }

    /// <summary>
    /// A patient's words, as sent or as edited, are checked against the risk list; a match raises its safety alert,
    /// staged in the caller's save (readme, rules 11–12).
    /// </summary>
    private async Task<(RiskMatch? Match, IReadOnlyList<CrisisLine> Lines)> CheckForRiskAsync(ConversationSeat seat, Message message, CancellationToken ct)
    {
        var match = seat.IsPatient ? risk.Find(message.Text) : null;
        if (match is null)
        {
            return (null, []);
        }
        var alert = await alerts.RaiseForMessageAsync(seat.PatientId, message.Id, match.Phrase, match.Level, ct);
        message.FlagRisk(match, alert.Id);
        audit.Stage(AuditAction.SafetyAlertRaised, subject: alert.Id.ToString(), patientId: seat.PatientId,
            detail: $"message {message.Id}; {match.Level} expression");
        return (match, await crisisLines.ForPatientAsync(seat.PatientId, ct));
    }

    /// <summary>
    /// The author corrects a message in its first five minutes. An edited patient message is checked for risk like a new
    /// one: words added in an edit raise the same alert.
    /// </summary>
    public async Task<SendOutcome> EditAsync(ConversationSeat seat, Guid callerId, Guid messageId, string? text, CancellationToken ct)
    {
        RiskMatch? match = null;
        IReadOnlyList<CrisisLine> lines = [];
        var message = await ChangeAsync(seat, messageId, AuditAction.MessageEdited, callerId, async m =>
        {
            m.Edit(callerId, text, clock.GetUtcNow());
            (match, lines) = await CheckForRiskAsync(seat, m, ct);
        }, ct);
        if (match is not null)
        {
            outbox.SendSoon();
        }
        return new SendOutcome(message, match, lines);
    }

    /// <summary>The author retracts a message: it stays in the record, shown as retracted.</summary>
    public Task<Message> RetractAsync(ConversationSeat seat, Guid callerId, Guid messageId, CancellationToken ct) =>
        ChangeAsync(seat, messageId, AuditAction.MessageRetracted, callerId, m =>
        {
            m.Retract(callerId, clock.GetUtcNow());
            return Task.CompletedTask;
        }, ct);

    /// <summary>A clinician acting in care judges a flag a false alarm; the flag stays, the judgement is added.</summary>
    public Task<Message> MarkFalsePositiveAsync(ConversationSeat seat, Guid callerId, Guid messageId, CancellationToken ct) =>
        ChangeAsync(seat, messageId, AuditAction.MessageRiskFalsePositive, callerId, m =>
        {
            if (seat.IsPatient)
            {
                throw new NotFoundException("No such message.");
            }
            m.MarkFalsePositive(callerId, clock.GetUtcNow());
            return Task.CompletedTask;
        }, ct);

    /// <summary>
    /// IPT between sessions (readme, rule 17): the responsible clinician keeps a patient's message in the draft note of
    /// their next session with one action, through the course feature's own method (which starts the draft, enforces
    /// that only the course's therapist writes notes, and audits the note). Returns the session's start.
    /// </summary>
    public async Task<DateTimeOffset> AddToNextSessionNoteAsync(ConversationSeat seat, Guid callerId, Guid messageId, CancellationToken ct)
    {
        EnsureWrites(seat);
        var message = await db.Messages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == messageId && m.ConversationId == seat.Id && m.SentByPatient, ct)
            ?? throw new NotFoundException("No such message.");
        if (message.IsRetracted)
        {
            throw new RuleViolationException(MessagingRules.AlreadyRetracted, "This message was retracted.");
        }
        // The session under way or the next one: a message read during the hour still belongs to it.
        var from = clock.GetUtcNow().AddHours(-1);
        var next = (await sessions.SessionsAsync(seat.PatientId, callerId, ct))
            .FirstOrDefault(a => a.Status == AppointmentStatus.Booked && a.StartUtc > from)
            ?? throw new RuleViolationException(MessagingRules.NoNextSession, "There is no session booked with you yet: book the next session, then keep the message in its note.");
        await courses.AddLineToNoteAsync(next.Id, callerId, $"Message of {message.SentAt:yyyy-MM-dd}: {message.Text}", ct);
        return next.StartUtc;
    }

    private async Task<Message> ChangeAsync(ConversationSeat seat, Guid messageId, string action, Guid callerId, Func<Message, Task> change,
        CancellationToken ct)
    {
        EnsureWrites(seat);
        var message = await db.Messages.SingleOrDefaultAsync(m => m.Id == messageId && m.ConversationId == seat.Id, ct)
            ?? throw new NotFoundException("No such message.");
        await change(message);
        audit.Stage(action, userId: callerId, subject: message.Id.ToString(), patientId: seat.PatientId);
        await db.SaveChangesAsync(ct);
        await SignalAsync(seat.Id, ct);
        return message;
    }

    /// <summary>
    /// Read receipts: the other side's messages up to and including <paramref name="upTo"/> (or all shown) are marked read.
    /// Readers (supervisors) leave no receipt: the patient would take it for their therapist's.
    /// </summary>
    public async Task<int> MarkReadAsync(ConversationSeat seat, Guid callerId, Guid? upTo, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(seat);
        if (seat.Role == ConversationRole.Reader)
        {
            return 0;
        }
        var until = upTo is { } u
            ? await db.Messages.AsNoTracking().Where(m => m.Id == u && m.ConversationId == seat.Id).Select(m => (DateTimeOffset?)m.SentAt).SingleOrDefaultAsync(ct)
                ?? throw new NotFoundException("No such message.")
            : clock.GetUtcNow();
        var unread = await db.Messages.Where(m => m.ConversationId == seat.Id && m.ReadAt == null && m.SentByPatient != seat.IsPatient && m.SentAt <= until)
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        var marked = unread.Count(m => m.MarkRead(callerId, seat.IsPatient, now));
        if (marked > 0)
        {
            audit.Stage(AuditAction.MessagesMarkedRead, userId: callerId, subject: seat.Id.ToString(), patientId: seat.PatientId, detail: $"{marked} message(s)");
            await db.SaveChangesAsync(ct);
            await SignalAsync(seat.Id, ct);
        }
        return marked;
    }

    /// <summary>The patient's conversations: the current one first (even before anyone wrote), then earlier ones.</summary>
    public async Task<IReadOnlyList<ConversationSummary>> OfPatientAsync(Guid patientId, CancellationToken ct)
    {
        var current = await CurrentForPatientAsync(patientId, ct);
        var rows = await db.Conversations.AsNoTracking().Where(c => c.PatientId == patientId || (current != null && c.Id == current.Id))
            .Select(c => new { c.Id, c.ClinicianId }).ToListAsync(ct);
        var all = rows.Select(r => (r.Id, r.ClinicianId)).ToList();
        if (current is not null && all.All(r => r.Id != current.Id))
        {
            all.Add((current.Id, current.ClinicianId));
        }
        return await SummariesAsync(all.Select(a => (a.Id, patientId, a.ClinicianId)).ToList(), forPatient: true, ct);
    }

    /// <summary>
    /// The clinician's conversations with the patients whose record they read now, under the current care relationship:
    /// one query for access composed into the list's (CareRelationships readme, "Who reads what").
    /// </summary>
    public async Task<IReadOnlyList<ConversationSummary>> OfClinicianAsync(Guid clinicianId, CancellationToken ct)
    {
        var readable = care.PatientsWhoseRecordIsReadBy(clinicianId);
        var inCare = care.RelationshipsInCare();
        var rows = await db.Conversations.AsNoTracking().Where(c => readable.Contains(c.PatientId) && inCare.Contains(c.Id))
            .Select(c => new { c.Id, c.PatientId, c.ClinicianId }).ToListAsync(ct);
        return await SummariesAsync([.. rows.Select(r => (r.Id, r.PatientId, r.ClinicianId))], forPatient: false, ct);
    }

    /// <summary>
    /// The patient's unread messages in their conversation of today, for the entry on their record page (readme, rule 6),
    /// which has already checked that the reader may open the record.
    /// </summary>
    public Task<int> UnreadFromPatientAsync(Guid patientId, CancellationToken ct)
    {
        var inCare = care.RelationshipsInCare();
        return db.Messages.CountAsync(m => m.SentByPatient && m.ReadAt == null && m.RetractedAt == null && inCare.Contains(m.ConversationId)
            && db.Conversations.Any(c => c.Id == m.ConversationId && c.PatientId == patientId), ct);
    }

    private async Task<IReadOnlyList<ConversationSummary>> SummariesAsync(IReadOnlyList<(Guid Id, Guid PatientId, Guid ClinicianId)> rows, bool forPatient,
        CancellationToken ct)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var stats = await db.Messages.AsNoTracking().Where(m => ids.Contains(m.ConversationId)).GroupBy(m => m.ConversationId)
            .Select(g => new
            {
                g.Key,
                Unread = g.Count(m => m.SentByPatient != forPatient && m.ReadAt == null && m.RetractedAt == null),
                Last = g.Max(m => m.SentAt),
            }).ToListAsync(ct);
        var people = rows.Select(r => forPatient ? r.ClinicianId : r.PatientId).Distinct().ToList();
        var names = await peopleNames.OfAsync(people, ct);
        return [.. rows.Select(r =>
        {
            var s = stats.SingleOrDefault(x => x.Key == r.Id);
            return new ConversationSummary(r.Id, r.PatientId, names.GetValueOrDefault(forPatient ? r.ClinicianId : r.PatientId) ?? "",
                s?.Unread ?? 0, s?.Last);
        }).OrderByDescending(s => s.Unread > 0).ThenByDescending(s => s.LastMessageAt)];
    }

    private static void EnsureWrites(ConversationSeat seat)
    {
        ArgumentNullException.ThrowIfNull(seat);
        if (!seat.InCare)
        {
            throw new RuleViolationException(MessagingRules.NotInCare, "This care has ended, so this conversation is closed. Your messages stay here for you to read.");
        }
        if (!seat.Writes)
        {
            throw new RuleViolationException(MessagingRules.ReadOnly, "You read this conversation as a supervisor; only the patient and the clinicians in their care write in it.");
        }
    }

    /// <summary>After commit: a content-free signal to everyone watching this conversation, who then fetch what changed.</summary>
    private Task SignalAsync(Guid conversationId, CancellationToken ct) =>
        hub.Clients.Group(MessagesHub.GroupOf(conversationId)).SendAsync(MessagesHub.Changed, ct);
}
