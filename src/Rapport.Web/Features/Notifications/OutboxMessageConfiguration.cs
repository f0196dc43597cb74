using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Rapport.Web.Features.Notifications;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.HasKey(x => x.Id);
        builder.Property(x => x.ToAddress).HasMaxLength(256);
        builder.Property(x => x.ToName).HasMaxLength(100);
        builder.Property(x => x.Subject).HasMaxLength(200);
        builder.Property(x => x.TextBody).HasMaxLength(8000);
        builder.Property(x => x.LastError).HasMaxLength(500);
        builder.HasIndex(x => new { x.SentAt, x.NextAttemptAt });
        builder.Property(x => x.CorrelationKey).HasMaxLength(100);
        builder.HasIndex(x => x.CorrelationKey).IsUnique();
        builder.Property(x => x.AttachmentFileName).HasMaxLength(100);
        builder.Property(x => x.AttachmentMediaType).HasMaxLength(100);
        builder.Property(x => x.AttachmentText).HasMaxLength(20000);
    }
}
