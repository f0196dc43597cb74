using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Web.Features.Accounts;

namespace Rapport.Web.Features.DataRights;

internal sealed class ErasureRequestConfiguration : IEntityTypeConfiguration<ErasureRequest>
{
    public void Configure(EntityTypeBuilder<ErasureRequest> builder)
    {
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        // The row outlives the account's sign-in identity: the user row is anonymised, never deleted (readme, rule 4).
        builder.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.Ignore(x => x.IsPending);
        builder.HasIndex(x => x.PatientId);
        // The jobs' two questions: which pending requests are due, which carried-out records may be purged.
        builder.HasIndex(x => new { x.Status, x.CarryOutAfter });
        builder.HasIndex(x => new { x.Status, x.RetentionEndsAt });
    }
}
