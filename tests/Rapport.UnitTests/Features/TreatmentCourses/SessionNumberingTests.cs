using Rapport.Web.Features.Booking;
using Rapport.Web.Features.TreatmentCourses;
using static Rapport.UnitTests.Features.TreatmentCourses.Courses;

namespace Rapport.UnitTests.Features.TreatmentCourses;

/// <summary>One numbering for a pair's sessions (readme, "Session numbers"): the course's, with the first conversation apart.</summary>
public sealed class SessionNumberingTests
{
    private static readonly DateTimeOffset Later = Now.AddDays(200);

    /// <summary>An appointment of the course's pair <paramref name="days"/> days from <see cref="Now"/>, attended.</summary>
    private static Appointment Attended(TreatmentCourse course, int days, AppointmentKind kind = AppointmentKind.Session)
    {
        var appointment = Appointment.Book(course.TherapistId, course.PatientId, Now.AddDays(days), TimeSpan.FromMinutes(50), TimeSpan.FromMinutes(10), kind, Now);
        appointment.MarkAttended(Later);
        return appointment;
    }

    private static List<Appointment> HeldInCourse(TreatmentCourse course, params int[] days) =>
        [.. days.Select(d =>
        {
            var appointment = Attended(course, d);
            course.RecordSessionHeld(appointment.Id, appointment.StartUtc, Now);
            return appointment;
        })];

    [Fact]
    public void TheFirstConversationIsAAndTheCourseSessionsAreNumberedFromOne()
    {
        var course = InInitial();
        var first = Attended(course, 1, AppointmentKind.Assessment);
        var held = HeldInCourse(course, 8, 15, 22);

        var sessions = SessionNumbering.Of([first, .. held], [course], Later);

        Assert.Equal(["A", "S1", "S2", "S3"], sessions.Marks.Select(m => m.Label));
        Assert.Equal("3 course sessions held, and 1 before the course (A)", sessions.Held());
    }

    [Fact]
    public void AMissBeforeAnyContractUsesNoNumberAndIsNotMarked()
    {
        var course = InInitial();
        var held = HeldInCourse(course, 8);
        course.RecordSessionMissed(Guid.NewGuid(), Now.AddDays(15), SessionOutcome.NoShow, Now);
        var after = HeldInCourse(course, 22);

        var sessions = SessionNumbering.Of([.. held, .. after], [course], Later);

        Assert.Equal(["S1", "S2"], sessions.Marks.Select(m => m.Label));
    }

    [Fact]
    public void AMissTheContractCountsKeepsItsNumber()
    {
        var course = InMiddle(sessions: 16, held: 0);
        var held = HeldInCourse(course, 8);
        course.RecordSessionMissed(Guid.NewGuid(), Now.AddDays(15), SessionOutcome.NoShow, Now);
        var after = HeldInCourse(course, 22);

        var sessions = SessionNumbering.Of([.. held, .. after], [course], Later);

        // The default contract counts no-shows: the missed week used session 2.
        Assert.Equal(["S1", "S2", "S3"], sessions.Marks.Select(m => m.Label));
        Assert.Equal("2 course sessions held", sessions.Held());
    }

    [Fact]
    public void MaintenanceSessionsAreNumberedApartFromTheCourse()
    {
        var course = InMaintenance();
        var acute = course.SessionsHeld;
        var maintenance = HeldInCourse(course, 150, 180);

        var sessions = SessionNumbering.Of(maintenance, [course], Later);

        Assert.Equal([$"S{acute}", "M1", "M2"], sessions.Marks.Select(m => m.Label).TakeLast(3));
        Assert.Equal($"{acute} course sessions and 2 maintenance sessions held", sessions.Held());
    }

    [Fact]
    public void WithoutACourseEveryHeldSessionIsBeforeTheCourse()
    {
        var course = InAssessment();

        var sessions = SessionNumbering.Of([Attended(course, 1, AppointmentKind.Assessment)], [], Later);

        Assert.Equal(["A"], sessions.Marks.Select(m => m.Label));
        Assert.Equal("1 session held, before any course (A)", sessions.Held());
    }
}
