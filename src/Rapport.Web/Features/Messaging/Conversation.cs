using System.Globalization;
using Rapport.Web.Features.Assessments;

namespace Rapport.Web.Features.Messaging;

/// <summary>
/// The messages between a patient and the clinician responsible for them: one per care relationship, so its id is the
/// relationship's id (readme, rule 1). Who else reads and writes is decided by care now (cover, supervision), not here.
/// </summary>
public sealed class Conversation
{
    private Conversation() { }

    public Guid Id { get; private set; }
    public Guid PatientId { get; private set; }
    /// <summary>The clinician responsible under the care relationship this conversation belongs to.</summary>
    public Guid ClinicianId { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset LastMessageAt { get; private set; }
    /// <summary>When the last content-free e-mail about this conversation was queued (readme, rule 9).</summary>
    public DateTimeOffset? NotifiedAt { get; private set; }
    public int Version { get; private set; }

    public static Conversation Start(Guid careRelationshipId, Guid patientId, Guid clinicianId, DateTimeOffset now) =>
        new() { Id = careRelationshipId, PatientId = patientId, ClinicianId = clinicianId, StartedAt = now, LastMessageAt = now };

    /// <summary>
    /// A new message, refused when empty, too long, carrying control characters, a reply to another conversation's message
    /// or over the sender's hourly limit (<paramref name="sentInLastHour"/> is counted from the database, so the limit
    /// holds across instances).
    /// </summary>
    public Message Write(Guid senderId, bool senderIsPatient, string? text, Message? replyTo, int sentInLastHour, DateTimeOffset now)
    {
        var clean = MessageText.Check(text);
        if (replyTo is not null && replyTo.ConversationId != Id)
        {
            throw new RuleViolationException(MessagingRules.ReplyInSameConversation, "You can only reply to a message in this conversation.");
        }
        if (sentInLastHour >= Message.MaxPerHour)
        {
            throw new RuleViolationException(MessagingRules.TooManyMessages, string.Create(CultureInfo.InvariantCulture,
                $"You have sent {Message.MaxPerHour} messages in the last hour, the most an hour allows. Your text is kept here: send it a little later, or if this cannot wait, use the numbers shown on this page."));
        }
        LastMessageAt = now;
        Version++;
        return Message.Create(Id, senderId, senderIsPatient, clean, replyTo?.Id, now);
    }

    /// <summary>Records the e-mail just queued, so the next waits <see cref="MessagingOptions.NotifyEvery"/>.</summary>
    public void Notified(DateTimeOffset now)
    {
        NotifiedAt = now;
        Version++;
    }

    /// <summary>An e-mail may go now: none yet, or the last one at least <paramref name="every"/> ago.</summary>
    public bool MayNotify(DateTimeOffset now, TimeSpan every) => NotifiedAt is not { } last || now - last >= every;
}

/// <summary>
/// One message. Plain text, at most <see cref="MaxLength"/> characters, encrypted at rest. Never deleted: a retracted
/// message keeps its row and shows as retracted (readme, rules 3–5).
/// </summary>
public sealed class Message
{
    private Message() { }

    public const int MaxLength = 2000;
    public const int MaxPerHour = 30;
    public static readonly TimeSpan EditWindow = TimeSpan.FromMinutes(5);

    public Guid Id { get; private set; }
    public Guid ConversationId { get; private set; }
    public Guid SenderId { get; private set; }
    public bool SentByPatient { get; private set; }
    /// <summary>Clinical text: encrypted at rest (<c>Data/ClinicalText.cs</c>).</summary>
    public string Text { get; private set; } = "";
    public Guid? ReplyToId { get; private set; }
    public DateTimeOffset SentAt { get; private set; }
    public DateTimeOffset? EditedAt { get; private set; }
    public DateTimeOffset? RetractedAt { get; private set; }
    /// <summary>When someone on the other side first read it (the read receipt), and who.</summary>
    public DateTimeOffset? ReadAt { get; private set; }
    public Guid? ReadById { get; private set; }
    public RiskLevel Risk { get; private set; }
    /// <summary>The risk expression that matched, from the curated list. Clinical text: it says what the patient wrote about.</summary>
    public string? RiskWords { get; private set; }
    public Guid? SafetyAlertId { get; private set; }
    public DateTimeOffset? FalsePositiveAt { get; private set; }
    public Guid? FalsePositiveById { get; private set; }
    public int Version { get; private set; }

    public bool IsRetracted => RetractedAt is not null;
    public bool IsRead => ReadAt is not null;

    internal static Message Create(Guid conversationId, Guid senderId, bool sentByPatient, string text, Guid? replyToId, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        ConversationId = conversationId,
        SenderId = senderId,
        SentByPatient = sentByPatient,
        Text = text,
        ReplyToId = replyToId,
        SentAt = now,
    };

    /// <summary>The safety check found risk words in a patient's message; the alert it raised is kept beside it.</summary>
    public void FlagRisk(RiskMatch match, Guid alertId)
    {
        ArgumentNullException.ThrowIfNull(match);
        Risk = match.Level;
        RiskWords = match.Phrase;
        SafetyAlertId = alertId;
        Version++;
    }

