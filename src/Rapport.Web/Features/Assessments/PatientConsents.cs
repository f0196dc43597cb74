using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Assessments;

/// <summary>
/// A patient gives or withdraws a consent (GDPR: withdrawn as easily as given). Every record stays: withdrawing stamps
/// the active ones, giving again adds a new one for the current wording. Each change is audited in the same save.
/// </summary>
public sealed class PatientConsents(AppDbContext db, Auditor audit, TimeProvider clock)
{
    public async Task GiveAsync(Guid patientId, ConsentKind kind, CancellationToken ct)
    {
        await StageAsync(patientId, k => k == kind, only: kind, ct);
        await db.SaveChangesAsync(ct);
    }

    public async Task WithdrawAsync(Guid patientId, ConsentKind kind, CancellationToken ct)
    {
        await StageAsync(patientId, _ => false, only: kind, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Brings the patient's consents in line with what they agree to now (for <paramref name="only"/> one kind, or for
    /// every current text), staged with their audit entries for the caller's save: the intake commits them with itself.
    /// </summary>
    internal async Task StageAsync(Guid patientId, Func<ConsentKind, bool> agrees, ConsentKind? only, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var active = await db.Consents.Where(c => c.PatientId == patientId && c.WithdrawnAt == null).ToListAsync(ct);
        foreach (var text in ConsentTexts.Current.Where(t => only is null || t.Kind == only))
        {
            var mine = active.Where(c => c.Kind == text.Kind).ToList();
            if (agrees(text.Kind))
            {
                if (mine.All(c => c.Version != text.Version))
                {
                    var consent = Consent.Give(patientId, text.Kind, now);
                    db.Consents.Add(consent);
                    audit.Stage(AuditAction.ConsentGiven, subject: consent.Id.ToString(), patientId: patientId, detail: $"{consent.Kind} v{consent.Version}");
                }
                continue;
            }
            foreach (var consent in mine)
            {
                consent.Withdraw(now);
                audit.Stage(AuditAction.ConsentWithdrawn, subject: consent.Id.ToString(), patientId: patientId, detail: $"{consent.Kind} v{consent.Version}");
            }
        }
    }
}
