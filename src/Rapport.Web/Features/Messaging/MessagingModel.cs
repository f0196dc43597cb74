using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;

namespace Rapport.Web.Features.Messaging;

/// <summary>EF configuration of conversations and messages, beside their entities.</summary>
internal static class MessagingModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<Conversation>(c =>
        {
            c.HasKey(x => x.Id);
            // The id is the care relationship's: one conversation per relationship, whichever instance writes first.
            c.Property(x => x.Id).ValueGeneratedNever();
            c.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Restrict);
            c.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.ClinicianId).OnDelete(DeleteBehavior.Restrict);
            c.Property(x => x.Version).IsConcurrencyToken();
            c.HasIndex(x => x.PatientId);
            c.HasIndex(x => x.NotifiedAt);
        });

        builder.Entity<Message>(m =>
        {
            m.HasKey(x => x.Id);
            m.Property(x => x.Id).ValueGeneratedNever();
            // Never deleted (readme, rule 5): no cascade from anything.
            m.HasOne<Conversation>().WithMany().HasForeignKey(x => x.ConversationId).OnDelete(DeleteBehavior.Restrict);
            m.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.SenderId).OnDelete(DeleteBehavior.Restrict);
            m.HasOne<Message>().WithMany().HasForeignKey(x => x.ReplyToId).OnDelete(DeleteBehavior.Restrict);
            m.Property(x => x.Text).IsClinicalText();
            m.Property(x => x.RiskWords).IsClinicalText();
            m.Property(x => x.Risk).HasConversion<int>();
            m.Property(x => x.Version).IsConcurrencyToken();
            m.Ignore(x => x.IsRetracted);
            m.Ignore(x => x.IsRead);
            // A page of a conversation, newest first; the hourly count per sender; the unread sweep for e-mails.
            m.HasIndex(x => new { x.ConversationId, x.SentAt });
            m.HasIndex(x => new { x.SenderId, x.SentAt });
            m.HasIndex(x => new { x.ReadAt, x.SentAt });
        });
    }
}
