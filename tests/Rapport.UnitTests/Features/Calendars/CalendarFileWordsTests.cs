using Rapport.UnitTests.Features.Notifications;
using Rapport.Web.Features.Booking;

namespace Rapport.UnitTests.Features.Calendars;

/// <summary>A calendar file is read on phones, watches and shared calendars: its words are checked like an e-mail's.</summary>
public sealed class CalendarFileWordsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(AppointmentKind.Assessment)]
    [InlineData(AppointmentKind.Session)]
    public void ACalendarEntryHoldsNoClinicalWord(AppointmentKind kind)
    {
        var appointment = Appointment.Book(Guid.NewGuid(), Guid.NewGuid(), Now.AddDays(2), TimeSpan.FromMinutes(50), TimeSpan.FromMinutes(10), kind, Now);

        var ics = IcsWriter.Write([new IcsEvent(appointment, "Alex Example", $"https://rapport.test/appointments/{appointment.Id}")], Now);

        var described = ics.Split("\r\n").Where(l => l.StartsWith("SUMMARY", StringComparison.Ordinal) || l.StartsWith("DESCRIPTION", StringComparison.Ordinal)
            || l.StartsWith("X-WR-CALNAME", StringComparison.Ordinal) || l.StartsWith("LOCATION", StringComparison.Ordinal)).ToList();
        Assert.Contains(described, l => l.StartsWith("SUMMARY:Appointment with Alex Example", StringComparison.Ordinal));
        Assert.Empty(ClinicalWords.In(ics, staffOnly: false));
    }
}
