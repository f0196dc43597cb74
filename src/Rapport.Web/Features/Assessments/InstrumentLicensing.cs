using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Assessments;

/// <summary>
/// An admin records the clinic's licence for a restricted instrument (readme, rule on licences): the new licence
/// replaces the previous one and is audited, all in one transaction, so a page or an endpoint only translates.
/// </summary>
public sealed class InstrumentLicensing(AppDbContext db, Auditor audit, TimeProvider clock)
{
    public async Task<InstrumentLicence> RecordAsync(Guid adminId, string? instrumentId, string? holder, string? reference, DateOnly? validUntil,
        CancellationToken ct)
    {
        if (InstrumentCatalog.Find(instrumentId ?? "") is not { } instrument)
        {
            throw new RuleViolationException(AssessmentRules.UnknownInstrument, "Choose the instrument the licence is for.");
        }
        var licence = InstrumentLicence.Record(instrument, holder ?? "", reference ?? "", validUntil, adminId, clock.GetUtcNow());
        // One licence per instrument: the new one replaces the old, both in one transaction.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.InstrumentLicences.Where(l => l.InstrumentId == instrument.Id).ExecuteDeleteAsync(ct);
        db.InstrumentLicences.Add(licence);
        audit.Stage(AuditAction.InstrumentLicenceRecorded, subject: instrument.Id,
            detail: $"{licence.Holder}; reference {licence.Reference}; {(licence.ValidUntil is { } d ? $"until {d:yyyy-MM-dd}" : "no end date")}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return licence;
    }
}
