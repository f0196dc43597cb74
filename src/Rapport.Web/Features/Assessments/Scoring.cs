namespace Rapport.Web.Features.Assessments;

/// <summary>A critical item answered at or above its threshold.</summary>
public sealed record CriticalAnswer(int ItemNumber, int Score, RiskLevel Level);

/// <summary>
/// What the published scoring says about one set of answers. An incomplete form has no total and no band
/// (there is no official proration rule, docs/clinical/measures.md#phq-9), but its critical answers still count.
/// </summary>
public sealed record ScoredResponse(
    Instrument Instrument,
    IReadOnlyList<int?> Answers,
    bool IsComplete,
    IReadOnlyList<int> MissingItems,
    int? Total,
    int MaxTotal,
    SeverityBand? Band,
    IReadOnlyList<CriticalAnswer> CriticalAnswers,
    string? Suggestion,
    IReadOnlyList<string> Notes)
{
    public RiskLevel Risk => CriticalAnswers.Count == 0 ? RiskLevel.None : CriticalAnswers.Max(c => c.Level);
}

public static class InstrumentScoring
{
    /// <summary>
    /// Checks the answers against the instrument (one entry per item, in order; null = not answered;
    /// otherwise one of the item's option values) and scores them. Throws <see cref="InputValidationException"/>.
    /// </summary>
    public static ScoredResponse Score(Instrument instrument, IReadOnlyList<int?>? answers)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        Validate(instrument, answers);
        var given = answers!;

        var missing = new List<int>();
        var total = 0;
        var notApplicable = new List<int>();
        for (var i = 0; i < instrument.Items.Count; i++)
        {
            var item = instrument.Items[i];
            if (!item.Scored)
            {
                continue;
            }
            if (given[i] is not { } value)
            {
                missing.Add(item.Number);
                continue;
            }
            var option = item.Options.First(o => o.Value == value);
            if (option.Score is { } score)
            {
                total += score;
            }
            else
            {
                notApplicable.Add(item.Number);
            }
        }

        var critical = new List<CriticalAnswer>();
        foreach (var rule in instrument.CriticalItems)
        {
            var index = IndexOf(instrument, rule.ItemNumber);
            if (given[index] is { } value && instrument.Items[index].Options.First(o => o.Value == value).Score is { } score && score >= rule.ElevatedAtScore)
            {
                critical.Add(new CriticalAnswer(rule.ItemNumber, score,
                    rule.HighAtScore is { } high && score >= high ? RiskLevel.High : RiskLevel.Elevated));
            }
        }

        var complete = missing.Count == 0;
        var maxTotal = instrument.ScoredItems.Where(i => !notApplicable.Contains(i.Number)).Sum(i => i.MaxScore);
        var notes = new List<string>();
        if (!complete)
        {
            notes.Add($"Incomplete: {missing.Count} of {instrument.ScoredItems.Count()} items were not answered, so there is no total.");
        }
        if (notApplicable.Count > 0)
        {
            notes.Add($"Item {string.Join(", ", notApplicable)} marked not applicable; the total is out of {maxTotal}.");
        }
        return new ScoredResponse(instrument, given.ToArray(), complete, missing, complete ? total : null, maxTotal,
            complete ? instrument.BandFor(total) : null, critical, complete ? Suggest(instrument, given) : null, notes);
    }

    private static void Validate(Instrument instrument, IReadOnlyList<int?>? answers)
    {
        var errors = new Dictionary<string, string[]>();
        if (answers is null)
        {
            errors["answers"] = ["Answers are required."];
        }
        else if (answers.Count != instrument.Items.Count)
        {
            errors["answers"] = [$"{instrument.ShortName} has {instrument.Items.Count} items; {answers.Count} answers were sent."];
        }
        else
        {
            for (var i = 0; i < answers.Count; i++)
            {
                var item = instrument.Items[i];
                if (answers[i] is { } value && item.Options.All(o => o.Value != value))
                {
                    errors[$"answers[{i}]"] = [$"Item {item.Number} accepts {string.Join(", ", item.Options.Select(o => o.Value))}; {value} is not one of them."];
                }
            }
        }
        if (errors.Count > 0)
        {
            throw new InputValidationException(errors, "Some answers do not fit the questionnaire.");
        }
    }

    private static int IndexOf(Instrument instrument, int itemNumber)
    {
        for (var i = 0; i < instrument.Items.Count; i++)
        {
            if (instrument.Items[i].Number == itemNumber)
            {
                return i;
            }
        }
        throw new InvalidOperationException($"{instrument.Id} has no item {itemNumber}.");
    }

    /// <summary>
    /// The PHQ-9 diagnostic algorithm (docs/clinical/measures.md#phq-9), offered only as a suggestion: at least 5 items at
    /// "more than half the days" or worse, including item 1 or 2, suggests major depressive syndrome;
    /// 2–4 such items (again with item 1 or 2) suggests another depressive syndrome. Item 9 counts at any positive answer.
    /// </summary>
    private static string? Suggest(Instrument instrument, IReadOnlyList<int?> answers)
    {
        if (instrument.Id != InstrumentCatalog.Phq9)
        {
            return null;
        }
        var counted = Enumerable.Range(0, 9).Count(i => answers[i] is { } v && (i == 8 ? v >= 1 : v >= 2));
        var core = answers[0] >= 2 || answers[1] >= 2;
        return !core ? null
            : counted >= 5 ? "Suggests major depressive syndrome (a screening pattern, not a diagnosis)."
            : counted >= 2 ? "Suggests another depressive syndrome (a screening pattern, not a diagnosis)."
            : null;
    }
}

/// <summary>Change between a baseline total and a later one, labelled only where the instrument defines it.</summary>
public sealed record MeasureChange(int Baseline, int Current, bool ReliableImprovement, bool ReliableDeterioration, bool Response, bool Remission)
{
    public int Delta => Current - Baseline;

    public static MeasureChange Compare(Instrument instrument, int baseline, int current)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var rules = instrument.Change;
        var drop = baseline - current;
        return new MeasureChange(
            baseline,
            current,
            ReliableImprovement: rules.ReliableChange is { } r && drop >= r,
            ReliableDeterioration: rules.ReliableChange is { } d && -drop >= d,
            // A halving from a baseline of 0 or 1 says nothing, so response needs a baseline above the remission range.
            Response: rules.ResponseIsHalving && baseline > (rules.RemissionMaximum ?? 0) && drop * 2 >= baseline,
            // Remission is a move into the range, not starting there: a patient who began below it has not "remitted".
            Remission: rules.RemissionMaximum is { } m && baseline > m && current <= m);
    }

    /// <summary>The labels a chart or table shows, most important first.</summary>
    public IEnumerable<string> Labels()
    {
        if (Remission)
        {
            yield return "Remission";
        }
        if (Response)
        {
            yield return "Response";
        }
        if (ReliableImprovement)
        {
            yield return "Reliable improvement";
        }
        if (ReliableDeterioration)
        {
            yield return "Reliable deterioration";
        }
    }
}
