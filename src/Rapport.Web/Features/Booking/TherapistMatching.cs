using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Therapists;

namespace Rapport.Web.Features.Booking;

/// <summary>When a person can meet, in their own time zone.</summary>
public enum MeetingTime
{
    /// <summary>Monday to Friday, starting 06:00–11:59.</summary>
    WeekdayMornings = 0,
    /// <summary>Monday to Friday, starting 12:00–16:59.</summary>
    WeekdayAfternoons = 1,
    /// <summary>Monday to Friday, starting 17:00–21:59.</summary>
    WeekdayEvenings = 2,
    /// <summary>Saturday and Sunday, any time.</summary>
    Weekends = 3,
}

/// <summary>What brought the person, in plain words: IPT's four focus areas, or something else.</summary>
public enum WhatBrought
{
    /// <summary>A loss (IPT: grief).</summary>
    Loss = 0,
    /// <summary>A conflict with someone close (IPT: role dispute).</summary>
    Conflict = 1,
    /// <summary>A change in life (IPT: role transition).</summary>
    Change = 2,
    /// <summary>Loneliness or isolation (IPT: interpersonal sensitivity).</summary>
    Loneliness = 3,
    Other = 4,
}

/// <summary>The answers of the matching form that rank therapists.</summary>
public sealed record MatchAnswers(string Language, IReadOnlyCollection<MeetingTime> Times, string? Condition);

/// <summary>One listed therapist accepting new patients, with the free times they offer in the period looked at.</summary>
public sealed record MatchCandidate(Guid Id, string Name, IReadOnlyList<string> Languages, IReadOnlyList<string> Conditions,
    IReadOnlyList<DateTimeOffset> FreeStartsUtc);

/// <summary>A therapist suggested to the person, with the reasons in words.</summary>
public sealed record Suggestion(MatchCandidate Therapist, int Score, bool SpeaksLanguage, int MatchingTimes, IReadOnlyList<string> Reasons)
{
    public string Why => string.Join(" · ", Reasons);
}

/// <summary>
/// Ranks therapists for the matching form, and says why each was suggested. Pure: the page loads the
/// candidates and their free times; this decides. The order of importance:
/// 1. the language (therapy in a language one does not speak well does not work),
/// 2. free times when the person can meet, counted in the person's own time zone (up to 20 count),
/// 3. the condition the person asked for, if any.
/// What brought the person does not rank anyone: every IPT therapist works on all four focus areas.
/// It only chooses the sentence that tells the person so (<see cref="Focus"/>).
/// </summary>
public static class TherapistMatching
{
    public const int LanguageWeight = 100;
    public const int ConditionWeight = 30;
    public const int TimeWeight = 2;
    public const int MaxTimesCounted = 20;

    public static IReadOnlyList<Suggestion> Rank(MatchAnswers answers, IEnumerable<MatchCandidate> candidates, TimeZoneInfo viewerZone, int take = 5) =>
        candidates.Select(c => Score(answers, c, viewerZone))
            .OrderByDescending(s => s.Score)
            .ThenByDescending(s => s.MatchingTimes)
            .ThenBy(s => s.Therapist.Name, StringComparer.Ordinal)
            .ThenBy(s => s.Therapist.Id)
            .Take(take)
            .ToArray();

