using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Booking;

namespace Rapport.UnitTests.Features.Booking;

public sealed class AppointmentMailTests
{
    private static readonly PeopleNames.Person Reader = new() { Id = Guid.NewGuid(), DisplayName = "Alex", TimeZoneId = "Europe/London", CountryCode = "GB", PreferredLanguage = "en" };
    private static readonly DateTimeOffset Monday = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TheBookingMailSaysTheAppointmentIsBookedOnItsDayInPlainEnglish()
    {
        var mail = AppointmentMail.Booked("Alex", "Sarah", AppointmentMail.When(Monday, Reader), moved: false, "https://rapport.test/appointments/1");

        Assert.Contains("Your appointment with Sarah is booked on Monday 7 December 2026 at 10:00", mail.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("for on", mail.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void TheMailForAMovedAppointmentSaysWhenItIsNow()
    {
        var mail = AppointmentMail.Booked("Alex", "Sarah", AppointmentMail.When(Monday, Reader), moved: true, "https://rapport.test/appointments/1");

        Assert.Contains("Your appointment with Sarah has moved: it is now on Monday 7 December 2026 at 10:00", mail.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("moved to on", mail.Body, StringComparison.Ordinal);
    }
}
