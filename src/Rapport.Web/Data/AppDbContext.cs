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
        // Each entity's mapping lives beside it in its feature folder, as an IEntityTypeConfiguration<T>. None of them
        // needs anything from the context: clinical text is only marked there, and the cipher that needs this app's keys
        // is attached by the convention above once the model is complete, so the configurations stay parameterless.
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
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
