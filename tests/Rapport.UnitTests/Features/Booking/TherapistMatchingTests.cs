using Rapport.Web.Features.Booking;
using Rapport.Web.Features.Therapists;

namespace Rapport.UnitTests.Features.Booking;

public sealed class TherapistMatchingTests
{
    private static readonly TimeZoneInfo Madrid = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");
    private static readonly TimeZoneInfo Auckland = TimeZoneInfo.FindSystemTimeZoneById("Pacific/Auckland");

    // Wednesday 2 December 2026: Madrid is UTC+1, Auckland UTC+13 (daylight saving).
    private static DateTimeOffset Utc(int day, int hour) => new(2026, 12, day, hour, 0, 0, TimeSpan.Zero);

    private static MatchCandidate Candidate(string name, string[] languages, string[] conditions, params DateTimeOffset[] free) =>
        new(Guid.NewGuid(), name, languages, conditions, free);

    [Fact]
    public void ATherapistWhoSpeaksTheLanguageRanksAboveOneWithMoreFreeTimes()
    {
        var speaks = Candidate("B", ["es"], [], Utc(2, 18));
        var busyless = Candidate("A", ["en"], [], Utc(2, 17), Utc(2, 18), Utc(2, 19), Utc(3, 17), Utc(3, 18));
        var answers = new MatchAnswers("es", [MeetingTime.WeekdayEvenings], null);

        var ranked = TherapistMatching.Rank(answers, [busyless, speaks], Madrid);

        Assert.Equal(["B", "A"], ranked.Select(s => s.Therapist.Name));
    }

    [Fact]
    public void FreeTimesCountOnlyWhenThePersonCanMeetInTheirOwnZone()
    {
        // 18:00 UTC is 19:00 in Madrid (a weekday evening) but 07:00 the next morning in Auckland.
        var therapist = Candidate("A", ["en"], [], Utc(2, 18), Utc(3, 18));
        var answers = new MatchAnswers("en", [MeetingTime.WeekdayEvenings], null);

        Assert.Equal(2, TherapistMatching.Score(answers, therapist, Madrid).MatchingTimes);
        Assert.Equal(0, TherapistMatching.Score(answers, therapist, Auckland).MatchingTimes);
    }

    [Fact]
    public void MoreMatchingTimesRankHigherAmongSpeakersOfTheLanguage()
    {
        var few = Candidate("A", ["en"], [], Utc(2, 18));
        var many = Candidate("B", ["en"], [], Utc(2, 18), Utc(3, 18), Utc(4, 18));
        var answers = new MatchAnswers("en", [MeetingTime.WeekdayEvenings], null);

        Assert.Equal("B", TherapistMatching.Rank(answers, [few, many], Madrid)[0].Therapist.Name);
    }

    [Fact]
    public void TheConditionAskedForRaisesATherapistWhoWorksWithIt()
    {
        var general = Candidate("A", ["en"], ["depression"], Utc(2, 18));
        var perinatal = Candidate("B", ["en"], ["perinatal"], Utc(2, 18));
        var answers = new MatchAnswers("en", [MeetingTime.WeekdayEvenings], "perinatal");

        Assert.Equal("B", TherapistMatching.Rank(answers, [general, perinatal], Madrid)[0].Therapist.Name);
    }

    [Fact]
    public void TheReasonsSayWhyInWords()
    {
        var therapist = Candidate("A", ["es", "en"], ["perinatal"], Utc(2, 18), Utc(3, 19), Utc(4, 9), Utc(5, 18));
        var answers = new MatchAnswers("es", [MeetingTime.WeekdayEvenings], "perinatal");

        var suggestion = TherapistMatching.Score(answers, therapist, Madrid);

        // Saturday 5 December is a weekend, Friday 4 at 10:00 a morning: two weekday evenings remain.
        Assert.Equal("Speaks Spanish · has 2 free times on weekday evenings in your time zone · works with depression in pregnancy and after birth",
            suggestion.Why);
    }

    [Fact]
    public void ATherapistWhoDoesNotSpeakTheLanguageIsNamedWithTheLanguagesTheyDoSpeak()
    {
        var therapist = Candidate("A", ["en", "fr"], [], Utc(2, 18));
        var answers = new MatchAnswers("sw", [MeetingTime.Weekends], null);

        var suggestion = TherapistMatching.Score(answers, therapist, Madrid);

        Assert.False(suggestion.SpeaksLanguage);
        Assert.Equal("Works in English and French · has no free times on weekends in the next 4 weeks", suggestion.Why);
    }

    [Fact]
    public void WithoutChosenTimesEveryFreeTimeCounts()
    {
        var therapist = Candidate("A", ["en"], [], Utc(2, 3), Utc(5, 12), Utc(7, 9));

        var suggestion = TherapistMatching.Score(new MatchAnswers("en", [], null), therapist, Madrid);

        Assert.Equal(3, suggestion.MatchingTimes);
        Assert.Equal("Speaks English · has 3 free times in the next 4 weeks", suggestion.Why);
    }

    [Fact]
    public void FreeTimesCountOnlyUpToALimit()
    {
        var lots = Enumerable.Range(0, 60).Select(i => Utc(1, 0).AddHours(i * 12)).ToArray();
        var therapist = Candidate("A", ["en"], [], lots);

        var suggestion = TherapistMatching.Score(new MatchAnswers("en", [], null), therapist, Madrid);

        Assert.Equal(TherapistMatching.LanguageWeight + TherapistMatching.MaxTimesCounted * TherapistMatching.TimeWeight, suggestion.Score);
    }

    [Fact]
    public void AtMostFiveAreSuggested()
    {
        var candidates = Enumerable.Range(0, 8).Select(i => Candidate($"T{i}", ["en"], [], Utc(2, 18)));

        Assert.Equal(5, TherapistMatching.Rank(new MatchAnswers("en", [], null), candidates, Madrid).Count);
    }

    [Theory]
    [InlineData(2, 4, null)] // 05:00 in Madrid: still night
    [InlineData(2, 5, MeetingTime.WeekdayMornings)] // 06:00 in Madrid
    [InlineData(2, 11, MeetingTime.WeekdayAfternoons)]
    [InlineData(2, 16, MeetingTime.WeekdayEvenings)]
    [InlineData(2, 21, null)]
    [InlineData(5, 3, MeetingTime.Weekends)]
    public void AStartFallsInThePersonsPeriodOfTheDay(int day, int utcHour, MeetingTime? expected)
    {
        Assert.Equal(expected, TherapistMatching.PeriodOf(Utc(day, utcHour), Madrid));
    }

    [Fact]
    public void WhatBroughtThePersonRanksNoOneButIsAnswered()
    {
        Assert.All(Enum.GetValues<WhatBrought>(), what => Assert.False(string.IsNullOrWhiteSpace(TherapistMatching.Focus(what))));
        Assert.Contains("loss", TherapistMatching.Focus(WhatBrought.Loss), StringComparison.Ordinal);
    }
}
