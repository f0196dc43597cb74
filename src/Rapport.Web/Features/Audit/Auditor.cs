using System.Security.Claims;

namespace Rapport.Web.Features.Audit;

/// <summary>Records an audit entry for the current request: who (user id) and from where (IP) are filled in here.</summary>
public sealed class Auditor(AuditWriter writer, IHttpContextAccessor http)
{
    public Task RecordAsync(string action, string outcome = AuditOutcome.Success, Guid? userId = null,
        string? subject = null, string? detail = null, Guid? patientId = null, CancellationToken ct = default)
    {
        var context = http.HttpContext;
        userId ??= Guid.TryParse(context?.User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
        return writer.WriteAsync(new AuditEntry(action, outcome, userId, patientId, subject,
            context?.Connection.RemoteIpAddress?.ToString(), detail), ct);
    }
}
