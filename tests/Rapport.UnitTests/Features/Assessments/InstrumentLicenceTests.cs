using Rapport.Web.Features;
using Rapport.Web.Features.Assessments;

namespace Rapport.UnitTests.Features.Assessments;

public sealed class InstrumentLicenceTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly Instrument Restricted = InstrumentCatalog.All.First(i => i.Licence == LicenceKind.Restricted);

    [Fact]
    public void ALicenceThatEndedYesterdayIsRefusedBecauseItWouldOfferNothing()
    {
        var refusal = Assert.Throws<RuleViolationException>(() =>
            InstrumentLicence.Record(Restricted, "Test clinic", "Letter 17", new DateOnly(2026, 12, 4), Guid.NewGuid(), Now));

        Assert.Equal(AssessmentRules.LicenceAlreadyEnded, refusal.Rule);
    }

    [Fact]
    public void ALicenceRunningToTodayOrWithoutAnEndIsRecordedAndValidToday()
    {
        var today = InstrumentLicence.Record(Restricted, "Test clinic", "Letter 17", new DateOnly(2026, 12, 5), Guid.NewGuid(), Now);
        var open = InstrumentLicence.Record(Restricted, "Test clinic", "Letter 18", null, Guid.NewGuid(), Now);

        Assert.True(today.IsValidOn(new DateOnly(2026, 12, 5)));
        Assert.False(today.IsValidOn(new DateOnly(2026, 12, 6)));
        Assert.True(open.IsValidOn(new DateOnly(2036, 1, 1)));
    }
}
