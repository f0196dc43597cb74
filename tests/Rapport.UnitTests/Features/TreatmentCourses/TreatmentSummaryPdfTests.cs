using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.TreatmentCourses;

namespace Rapport.UnitTests.Features.TreatmentCourses;

public sealed class TreatmentSummaryPdfTests
{
    private static readonly DateTimeOffset Made = new(2026, 12, 5, 17, 30, 0, TimeSpan.Zero);

    [Fact]
    public void TheSummarySaysWhenItWasMadeInTheReadersZoneAndNamesTheZone()
    {
        var berlin = new ViewerZone(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"), IsOwn: true);

        var line = TreatmentSummaryPdf.GeneratedLine(Made, berlin);

        Assert.Equal($"Generated 5 December 2026 at 18:30, {ProfileChoices.TimeZoneLabel("Europe/Berlin")}, by Rapport.", line);
    }

    [Fact]
    public void ASummaryForAReaderWithoutAZoneSaysUtc()
    {
        Assert.Equal("Generated 5 December 2026 at 17:30, UTC, by Rapport.", TreatmentSummaryPdf.GeneratedLine(Made, ViewerZone.Utc));
    }
}
