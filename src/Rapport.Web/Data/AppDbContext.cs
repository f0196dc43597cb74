using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Notifications;
using Rapport.Web.Features.Therapists;

namespace Rapport.Web.Data;

/// <summary>
/// The one model. Each database has a subclass only so that each keeps its own migrations
/// (EF migrations are provider-specific); the model itself is written once, here.
/// </summary>
public abstract class AppDbContext(DbContextOptions options)
    : IdentityDbContext<RapportUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>Cookie and token keys, shared by every app instance so any of them can read a session.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<StaffInvitation> StaffInvitations => Set<StaffInvitation>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<TherapistProfile> TherapistProfiles => Set<TherapistProfile>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // Roles are reference data that every environment needs, so they ship in the migrations.
        builder.Entity<IdentityRole<Guid>>().HasData(
            new IdentityRole<Guid> { Id = RoleIds.Patient, Name = Features.Accounts.Roles.Patient, NormalizedName = "PATIENT", ConcurrencyStamp = "patient" },
            new IdentityRole<Guid> { Id = RoleIds.Therapist, Name = Features.Accounts.Roles.Therapist, NormalizedName = "THERAPIST", ConcurrencyStamp = "therapist" },
            new IdentityRole<Guid> { Id = RoleIds.Admin, Name = Features.Accounts.Roles.Admin, NormalizedName = "ADMIN", ConcurrencyStamp = "admin" });

        builder.Entity<RapportUser>(u =>
        {
            u.Property(x => x.DisplayName).HasMaxLength(100);
            u.Property(x => x.TimeZoneId).HasMaxLength(64);
            u.Property(x => x.PreferredLanguage).HasMaxLength(8);
            u.Property(x => x.CountryCode).HasMaxLength(2);
        });

        builder.Entity<StaffInvitation>(i =>
        {
            i.HasKey(x => x.Id);
            i.Property(x => x.Email).HasMaxLength(256);
            i.Property(x => x.Role).HasMaxLength(32);
            i.Property(x => x.TokenHash).HasMaxLength(64);
            i.HasIndex(x => x.TokenHash).IsUnique();
        });

        builder.Entity<AuditEvent>(a =>
        {
            a.HasKey(x => x.Sequence);
            a.Property(x => x.Sequence).ValueGeneratedNever();
            a.Property(x => x.Action).HasMaxLength(64);
            a.Property(x => x.Outcome).HasMaxLength(16);
            a.Property(x => x.Subject).HasMaxLength(200);
            a.Property(x => x.IpAddress).HasMaxLength(64);
            a.Property(x => x.Detail).HasMaxLength(1000);
            a.Property(x => x.PreviousHash).HasMaxLength(64);
            a.Property(x => x.Hash).HasMaxLength(64);
            a.HasIndex(x => x.OccurredAt);
            a.HasIndex(x => new { x.Action, x.OccurredAt });
            a.HasIndex(x => x.UserId);
        });

        builder.Entity<OutboxMessage>(m =>
        {
            m.HasKey(x => x.Id);
            m.Property(x => x.ToAddress).HasMaxLength(256);
            m.Property(x => x.ToName).HasMaxLength(100);
            m.Property(x => x.Subject).HasMaxLength(200);
            m.Property(x => x.TextBody).HasMaxLength(8000);
            m.Property(x => x.LastError).HasMaxLength(500);
            m.HasIndex(x => new { x.SentAt, x.NextAttemptAt });
        });

        builder.Entity<TherapistProfile>(t =>
        {
            t.HasKey(x => x.UserId);
            t.HasOne<RapportUser>().WithOne().HasForeignKey<TherapistProfile>(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            t.Property(x => x.Bio).HasMaxLength(2000);
            t.Property(x => x.Languages).HasMaxLength(200);
            t.Property(x => x.Specialties).HasMaxLength(500);
            t.Ignore(x => x.LanguageList);
            t.Ignore(x => x.SpecialtyList);
        });
    }
}

internal static class RoleIds
{
    public static readonly Guid Patient = new("0b7f3f3e-5a52-4c1c-9a57-1f6f9c3d0001");
    public static readonly Guid Therapist = new("0b7f3f3e-5a52-4c1c-9a57-1f6f9c3d0002");
    public static readonly Guid Admin = new("0b7f3f3e-5a52-4c1c-9a57-1f6f9c3d0003");
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no date type: store UTC ticks so instants sort and compare in SQL, exactly.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));
}

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options);
