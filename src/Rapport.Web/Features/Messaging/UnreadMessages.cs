using System.Linq.Expressions;
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
    private static readonly object HandedKey = new();

    /// <summary>
    /// The patient's count, as a part a page that reads its facts in one round trip puts in its own query (the patient's
    /// home, Data/QueryPart.cs), then hands to the layout with <see cref="HandToLayout"/>.
    /// </summary>
    public static readonly Expression<Func<AppDbContext, Guid, int>> OfPatient = (db, patientId) =>
        db.Messages.Count(m => !m.SentByPatient && m.ReadAt == null && m.RetractedAt == null
            && db.Conversations.Any(c => c.Id == m.ConversationId && c.PatientId == patientId));

    // Asked on every page a patient opens, so compiled once (Data/CompiledQuery.cs).
    private static readonly CompiledQuery<Func<AppDbContext, Guid, CancellationToken, Task<int>>> ByPatient = new(() =>
        EF.CompileAsyncQuery(QueryPart.Splice((AppDbContext db, Guid patientId, CancellationToken ct) => OfPatient.Use(db, patientId))));

    /// <summary>Gives the layout a patient's count, read by the page in its own query, so the layout does not ask again.</summary>
    public static void HandToLayout(HttpContext context, Guid patientId, int count) => context.Items[HandedKey] = new Handed(patientId, count);

    /// <summary>The count this request's page handed over for this patient, if it did; a count handed over for anyone else is never shown.</summary>
    public static int? HandedOver(HttpContext context, Guid patientId) =>
        context.Items.TryGetValue(HandedKey, out var value) && value is Handed handed && handed.PatientId == patientId ? handed.Count : null;

    private sealed record Handed(Guid PatientId, int Count);

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
