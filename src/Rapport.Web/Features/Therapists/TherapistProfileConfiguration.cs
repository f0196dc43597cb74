using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Web.Features.Accounts;

namespace Rapport.Web.Features.Therapists;

internal sealed class TherapistProfileConfiguration : IEntityTypeConfiguration<TherapistProfile>
{
    public void Configure(EntityTypeBuilder<TherapistProfile> builder)
    {
        builder.HasKey(x => x.UserId);
        builder.HasOne<RapportUser>().WithOne().HasForeignKey<TherapistProfile>(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(x => x.Bio).HasMaxLength(2000);
        builder.Property(x => x.Languages).HasMaxLength(200);
        builder.Property(x => x.Specialties).HasMaxLength(500);
        builder.Property(x => x.Countries).HasMaxLength(300);
        builder.Property(x => x.Training).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(x => x.Status);
        builder.Ignore(x => x.LanguageList);
        builder.Ignore(x => x.SpecialtyList);
        builder.Ignore(x => x.CountryList);
        builder.Ignore(x => x.IsListed);
    }
}
