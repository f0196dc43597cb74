using Rapport.Web.Features.Assessments;

namespace Rapport.UnitTests.Features.Assessments;

/// <summary>Answer sets as a person would give them: option values in item order, null where nothing was chosen.</summary>
internal static class AnswerSets
{
    /// <summary>
    /// Answers that add up to <paramref name="total"/>: the scored items are filled from the first, each as high as it
    /// goes, through the option whose score is wanted (so EPDS reverse-scored items get their reversed value).
    /// Unscored items are left unanswered.
    /// </summary>
    public static int?[] Totalling(Instrument instrument, int total)
    {
        var left = total;
        var answers = new int?[instrument.Items.Count];
        for (var i = 0; i < instrument.Items.Count; i++)
        {
            var item = instrument.Items[i];
            if (!item.Scored)
            {
                continue;
            }
            var score = Math.Min(left, item.MaxScore);
            answers[i] = item.Options.Single(o => o.Score == score).Value;
            left -= score;
        }
        if (left != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(total), $"{instrument.ShortName} cannot total {total}.");
        }
        return answers;
    }

    /// <summary>A PHQ-9 form (nine items and the unscored difficulty question) from the nine item answers.</summary>
    public static int?[] Phq9(params int?[] nineItems) => [.. nineItems, null];

    public static int?[] Zeroes(Instrument instrument) => Totalling(instrument, 0);
}
