using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Safety;

/// <summary>
/// An admin adds, changes or removes one of the clinic's own crisis lines (readme, rule 11). Each is one unit of work
/// with its audit entry; the in-memory copy every patient page reads is cleared by the save itself
/// (<see cref="ClinicCrisisLines.Invalidation"/>). Null means no such line: the caller answers 404.
/// </summary>
public sealed class ClinicCrisisLineChanges(AppDbContext db, Auditor audit, TimeProvider clock)
{
    public async Task<CrisisResource> AddAsync(CrisisResource.Details details, CancellationToken ct)
    {
        var resource = CrisisResource.Create(details, clock.GetUtcNow());
        db.CrisisResources.Add(resource);
        audit.Stage(AuditAction.CrisisResourcesChanged, subject: resource.Id.ToString(), detail: $"added {resource.CountryCode} {resource.Name}");
        await db.SaveChangesAsync(ct);
        return resource;
    }

    public async Task<CrisisResource?> ChangeAsync(Guid id, CrisisResource.Details details, CancellationToken ct)
    {
        var resource = await db.CrisisResources.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (resource is null)
        {
            return null;
        }
        try
        {
            resource.Change(details, clock.GetUtcNow());
        }
        catch (RuleViolationException)
        {
            // Nothing half-changed stays tracked for a later save in this request.
            db.ChangeTracker.Clear();
            throw;
        }
        audit.Stage(AuditAction.CrisisResourcesChanged, subject: id.ToString(), detail: $"changed {resource.CountryCode} {resource.Name}");
        await db.SaveChangesAsync(ct);
        return resource;
    }

    public async Task<CrisisResource?> RemoveAsync(Guid id, CancellationToken ct)
    {
        var resource = await db.CrisisResources.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (resource is null)
        {
            return null;
        }
        db.CrisisResources.Remove(resource);
        audit.Stage(AuditAction.CrisisResourcesChanged, subject: id.ToString(), detail: $"deleted {resource.CountryCode} {resource.Name}");
        await db.SaveChangesAsync(ct);
        return resource;
    }
}
