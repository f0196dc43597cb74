using System.Security.Claims;
using Rapport.Web.Data;

namespace Rapport.Web.Features.Audit;

/// <summary>
/// Records audit entries for the current request: who (user id) and from where (IP) are filled in here.
/// A use case that changes data calls <see cref="Stage"/> before its save, so the entry commits with the change;
/// reads, refusals and account events that change nothing call <see cref="RecordAsync"/>, which returns once the
/// entry is sealed.
/// </summary>
public sealed class Auditor(AuditWriter writer, IHttpContextAccessor http, AppDbContext db, TimeProvider clock)
{
    public Task RecordAsync(string action, string outcome = AuditOutcome.Success, Guid? userId = null,
        string? subject = null, string? detail = null, Guid? patientId = null, CancellationToken ct = default) =>
        writer.WriteAsync(Entry(action, outcome, userId, subject, detail, patientId), ct);

    /// <summary>
    /// Adds the entry to this request's unit of work: it is written by the next <c>SaveChanges</c>, in the same
    /// transaction as the change, and that save returns only after the entry is sealed in a block.
    /// </summary>
    public void Stage(string action, string outcome = AuditOutcome.Success, Guid? userId = null,
        string? subject = null, string? detail = null, Guid? patientId = null)
    {
        var staged = PendingAuditEntry.For(Entry(action, outcome, userId, subject, detail, patientId), clock.GetUtcNow());
        db.AuditInbox.Add(staged);
        AuditSealInterceptor.Track(db, staged);
    }

    private AuditEntry Entry(string action, string outcome, Guid? userId, string? subject, string? detail, Guid? patientId)
    {
        var context = http.HttpContext;
        userId ??= Guid.TryParse(context?.User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
        // Columns have limits; what a person typed (an e-mail address on a failed sign-in) must not make the audit write fail.
        return new AuditEntry(action, outcome, userId, patientId, Clip(subject, 200),
            context?.Connection.RemoteIpAddress?.ToString(), Clip(detail, 1000));
    }

    private static string? Clip(string? text, int max) => text is not null && text.Length > max ? text[..max] : text;
}
