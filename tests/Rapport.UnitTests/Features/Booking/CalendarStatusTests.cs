using Rapport.Web.Features.Booking;

namespace Rapport.UnitTests.Features.Booking;

/// <summary>What a calendar app is told about each appointment: only a cancellation is struck out.</summary>
public sealed class CalendarStatusTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static string StatusLineOf(Appointment appointment) =>
        IcsWriter.Write([new IcsEvent(appointment, "Alex Example", $"https://rapport.test/appointments/{appointment.Id}")], Now)
            .Split("\r\n").Single(l => l.StartsWith("STATUS:", StringComparison.Ordinal));

    private static Appointment Booked(DateTimeOffset start) =>
        Appointment.Book(Guid.NewGuid(), Guid.NewGuid(), start, TimeSpan.FromMinutes(50), TimeSpan.FromMinutes(10), AppointmentKind.Session, Now.AddDays(-14));

    [Fact]
    public void ASessionThatTookPlaceStaysConfirmedInTheCalendar()
    {
        var held = Booked(Now.AddDays(-7));
        held.MarkAttended(Now.AddDays(-7).AddMinutes(50));

        Assert.Equal("STATUS:CONFIRMED", StatusLineOf(held));
    }

    [Fact]
    public void ASessionThePatientMissedStaysInTheCalendarAsTheTimeThatWasKept()
    {
        var missed = Booked(Now.AddDays(-7));
        missed.MarkNoShow(Now.AddDays(-7).AddMinutes(20));

        Assert.Equal("STATUS:CONFIRMED", StatusLineOf(missed));
    }

    [Fact]
    public void ABookedSessionIsConfirmed() => Assert.Equal("STATUS:CONFIRMED", StatusLineOf(Booked(Now.AddDays(3))));

    [Theory]
    [InlineData(CancelledBy.Therapist, 10)]
    [InlineData(CancelledBy.Patient, 10)]
    [InlineData(CancelledBy.Patient, 0.5)]
    public void ACancelledSessionEarlyOrLateIsStruckOutOfTheCalendar(CancelledBy by, double daysBefore)
    {
        var appointment = Booked(Now.AddDays(daysBefore));
        appointment.Cancel(by, Now, TimeSpan.FromHours(24));

        Assert.Equal("STATUS:CANCELLED", StatusLineOf(appointment));
    }
}
