using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Rapport.Web.Features.Accounts;

/// <summary>Roles are reference data that every environment needs, so they ship in the migrations.</summary>
internal sealed class RoleConfiguration : IEntityTypeConfiguration<IdentityRole<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityRole<Guid>> builder) => builder.HasData(
        new IdentityRole<Guid> { Id = RoleIds.Patient, Name = Roles.Patient, NormalizedName = "PATIENT", ConcurrencyStamp = "patient" },
        new IdentityRole<Guid> { Id = RoleIds.Therapist, Name = Roles.Therapist, NormalizedName = "THERAPIST", ConcurrencyStamp = "therapist" },
        new IdentityRole<Guid> { Id = RoleIds.Admin, Name = Roles.Admin, NormalizedName = "ADMIN", ConcurrencyStamp = "admin" });
}

/// <summary>The seeded roles' ids: fixed, so the migrations and queries name the same rows in every database.</summary>
internal static class RoleIds
{
    public static readonly Guid Patient = new("0b7f3f3e-5a52-4c1c-9a57-1f6f9c3d0001");
    public static readonly Guid Therapist = new("0b7f3f3e-5a52-4c1c-9a57-1f6f9c3d0002");
    public static readonly Guid Admin = new("0b7f3f3e-5a52-4c1c-9a57-1f6f9c3d0003");
}

internal sealed class RapportUserConfiguration : IEntityTypeConfiguration<RapportUser>
{
    public void Configure(EntityTypeBuilder<RapportUser> builder)
    {
        builder.Property(x => x.DisplayName).HasMaxLength(100);
        builder.Property(x => x.TimeZoneId).HasMaxLength(64);
        builder.Property(x => x.PreferredLanguage).HasMaxLength(8);
        builder.Property(x => x.CountryCode).HasMaxLength(2);
    }
}

internal sealed class StaffInvitationConfiguration : IEntityTypeConfiguration<StaffInvitation>
{
    public void Configure(EntityTypeBuilder<StaffInvitation> builder)
    {
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Email).HasMaxLength(256);
        builder.Property(x => x.Role).HasMaxLength(32);
        builder.Property(x => x.TokenHash).HasMaxLength(64);
        builder.HasIndex(x => x.TokenHash).IsUnique();
    }
}

internal sealed class TokenFamilyConfiguration : IEntityTypeConfiguration<TokenFamily>
{
    public void Configure(EntityTypeBuilder<TokenFamily> builder)
    {
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.SecurityStamp).HasMaxLength(256);
        // Two redemptions of one token race: the second finds the hash already replaced and counts as a replay.
        builder.Property(x => x.RefreshTokenHash).HasMaxLength(64).IsConcurrencyToken();
        builder.Property(x => x.RevokedBecause).HasMaxLength(64);
        // Erasing an account erases its sign-ins.
        builder.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
