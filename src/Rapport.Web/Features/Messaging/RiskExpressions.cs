using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Rapport.Web.Features.Assessments;

namespace Rapport.Web.Features.Messaging;

/// <summary>What the safety check found in a message: the curated phrase and how fast a clinician must respond.</summary>
public sealed record RiskMatch(string Phrase, RiskLevel Level);

/// <summary>
/// The curated list of English risk expressions (<c>risk-expressions.json</c>, embedded; each entry names its source),
/// read and checked once at start-up. A patient's message is matched phrase by phrase as whole words, clause by clause,
/// and a phrase negated just before it ("I would <em>never</em> hurt myself") does not count (readme, rules 10–12).
/// A flag starts a clinician's assessment; it never replaces one, and it cannot see what is not on the list.
/// </summary>
public sealed partial class RiskExpressions
{
    public sealed record Expression(string Phrase, [property: JsonConverter(typeof(JsonStringEnumConverter<RiskLevel>))] RiskLevel Level, string Source);

    private sealed record FileShape(DateOnly? ReviewedOn, IReadOnlyList<Expression> Expressions);

    /// <summary>How many words before a phrase are looked at for a negation.</summary>
    public const int NegationWindow = 6;

    private const string Resource = "Rapport.Web.Features.Messaging.risk-expressions.json";
    private static readonly HashSet<string> Negators = ["not", "never", "no"];
    /// <summary>Words that may stand between a negation and the phrase it negates.</summary>
    private static readonly HashSet<string> Links =
    [
        "i", "am", "is", "was", "would", "will", "do", "did", "could", "should", "ever", "really", "want", "wanna", "going", "gonna", "to",
        "be", "have", "any", "thoughts", "of", "about", "plan", "plans", "intend", "sure", "that",
    ];

    private static readonly HashSet<string> ClauseBreaks = ["but", "though", "although", "however", "yet"];

    private readonly IReadOnlyList<(Expression Expression, string[] Words)> expressions;

    private RiskExpressions(IEnumerable<Expression> list) =>
        expressions = [.. list.OrderByDescending(e => e.Level).Select(e => (e, Words(e.Phrase).ToArray()))];

    public IReadOnlyList<Expression> All => [.. expressions.Select(e => e.Expression)];

    public static RiskExpressions Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"{Resource} is not embedded in the app.");
        var file = JsonSerializer.Deserialize<FileShape>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException("The risk expressions file is empty.");
        var broken = file.Expressions.Where(e => Words(e.Phrase).Count() == 0 || e.Level == RiskLevel.None || string.IsNullOrWhiteSpace(e.Source)).ToList();
        if (broken.Count > 0 || file.Expressions.Count == 0)
        {
            // A broken list stops the app rather than let risk pass unseen.
            throw new InvalidOperationException($"risk-expressions.json has {broken.Count} broken entries (a phrase, a level and a source are required).");
        }
        return new RiskExpressions(file.Expressions);
    }

    /// <summary>The strongest expression found, not negated, or null.</summary>
    public RiskMatch? Find(string text)
    {
        var clauses = Clauses(text).ToList();
        foreach (var (expression, words) in expressions)
        {
            foreach (var clause in clauses)
            {
                for (var at = 0; at + words.Length <= clause.Count; at++)
                {
                    if (words.Select((w, i) => clause[at + i] == w).All(same => same) && !Negated(clause, at))
                    {
                        return new RiskMatch(expression.Phrase, expression.Level);
                    }
                }
            }
        }
        return null;
    }

    /// <summary>
    /// Negated when an odd number of negations stand just before the phrase with only small linking words between
    /// ("I would <em>never</em> hurt myself", "I do <em>not</em> want to kill myself"; "not sure I won't hurt myself" has
    /// two). Any other word ends the look back, so "I can't stop thinking about killing myself" is not negated: when in
    /// doubt the message is flagged (readme, rule 11).
    /// </summary>
    private static bool Negated(List<string> clause, int start)
    {
        var negations = 0;
        for (var i = start - 1; i >= 0 && start - i <= NegationWindow; i--)
        {
            if (Negators.Contains(clause[i]))
            {
                negations++;
            }
            else if (!Links.Contains(clause[i]))
            {
                break;
            }
        }
        return negations % 2 == 1;
    }

    private static IEnumerable<List<string>> Clauses(string text)
    {
        foreach (var sentence in SentenceBreak().Split(text))
        {
            var clause = new List<string>();
            foreach (var word in Words(sentence))
            {
                if (ClauseBreaks.Contains(word))
                {
                    yield return clause;
                    clause = [];
                    continue;
                }
                clause.Add(word);
            }
            yield return clause;
        }
    }

    /// <summary>Lower-case words with contractions written out, so "don't", "dont" and "do not" read alike.</summary>
    internal static IEnumerable<string> Words(string text)
    {
        foreach (Match m in Word().Matches(text.ToLowerInvariant().Replace('\u2019', '\'').Replace('\u2018', '\'')))
        {
            var word = m.Value.Trim('\'');
            switch (word)
            {
                case "cannot" or "can't" or "cant":
                    yield return "can";
                    yield return "not";
                    continue;
                case "won't" or "wont":
                    yield return "will";
                    yield return "not";
                    continue;
                case "i'm" or "im":
                    yield return "i";
                    yield return "am";
                    continue;
                case "i'd":
                    yield return "i";
                    yield return "would";
                    continue;
            }
            if (word.EndsWith("n't", StringComparison.Ordinal))
            {
                yield return word[..^3];
                yield return "not";
            }
            else if (word is "dont" or "didnt" or "doesnt" or "wouldnt" or "couldnt" or "shouldnt" or "isnt" or "arent" or "wasnt")
            {
                yield return word[..^2];
                yield return "not";
            }
            else if (word.Length > 0)
            {
                yield return word;
            }
        }
    }

    [GeneratedRegex(@"[a-z']+")]
    private static partial Regex Word();

    [GeneratedRegex(@"[.!?;:\n]+")]
    private static partial Regex SentenceBreak();
}
