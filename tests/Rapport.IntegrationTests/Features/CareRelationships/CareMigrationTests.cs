using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.CareRelationships;
using Rapport.Web.Features.TreatmentCourses;

namespace Rapport.IntegrationTests.Features.CareRelationships;

/// <summary>
/// A clinic that ran before care relationships existed keeps its care: the migration turns each patient's latest
/// course into an accepted relationship with its therapist (earlier courses with someone else into transferred ones)
/// and any other live booking into an enquiry, on each database.
/// </summary>
public abstract class CareMigrationTests
{
    /// <summary>The last migration before care relationships, on this provider.</summary>
    protected abstract string PreviousMigration { get; }

    /// <summary>A context on a database of its own that does not exist yet.</summary>
    protected abstract AppDbContext NewDatabase();

    private static readonly DateTimeOffset Then = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private static RapportUser Person(string name) => new()
    {
        Id = Guid.NewGuid(),
        UserName = $"{name}-{Guid.NewGuid():N}@example.com",
        NormalizedUserName = $"{name}-{Guid.NewGuid():N}@EXAMPLE.COM",
        Email = $"{name}@example.com",
        DisplayName = name,
        SecurityStamp = Guid.NewGuid().ToString(),
        CreatedAt = Then,
    };

    [Fact]
    public async Task CoursesAndBookingsBecomeCareRelationships()
    {
        await using var db = NewDatabase();
        try
        {
            await db.GetService<IMigrator>().MigrateAsync(PreviousMigration, TestContext.Current.CancellationToken);
            var (sarah, priya, kenji) = (Person("Sarah"), Person("Priya"), Person("Kenji"));
            var (alex, nadia, liam) = (Person("Alex"), Person("Nadia"), Person("Liam"));
            db.Users.AddRange(sarah, priya, kenji, alex, nadia, liam);
            // Alex: a course with Sarah, a session with her, and a first conversation booked with Priya.
            db.TreatmentCourses.Add(TreatmentCourse.Open(alex.Id, sarah.Id, Then));
            db.Appointments.Add(Appointment.Book(sarah.Id, alex.Id, Then.AddDays(7), TimeSpan.FromMinutes(50), TimeSpan.FromMinutes(10), AppointmentKind.Session, Then));
            var firstConversation = Appointment.Book(priya.Id, alex.Id, Then.AddDays(8), TimeSpan.FromMinutes(50), TimeSpan.FromMinutes(10), AppointmentKind.Assessment, Then);
            db.Appointments.Add(firstConversation);
            // Nadia: a course with Kenji, then a later one with Sarah.
            db.TreatmentCourses.Add(TreatmentCourse.Open(nadia.Id, kenji.Id, Then.AddDays(-60)));
            db.TreatmentCourses.Add(TreatmentCourse.Open(nadia.Id, sarah.Id, Then.AddDays(-10)));
            // Liam: only a first conversation he cancelled.
            var cancelled = Appointment.Book(kenji.Id, liam.Id, Then.AddDays(9), TimeSpan.FromMinutes(50), TimeSpan.FromMinutes(10), AppointmentKind.Assessment, Then);
            cancelled.Cancel(CancelledBy.Patient, Then.AddDays(1), TimeSpan.FromHours(24));
            db.Appointments.Add(cancelled);
            await db.SaveOnEarlierSchemaAsync(TestContext.Current.CancellationToken);

            await db.GetService<IMigrator>().MigrateAsync(cancellationToken: TestContext.Current.CancellationToken);

            var relationships = await db.CareRelationships.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
            CareStatus? StatusOf(RapportUser patient, RapportUser clinician) =>
                relationships.SingleOrDefault(r => r.PatientId == patient.Id && r.ClinicianId == clinician.Id)?.Status;
            Assert.Equal(CareStatus.Accepted, StatusOf(alex, sarah));
            Assert.Equal(CareStatus.Enquiry, StatusOf(alex, priya));
            Assert.Equal(firstConversation.StartUtc, relationships.Single(r => r.PatientId == alex.Id && r.ClinicianId == priya.Id).FirstConversationAt);
            Assert.Equal(CareStatus.Accepted, StatusOf(nadia, sarah));
            Assert.Equal(CareStatus.Transferred, StatusOf(nadia, kenji));
            Assert.Null(StatusOf(liam, kenji));
            Assert.Equal(4, relationships.Count);
            Assert.NotNull(relationships.Single(r => r.PatientId == nadia.Id && r.ClinicianId == kenji.Id).EndedAt);
        }
        finally
        {
            await db.Database.EnsureDeletedAsync(TestContext.Current.CancellationToken);
        }
    }
}

public sealed class CareMigrationTestsOnSqlite : CareMigrationTests
{
    protected override string PreviousMigration => "20261127143445_TreatmentCourses";

    protected override AppDbContext NewDatabase() => MigrationDatabases.NewSqlite();
}

public sealed class CareMigrationTestsOnPostgres : CareMigrationTests
{
    protected override string PreviousMigration => "20261127143511_TreatmentCourses";

    protected override AppDbContext NewDatabase() => MigrationDatabases.NewPostgres();
}
