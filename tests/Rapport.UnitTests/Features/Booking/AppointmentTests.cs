using Rapport.Web.Features;
using Rapport.Web.Features.Booking;

namespace Rapport.UnitTests.Features.Booking;

public sealed class AppointmentTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Notice = TimeSpan.FromHours(24);

    private static Appointment BookedIn(TimeSpan fromNow) =>
        Appointment.Book(Guid.NewGuid(), Guid.NewGuid(), Now + fromNow, TimeSpan.FromMinutes(50), TimeSpan.FromMinutes(10), AppointmentKind.Session, Now);

    [Fact]
    public void APatientCancellingInsideTheNoticePeriodIsRecordedAsALateCancellation()
    {
        var appointment = BookedIn(TimeSpan.FromHours(5));

        appointment.Cancel(CancelledBy.Patient, Now, Notice);

        Assert.Equal(AppointmentStatus.LateCancelled, appointment.Status);
    }

    [Fact]
    public void APatientCancellingWithEnoughNoticeIsAPlainCancellation()
    {
        var appointment = BookedIn(TimeSpan.FromHours(30));

        appointment.Cancel(CancelledBy.Patient, Now, Notice);

        Assert.Equal(AppointmentStatus.Cancelled, appointment.Status);
    }

    [Fact]
    public void ATherapistsCancellationIsNeverLate()
    {
        var appointment = BookedIn(TimeSpan.FromHours(1));

        appointment.Cancel(CancelledBy.Therapist, Now, Notice);

        Assert.Equal(AppointmentStatus.Cancelled, appointment.Status);
    }

    [Fact]
    public void AMissedAppointmentCanBeMarkedOnlyAfterItStarts()
    {
        var appointment = BookedIn(TimeSpan.FromHours(1));

        var e = Assert.Throws<RuleViolationException>(() => appointment.MarkNoShow(Now));
        appointment.MarkNoShow(Now.AddHours(1).AddMinutes(5));

        Assert.Equal(BookingRules.NoShowAfterStart, e.Rule);
        Assert.Equal(AppointmentStatus.NoShow, appointment.Status);
    }

    [Fact]
    public void ACancelledAppointmentCannotBeMoved()
    {
        var appointment = BookedIn(TimeSpan.FromDays(2));
        appointment.Cancel(CancelledBy.Patient, Now, Notice);

        var e = Assert.Throws<RuleViolationException>(() => appointment.Reschedule(Now.AddDays(3), TimeSpan.Zero, Now));

        Assert.Equal(BookingRules.OnlyBookedCanChange, e.Rule);
    }

    [Fact]
    public void ATimeInThePastCannotBeBooked()
    {
        var e = Assert.Throws<RuleViolationException>(() => BookedIn(TimeSpan.FromMinutes(-1)));

        Assert.Equal(BookingRules.NotInThePast, e.Rule);
    }

    [Fact]
    public void MovingKeepsTheLengthAndTheBuffer()
    {
        var appointment = BookedIn(TimeSpan.FromDays(2));

        appointment.Reschedule(Now.AddDays(3), TimeSpan.FromMinutes(15), Now);

        Assert.Equal(Now.AddDays(3).AddMinutes(50), appointment.EndUtc);
        Assert.Equal(Now.AddDays(3).AddMinutes(65), appointment.BlockedUntilUtc);
        Assert.Equal(1, appointment.Version);
    }
}
