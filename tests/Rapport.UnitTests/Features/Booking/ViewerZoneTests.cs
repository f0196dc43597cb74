using System.Globalization;
using Rapport.Web.Features.Booking;

namespace Rapport.UnitTests.Features.Booking;

public sealed class ViewerZoneTests
{
    private static readonly ViewerZone London = new(TimeZoneInfo.FindSystemTimeZoneById("Europe/London"), IsOwn: true);

    [Fact]
    public void ADayInAnotherYearSaysItsYearEvenWhereTheYearWasNotAskedFor()
    {
        var nextYear = DateTimeOffset.UtcNow.AddYears(1);

        var words = London.DayAndTime(nextYear);

        Assert.Contains(London.Local(nextYear).Year.ToString(CultureInfo.InvariantCulture), words, StringComparison.Ordinal);
    }

    [Fact]
    public void ADayThisYearLeavesTheYearOutUnlessAsked()
    {
        var soon = DateTimeOffset.UtcNow;
        var year = London.Local(soon).Year.ToString(CultureInfo.InvariantCulture);

        Assert.DoesNotContain(year, London.Day(soon), StringComparison.Ordinal);
        Assert.Contains(year, London.Day(soon, withYear: true), StringComparison.Ordinal);
    }
}
