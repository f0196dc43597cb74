using System.Text.RegularExpressions;

namespace Rapport.UnitTests.Features.Notifications;

/// <summary>
/// Words that must never reach an inbox, a lock screen or a calendar (src/Rapport.Web/Features/Notifications/readme.md,
/// rule 6). Each is a word start, matched case-insensitively, so "depress" also catches "depressive" and "depression".
/// </summary>
public static partial class ClinicalWords
{
    /// <summary>Refused in every e-mail and calendar file, whoever reads it.</summary>
    public static readonly string[] Everywhere =
    [
        "depress", "anxi", "PHQ", "GAD", "WSAS", "HAM-D", "Hamilton", "EPDS", "postnatal", "BDI", "C-SSRS", "SAS-SR",
        "therapy", "therapies", "therapeutic", "psychotherap", "psycholog", "psychiatr", "counsel", "IPT", "interpersonal",
        "grief", "grieving", "bereave", "mental", "suicid", "self-harm", "harm", "risk", "safety", "crisis", "diagnos",
        "disorder", "symptom", "mood", "questionnaire", "check-in", "measure", "score", "assessment", "screening",
        "relapse", "deteriorat", "distress", "treatment", "medication", "formulation", "inventory", "role dispute",
        "role transition", "trauma", "PTSD",
    ];

    /// <summary>
    /// Also refused in anything a patient may receive; allowed in a template marked [StaffOnlyMail], where the reader is
    /// the clinician or administrator whose job it names.
    /// </summary>
    public static readonly string[] NotToPatients = ["therapist", "patient", "clinician", "clinical"];

    /// <summary>The clinical words found in <paramref name="text"/>, empty when it is clean.</summary>
    public static IReadOnlyList<string> In(string text, bool staffOnly) =>
        [.. Everywhere.Concat(staffOnly ? [] : NotToPatients)
            .Where(word => Regex.IsMatch(text, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(word)}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))];
}
