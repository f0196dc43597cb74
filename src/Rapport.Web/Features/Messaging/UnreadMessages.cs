using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.CareRelationships;

namespace Rapport.Web.Features.Messaging;

/// <summary>
/// The count of unread messages the header shows on every page (readme, rule 6): the patient's from their clinicians,
/// the clinician's from the patients whose record they read. Its own small class, because the layout asks for it on every
/// request and <see cref="MessagingService"/> comes with a dozen services a count never uses.
/// </summary>
public sealed class UnreadMessages(AppDbContext db, CareAccess care)
{
    // Asked on every page a patient opens, so compiled once (Data/CompiledQuery.cs).
    private static readonly CompiledQuery<Func<AppDbContext, Guid, CancellationToken, Task<int>>> ByPatient = new(() =>
        EF.CompileAsyncQuery((AppDbContext db, Guid patientId, CancellationToken ct) => db.Messages.Count(m => !m.SentByPatient && m.ReadAt == null && m.RetractedAt == null
            && db.Conversations.Any(c => c.Id == m.ConversationId && c.PatientId == patientId))));

    public async Task<int> CountAsync(Guid userId, bool isPatient, CancellationToken ct)
    {
        if (isPatient)
        {
            return await ByPatient.For(db)(db, userId, ct);
        }
        var readable = care.PatientsWhoseRecordIsReadBy(userId);
        var inCare = care.RelationshipsInCare();
        return await db.Messages.CountAsync(m => m.SentByPatient && m.ReadAt == null && m.RetractedAt == null
            && db.Conversations.Any(c => c.Id == m.ConversationId && readable.Contains(c.PatientId) && inCare.Contains(c.Id)), ct);
    }
}