    /// <summary>The author corrects their message within <see cref="EditWindow"/> of sending it, unless it was retracted or raised a safety alert.</summary>
    public void Edit(Guid editorId, string? text, DateTimeOffset now)
    {
        if (editorId != SenderId)
        {
            throw new RuleViolationException(MessagingRules.OnlyAuthorChanges, "Only the person who wrote a message can change it.");
        }
        if (IsRetracted)
        {
            throw new RuleViolationException(MessagingRules.AlreadyRetracted, "This message was retracted.");
        }
        if (SafetyAlertId is not null)
        {
            // The words that raised a safety alert stay as the clinician will read them (readme, rule 5).
            throw new RuleViolationException(MessagingRules.FlaggedWordsStay,
                "This message raised a safety alert, so it stays as you wrote it. Write a new message to add or correct something.");
        }
        if (now - SentAt > EditWindow)
        {
            throw new RuleViolationException(MessagingRules.EditWindowClosed, "A message can be edited only in the first 5 minutes after it was sent. Write a new message instead.");
        }
        Text = MessageText.Check(text);
        EditedAt = now;
        Version++;
    }

    /// <summary>
    /// The author withdraws it, unless it raised a safety alert: the row stays, shown as retracted, and the text stays in
    /// the record for clinicians.
    /// </summary>
    public void Retract(Guid authorId, DateTimeOffset now)
    {
        if (authorId != SenderId)
        {
            throw new RuleViolationException(MessagingRules.OnlyAuthorChanges, "Only the person who wrote a message can retract it.");
        }
        if (IsRetracted)
        {
            throw new RuleViolationException(MessagingRules.AlreadyRetracted, "This message was already retracted.");
        }
        if (SafetyAlertId is not null)
        {
            // A retracted message no longer shows its text, and the clinician answering the alert must read what the
            // patient wrote, not only the matched words (readme, rule 5).
            throw new RuleViolationException(MessagingRules.FlaggedWordsStay,
                "This message went to your care team as you wrote it, so it cannot be retracted. Write a new message to add or correct something.");
        }
        RetractedAt = now;
        Version++;
    }

    /// <summary>The other side has seen it. Reading one's own message, or reading it again, changes nothing.</summary>
    public bool MarkRead(Guid readerId, bool readerIsPatient, DateTimeOffset now)
    {
        if (IsRead || readerIsPatient == SentByPatient)
        {
            return false;
        }
        ReadAt = now;
        ReadById = readerId;
        Version++;
        return true;
    }

    /// <summary>A clinician judged the risk words a false alarm; the flag and the judgement both stay in the record.</summary>
    public void MarkFalsePositive(Guid clinicianId, DateTimeOffset now)
    {
        if (Risk == RiskLevel.None)
        {
            throw new RuleViolationException(MessagingRules.NoRiskToClear, "This message was not flagged for risk.");
        }
        if (FalsePositiveAt is not null)
        {
            throw new RuleViolationException(MessagingRules.AlreadyMarkedFalsePositive, "This message was already marked a false alarm.");
        }
        FalsePositiveAt = now;
        FalsePositiveById = clinicianId;
        Version++;
    }
}

/// <summary>The checks every message text passes, when written and when edited.</summary>
public static class MessageText
{
    /// <summary>The trimmed text, or a refusal naming the rule.</summary>
    public static string Check(string? text)
    {
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0)
        {
            throw new RuleViolationException(MessagingRules.Empty, "Write a message before sending it.");
        }
        if (trimmed.Length > Message.MaxLength)
        {
            throw new RuleViolationException(MessagingRules.TooLong, TextLimit.TooLongMessage([("Your message", trimmed.Length)], Message.MaxLength, "message"));
        }
        // Line breaks and tabs are writing; every other control character is not, and could hide text or break a display.
        if (trimmed.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            throw new RuleViolationException(MessagingRules.ControlCharacters, "Your message contains invisible control characters. Remove them (retype the message if it was pasted) and send it again.");
        }
        return trimmed;
    }
}

/// <summary>Settings of the "Messaging" section.</summary>
public sealed class MessagingOptions
{
    /// <summary>A message still unread this long after it was sent brings a content-free e-mail.</summary>
    public TimeSpan NotifyAfter { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>At most one e-mail per conversation this often.</summary>
    public TimeSpan NotifyEvery { get; set; } = TimeSpan.FromHours(1);
    /// <summary>How often the e-mail check runs.</summary>
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromMinutes(1);
}

public static class MessagingRules
{
    public const string Empty = "Messaging.Empty";
    public const string TooLong = "Messaging.TooLong";
    public const string ControlCharacters = "Messaging.ControlCharacters";
    public const string TooManyMessages = "Messaging.TooManyMessages";
    public const string ReplyInSameConversation = "Messaging.ReplyInSameConversation";
    public const string OnlyAuthorChanges = "Messaging.OnlyAuthorChanges";
    public const string EditWindowClosed = "Messaging.EditWindowClosed";
    public const string AlreadyRetracted = "Messaging.AlreadyRetracted";
    public const string ReadOnly = "Messaging.ReadOnly";
    public const string NotInCare = "Messaging.NotInCare";
    public const string NoRiskToClear = "Messaging.NoRiskToClear";
    public const string AlreadyMarkedFalsePositive = "Messaging.AlreadyMarkedFalsePositive";
    public const string NoNextSession = "Messaging.NoNextSession";
    public const string FlaggedWordsStay = "Messaging.FlaggedWordsStay";
}
