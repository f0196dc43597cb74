using System.Globalization;
using Microsoft.Extensions.Options;
using Rapport.Web.Data;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Notifications;

/// <summary>
/// E-mails each audit checkpoint to <c>Audit:CheckpointEmail</c> when one is set, so a copy lives outside this system
/// altogether (Audit readme). The mail holds hashes and counts only.
/// </summary>
public sealed class AuditCheckpointMail(Outbox outbox, AppDbContext db, IOptions<AuditOptions> options) : IAuditCheckpointCopy
{
    public async Task SendAsync(AuditCheckpoint checkpoint, string checkpointJson, CancellationToken ct)
    {
        if (options.Value.CheckpointEmail is not { Length: > 0 } to)
        {
            return;
        }
        outbox.Queue(to, "Audit", CheckpointMail(checkpoint.Block, checkpointJson), correlationKey: $"audit-checkpoint:{checkpoint.Block}");
        await db.SaveChangesAsync(ct);
        outbox.SendSoon();
    }

    /// <summary>To the audit mailbox set in configuration: the checkpoint itself, which holds hashes and counts only.</summary>
    [StaffOnlyMail]
    public static MailText CheckpointMail(long block, string checkpointJson) => new(
        string.Create(CultureInfo.InvariantCulture, $"Rapport audit checkpoint {block}"),
        "A signed checkpoint of Rapport's audit log. Keep it: the audit verification compares the log with it.\n\n" + checkpointJson);
}
