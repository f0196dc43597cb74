using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;

namespace Rapport.Web.Features.Messaging;

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> builder)
    {
        builder.HasKey(x => x.Id);
        // The id is the care relationship's: one conversation per relationship, whichever instance writes first.
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.ClinicianId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasIndex(x => x.PatientId);
        builder.HasIndex(x => x.NotifiedAt);
    }
}

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> builder)
    {
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        // Never deleted (readme, rule 5): no cascade from anything.
        builder.HasOne<Conversation>().WithMany().HasForeignKey(x => x.ConversationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.SenderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Message>().WithMany().HasForeignKey(x => x.ReplyToId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(x => x.Text).IsClinicalText();
        builder.Property(x => x.RiskWords).IsClinicalText();
        builder.Property(x => x.Risk).HasConversion<int>();
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.Ignore(x => x.IsRetracted);
        builder.Ignore(x => x.IsRead);
        // A page of a conversation, newest first; the hourly count per sender; the unread sweep for e-mails.
        builder.HasIndex(x => new { x.ConversationId, x.SentAt });
        builder.HasIndex(x => new { x.SenderId, x.SentAt });
        builder.HasIndex(x => new { x.ReadAt, x.SentAt });
    }
}
