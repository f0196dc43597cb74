using Microsoft.EntityFrameworkCore;
using Rapport.Web.Features.Accounts;

namespace Rapport.Web.Features.DataRights;

/// <summary>The feature's tables, configured beside its entity.</summary>
public static class DataRightsModel
{
    public static void Configure(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Entity<ErasureRequest>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            // The row outlives the account's sign-in identity: the user row is anonymised, never deleted (readme, rule 4).
            e.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Ignore(x => x.IsPending);
            e.HasIndex(x => x.PatientId);
            // The jobs' two questions: which pending requests are due, which carried-out records may be purged.
            e.HasIndex(x => new { x.Status, x.CarryOutAfter });
            e.HasIndex(x => new { x.Status, x.RetentionEndsAt });
        });
    }
}
