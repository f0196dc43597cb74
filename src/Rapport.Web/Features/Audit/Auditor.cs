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
        // Columns have limits; what a person typed (an e-mail address on a failed sign-in) must not make the audit write fail.
        return writer.WriteAsync(new AuditEntry(action, outcome, userId, patientId, Clip(subject, 200),
            context?.Connection.RemoteIpAddress?.ToString(), Clip(detail, 1000)), ct);
    }

    private static string? Clip(string? text, int max) => text is not null && text.Length > max ? text[..max] : text;
}
