using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;

namespace Rapport.Web.Features.CareRelationships.Pages;

/// <summary>What waits for a clinician's decision, counted for the therapist's home: one query per count, never one per row.</summary>
public static class CareWaiting
{
    public static Task<int> FirstConversationsAsync(AppDbContext db, Guid clinicianId, CancellationToken ct) =>
        db.CareRelationships.CountAsync(r => r.ClinicianId == clinicianId && r.Status == CareStatus.Enquiry, ct);

    public static Task<int> HandoversAsync(AppDbContext db, Guid clinicianId, CancellationToken ct) =>
        db.CareRelationships.CountAsync(r => r.ClinicianId == clinicianId && r.Status == CareStatus.Handover, ct);
}
