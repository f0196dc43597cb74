using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.Calendars;
using Rapport.Web.Features.CareRelationships;
using Rapport.Web.Features.DataRights;
using Rapport.Web.Features.LiveSessions;
using Rapport.Web.Features.Messaging;
using Rapport.Web.Features.Notifications;
using Rapport.Web.Features.Safety;
using Rapport.Web.Features.Therapists;
using Rapport.Web.Features.TreatmentCourses;

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
    public DbSet<TokenFamily> TokenFamilies => Set<TokenFamily>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<AuditBlock> AuditBlocks => Set<AuditBlock>();
    public DbSet<PendingAuditEntry> AuditInbox => Set<PendingAuditEntry>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<TherapistProfile> TherapistProfiles => Set<TherapistProfile>();
    public DbSet<BookingPolicy> BookingPolicies => Set<BookingPolicy>();
    public DbSet<AvailabilityWindow> AvailabilityWindows => Set<AvailabilityWindow>();
    public DbSet<AvailabilityException> AvailabilityExceptions => Set<AvailabilityException>();
    public DbSet<Appointment> Appointments => Set<Appointment>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<CalendarFeed> CalendarFeeds => Set<CalendarFeed>();
    public DbSet<AssessmentResponse> AssessmentResponses => Set<AssessmentResponse>();
    public DbSet<InstrumentLicence> InstrumentLicences => Set<InstrumentLicence>();
    public DbSet<Intake> Intakes => Set<Intake>();
    public DbSet<LifeEvent> LifeEvents => Set<LifeEvent>();
    public DbSet<Consent> Consents => Set<Consent>();
    public DbSet<MeasurementPlan> MeasurementPlans => Set<MeasurementPlan>();
    public DbSet<MeasureRequest> MeasureRequests => Set<MeasureRequest>();
    public DbSet<SafetyAlert> SafetyAlerts => Set<SafetyAlert>();
    public DbSet<SafetyAlertRecipient> SafetyAlertRecipients => Set<SafetyAlertRecipient>();
    public DbSet<SafetyPlanVersion> SafetyPlanVersions => Set<SafetyPlanVersion>();
    public DbSet<CrisisResource> CrisisResources => Set<CrisisResource>();
    public DbSet<LiveSession> LiveSessions => Set<LiveSession>();
    public DbSet<TreatmentCourse> TreatmentCourses => Set<TreatmentCourse>();
    public DbSet<InterpersonalInventory> InterpersonalInventories => Set<InterpersonalInventory>();
    public DbSet<Formulation> Formulations => Set<Formulation>();
    public DbSet<TreatmentContract> TreatmentContracts => Set<TreatmentContract>();
    public DbSet<SessionNote> SessionNotes => Set<SessionNote>();
    public DbSet<DecisionAnalysis> DecisionAnalyses => Set<DecisionAnalysis>();
    public DbSet<TerminationReview> TerminationReviews => Set<TerminationReview>();
    public DbSet<MaintenancePlan> MaintenancePlans => Set<MaintenancePlan>();
    public DbSet<RelapseAlert> RelapseAlerts => Set<RelapseAlert>();
    public DbSet<FidelityReview> FidelityReviews => Set<FidelityReview>();
    public DbSet<CareRelationship> CareRelationships => Set<CareRelationship>();
    public DbSet<CoverPeriod> CoverPeriods => Set<CoverPeriod>();
    public DbSet<SupervisionAssignment> SupervisionAssignments => Set<SupervisionAssignment>();
    public DbSet<ClinicalLeadShift> ClinicalLeadShifts => Set<ClinicalLeadShift>();
    public DbSet<EmergencyAccess> EmergencyAccesses => Set<EmergencyAccess>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<ErasureRequest> ErasureRequests => Set<ErasureRequest>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Conventions.Add(_ => new ClinicalTextCipher.Convention(ClinicalTextCipher.Of(this)));

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

        builder.Entity<TokenFamily>(f =>
        {
            f.HasKey(x => x.Id);
            f.Property(x => x.Id).ValueGeneratedNever();
            f.Property(x => x.SecurityStamp).HasMaxLength(256);
            // Two redemptions of one token race: the second finds the hash already replaced and counts as a replay.
            f.Property(x => x.RefreshTokenHash).HasMaxLength(64).IsConcurrencyToken();
            f.Property(x => x.RevokedBecause).HasMaxLength(64);
            // Erasing an account erases its sign-ins.
            f.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
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
            a.HasIndex(x => x.OccurredAt);
            a.HasIndex(x => new { x.Action, x.OccurredAt });
            a.HasIndex(x => x.UserId);
            a.HasIndex(x => x.PatientId);
        });
        builder.Entity<AuditBlock>(b =>
        {
            b.HasKey(x => x.Number);
            b.Property(x => x.Number).ValueGeneratedNever();
            b.Property(x => x.MerkleRoot).HasMaxLength(64);
            b.Property(x => x.PreviousHead).HasMaxLength(64);
            b.Property(x => x.Head).HasMaxLength(64);
            b.Property(x => x.KeyId).HasMaxLength(16);
            b.Property(x => x.Signature).HasMaxLength(100);
            b.Ignore(x => x.LastSequence);
        });
        builder.Entity<PendingAuditEntry>(a =>
        {
            a.ToTable("AuditInbox");
            a.HasKey(x => x.Id);
            a.Property(x => x.Action).HasMaxLength(64);
            a.Property(x => x.Outcome).HasMaxLength(16);
            a.Property(x => x.Subject).HasMaxLength(200);
            a.Property(x => x.IpAddress).HasMaxLength(64);
            a.Property(x => x.Detail).HasMaxLength(1000);
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
            m.Property(x => x.CorrelationKey).HasMaxLength(100);
            m.HasIndex(x => x.CorrelationKey).IsUnique();
            m.Property(x => x.AttachmentFileName).HasMaxLength(100);
            m.Property(x => x.AttachmentMediaType).HasMaxLength(100);
            m.Property(x => x.AttachmentText).HasMaxLength(20000);
        });

        builder.Entity<TherapistProfile>(t =>
        {
            t.HasKey(x => x.UserId);
            t.HasOne<RapportUser>().WithOne().HasForeignKey<TherapistProfile>(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            t.Property(x => x.Bio).HasMaxLength(2000);
            t.Property(x => x.Languages).HasMaxLength(200);
            t.Property(x => x.Specialties).HasMaxLength(500);
            t.Property(x => x.Countries).HasMaxLength(300);
            t.Property(x => x.Training).HasConversion<string>().HasMaxLength(16);
            t.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            t.HasIndex(x => x.Status);
            t.Ignore(x => x.LanguageList);
            t.Ignore(x => x.SpecialtyList);
            t.Ignore(x => x.CountryList);
            t.Ignore(x => x.IsListed);
        });

        builder.Entity<BookingPolicy>(p =>
        {
            p.HasKey(x => x.TherapistId);
            p.HasOne<RapportUser>().WithOne().HasForeignKey<BookingPolicy>(x => x.TherapistId).OnDelete(DeleteBehavior.Cascade);
            p.Ignore(x => x.Session);
            p.Ignore(x => x.Buffer);
            p.Ignore(x => x.MinimumNotice);
            p.Ignore(x => x.Horizon);
            p.Ignore(x => x.CancellationNotice);
        });

        builder.Entity<AvailabilityWindow>(w =>
        {
            w.HasKey(x => x.Id);
            w.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.TherapistId).OnDelete(DeleteBehavior.Cascade);
            w.HasIndex(x => x.TherapistId);
        });

        builder.Entity<AvailabilityException>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.TherapistId).OnDelete(DeleteBehavior.Cascade);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Note).HasMaxLength(200);
            e.HasIndex(x => new { x.TherapistId, x.StartUtc });
        });

        builder.Entity<Appointment>(a =>
        {
            a.HasKey(x => x.Id);
            a.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.TherapistId).OnDelete(DeleteBehavior.Restrict);
            a.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Restrict);
            // Stored as numbers so the database's overlap guard can compare them (see the migration).
            a.Property(x => x.Status).HasConversion<int>();
            a.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            a.Property(x => x.CancelledByRole).HasConversion<string>().HasMaxLength(16);
            a.Property(x => x.Version).IsConcurrencyToken();
            a.Ignore(x => x.Duration);
            // The slot and calendar queries: a therapist's (or patient's) appointments in a time range.
            a.HasIndex(x => new { x.TherapistId, x.StartUtc });
            a.HasIndex(x => new { x.PatientId, x.StartUtc });
            a.HasIndex(x => x.SeriesId);
        });

        builder.Entity<IdempotencyRecord>(i =>
        {
            i.HasKey(x => new { x.UserId, x.Key });
            i.Property(x => x.Key).HasMaxLength(100);
            i.Property(x => x.RequestHash).HasMaxLength(64);
            i.Property(x => x.ResponseBody).HasMaxLength(20000);
        });

        builder.Entity<CalendarFeed>(f =>
        {
            f.HasKey(x => x.Id);
            f.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            f.Property(x => x.TokenHash).HasMaxLength(64);
            f.HasIndex(x => x.TokenHash).IsUnique();
        });

        AssessmentsModel.Configure(builder);
        SafetyModel.Configure(builder);
        LiveSessionsModel.Configure(builder);
        TreatmentCoursesModel.Configure(builder);
        TreatmentCoursesModel.ConfigureFollowUp(builder);
        CareRelationshipsModel.Configure(builder);
        MessagingModel.Configure(builder);
        DataRightsModel.Configure(builder);
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
        base.ConfigureConventions(configurationBuilder);
        // SQLite has no date type: store UTC ticks so instants sort and compare in SQL, exactly.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));
}

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options);
