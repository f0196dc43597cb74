using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Rapport.Web.Features.Audit;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.HasKey(x => x.Sequence);
        builder.Property(x => x.Sequence).ValueGeneratedNever();
        builder.Property(x => x.Action).HasMaxLength(64);
        builder.Property(x => x.Outcome).HasMaxLength(16);
        builder.Property(x => x.Subject).HasMaxLength(200);
        builder.Property(x => x.IpAddress).HasMaxLength(64);
        builder.Property(x => x.Detail).HasMaxLength(1000);
        builder.HasIndex(x => x.OccurredAt);
        builder.HasIndex(x => new { x.Action, x.OccurredAt });
        builder.HasIndex(x => x.UserId);
        builder.HasIndex(x => x.PatientId);
    }
}

internal sealed class AuditBlockConfiguration : IEntityTypeConfiguration<AuditBlock>
{
    public void Configure(EntityTypeBuilder<AuditBlock> builder)
    {
        builder.HasKey(x => x.Number);
        builder.Property(x => x.Number).ValueGeneratedNever();
        builder.Property(x => x.MerkleRoot).HasMaxLength(64);
        builder.Property(x => x.PreviousHead).HasMaxLength(64);
        builder.Property(x => x.Head).HasMaxLength(64);
        builder.Property(x => x.KeyId).HasMaxLength(16);
        builder.Property(x => x.Signature).HasMaxLength(100);
        builder.Ignore(x => x.LastSequence);
    }
}

internal sealed class PendingAuditEntryConfiguration : IEntityTypeConfiguration<PendingAuditEntry>
{
    public void Configure(EntityTypeBuilder<PendingAuditEntry> builder)
    {
        builder.ToTable("AuditInbox");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Action).HasMaxLength(64);
        builder.Property(x => x.Outcome).HasMaxLength(16);
        builder.Property(x => x.Subject).HasMaxLength(200);
        builder.Property(x => x.IpAddress).HasMaxLength(64);
        builder.Property(x => x.Detail).HasMaxLength(1000);
    }
}