    public static Suggestion Score(MatchAnswers answers, MatchCandidate candidate, TimeZoneInfo viewerZone)
    {
        var reasons = new List<string>();
        var speaks = candidate.Languages.Contains(answers.Language);
        reasons.Add(speaks
            ? $"Speaks {ProfileChoices.LanguageNameInEnglish(answers.Language)}"
            : $"Works in {And(candidate.Languages.Select(ProfileChoices.LanguageNameInEnglish).ToArray())}");

        int matching;
        if (answers.Times.Count == 0)
        {
            matching = candidate.FreeStartsUtc.Count;
            reasons.Add(matching == 0 ? "has no free times in the next 4 weeks" : $"has {Times(matching)} in the next 4 weeks");
        }
        else
        {
            matching = candidate.FreeStartsUtc.Count(s => PeriodOf(s, viewerZone) is { } p && answers.Times.Contains(p));
            var when = Or(answers.Times.Order().Select(Words).ToArray());
            reasons.Add(matching == 0
                ? $"has no free times on {when} in the next 4 weeks"
                : $"has {Times(matching)} on {when} in your time zone");
        }

        var offersCondition = answers.Condition is { } c && candidate.Conditions.Contains(c);
        if (offersCondition)
        {
            reasons.Add(WorksWith(answers.Condition!));
        }

        var score = (speaks ? LanguageWeight : 0) + Math.Min(matching, MaxTimesCounted) * TimeWeight + (offersCondition ? ConditionWeight : 0);
        return new Suggestion(candidate, score, speaks, matching, reasons);
    }

    /// <summary>Which of the person's meeting times a start falls in, in their zone; null at night on weekdays.</summary>
    public static MeetingTime? PeriodOf(DateTimeOffset startUtc, TimeZoneInfo viewerZone)
    {
        var local = TimeZoneInfo.ConvertTime(startUtc, viewerZone);
        if (local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            return MeetingTime.Weekends;
        }
        return local.Hour switch
        {
            >= 6 and < 12 => MeetingTime.WeekdayMornings,
            >= 12 and < 17 => MeetingTime.WeekdayAfternoons,
            >= 17 and < 22 => MeetingTime.WeekdayEvenings,
            _ => null,
        };
    }

    public static string Words(MeetingTime time) => time switch
    {
        MeetingTime.WeekdayMornings => "weekday mornings",
        MeetingTime.WeekdayAfternoons => "weekday afternoons",
        MeetingTime.WeekdayEvenings => "weekday evenings",
        _ => "weekends",
    };

    public static string Words(WhatBrought what) => what switch
    {
        WhatBrought.Loss => "A loss",
        WhatBrought.Conflict => "A conflict with someone close",
        WhatBrought.Change => "A change in my life",
        WhatBrought.Loneliness => "Loneliness or feeling cut off",
        _ => "Something else",
    };

    /// <summary>What IPT offers for what brought the person, in one calm sentence.</summary>
    public static string Focus(WhatBrought what) => what switch
    {
        WhatBrought.Loss => "Coming to terms with a loss is one of the four things IPT focuses on. Every therapist here is trained in it.",
        WhatBrought.Conflict => "Conflicts with people close to us are one of the four things IPT focuses on. Every therapist here is trained in it.",
        WhatBrought.Change => "Finding your feet after a change in life is one of the four things IPT focuses on. Every therapist here is trained in it.",
        WhatBrought.Loneliness => "Feeling lonely or cut off from others is one of the four things IPT focuses on. Every therapist here is trained in it.",
        _ => "In your first conversation, the therapist will listen and work out with you what to focus on.",
    };

    /// <summary>"works with depression in pregnancy and after birth": how a reason names a condition.</summary>
    public static string WorksWith(string condition) => condition switch
    {
        "depression" => "works with depression",
        "perinatal" => "works with depression in pregnancy and after birth",
        "adolescents" => "works with teenagers (IPT-A)",
        "bipolar" => "works with bipolar disorder (IPSRT)",
        "eating-disorders" => "works with eating disorders",
        "ptsd" => "works with people after trauma (PTSD)",
        "anxiety" => "works with anxiety",
        "group" => "runs group IPT",
        _ => $"works with: {ProfileWords.Offering(condition)}",
    };

    private static string Times(int n) => n == 1 ? "1 free time" : $"{n} free times";

    private static string And(IReadOnlyList<string> items) => Join(items, "and");

    private static string Or(IReadOnlyList<string> items) => Join(items, "or");

    private static string Join(IReadOnlyList<string> items, string last) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + $" {last} " + items[^1],
    };
}
