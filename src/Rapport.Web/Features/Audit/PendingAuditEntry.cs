namespace Rapport.Web.Features.Audit;

/// <summary>
/// An audit entry saved in the same transaction as the change it records (table <c>AuditInbox</c>), so the change
/// and its record commit or fail together. <see cref="AuditWriter"/> moves it into the next sealed block within
/// milliseconds and deletes it here; until then it is durable but not yet tamper-evident.
/// </summary>
public sealed class PendingAuditEntry
{
    private PendingAuditEntry() { }

    public long Id { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }
    public string Action { get; private set; } = "";
    public string Outcome { get; private set; } = "";
    public Guid? UserId { get; private set; }
    public Guid? PatientId { get; private set; }
    public string? Subject { get; private set; }
    public string? IpAddress { get; private set; }
    public string? Detail { get; private set; }

    internal static PendingAuditEntry For(AuditEntry entry, DateTimeOffset at) => new()
    {
        OccurredAt = AuditTime.Truncate(at),
        Action = entry.Action,
        Outcome = entry.Outcome,
        UserId = entry.UserId,
        PatientId = entry.PatientId,
        Subject = entry.Subject,
        IpAddress = entry.IpAddress,
        Detail = entry.Detail,
    };

    internal AuditEntry ToEntry() => new(Action, Outcome, UserId, PatientId, Subject, IpAddress, Detail);
}
