using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;

namespace Rapport.Web.Features.Messaging;

/// <summary>
/// A patient's conversations and messages as the patient's copy reads them whole, and their removal once the record's
/// retention has ended (DataRights readme, rules 8 and 9), so no other feature reads or deletes these tables
/// (docs/architecture.md, "Layers"). Who may ask is the caller's to check, and the caller records the audit entry.
/// </summary>
public sealed class ConversationRecords(AppDbContext db)
{
    /// <summary>The patient's conversations: each one's id and the clinician it is with.</summary>
    public Task<Dictionary<Guid, Guid>> CliniciansOfAsync(Guid patientId, CancellationToken ct) =>
        db.Conversations.AsNoTracking().Where(c => c.PatientId == patientId).Select(c => new { c.Id, c.ClinicianId })
            .ToDictionaryAsync(c => c.Id, c => c.ClinicianId, ct);

    /// <summary>The messages of <paramref name="conversationIds"/>, oldest first; retracted ones only when asked for.</summary>
    public async Task<IReadOnlyList<Message>> MessagesAsync(IReadOnlyCollection<Guid> conversationIds, bool withRetracted, CancellationToken ct) =>
        await db.Messages.AsNoTracking().Where(m => conversationIds.Contains(m.ConversationId) && (withRetracted || m.RetractedAt == null))
            .OrderBy(m => m.SentAt).ToListAsync(ct);

    /// <summary>
    /// Removes the patient's messages and conversations in the caller's transaction; the numbers removed. A reply points
    /// at the message it answers, so those links go first.
    /// </summary>
    public async Task<(int Messages, int Conversations)> ForgetPatientAsync(Guid patientId, CancellationToken ct)
    {
        var conversations = db.Conversations.Where(c => c.PatientId == patientId).Select(c => c.Id);
        await db.Messages.Where(m => conversations.Contains(m.ConversationId) && m.ReplyToId != null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ReplyToId, (Guid?)null), ct);
        var messages = await db.Messages.Where(m => conversations.Contains(m.ConversationId)).ExecuteDeleteAsync(ct);
        return (messages, await db.Conversations.Where(c => c.PatientId == patientId).ExecuteDeleteAsync(ct));
    }
}
