using Rapport.Web.Features.Accounts;

namespace Rapport.Web.Features.Therapists;

/// <summary>A therapist's profile in the words a patient reads: no codes, no enum names.</summary>
public static class ProfileWords
{
    private static readonly string[] Titles = ["dr", "dr.", "prof", "prof.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "mx", "mx."];

    public static string Training(TrainingLevel level) => level switch
    {
        TrainingLevel.Certified => "Certified IPT therapist",
        TrainingLevel.Supervisor => "Certified IPT therapist and supervisor",
        _ => "Trained in IPT",
    };

    public static string Offering(string code) => TherapistProfile.Offerings.FirstOrDefault(o => o.Code == code).Label ?? code;

    public static string Offerings(IEnumerable<string> codes) => string.Join(", ", codes.Select(Offering));

    public static string Languages(IEnumerable<string> codes) => string.Join(", ", codes.Select(ProfileChoices.LanguageName));

    public static string Countries(IEnumerable<string> codes) => string.Join(", ", codes.Select(ProfileChoices.CountryName));

    /// <summary>"AO" for "Dr Amina Okafor": first letters of the first and last names, titles left out.</summary>
    public static string Initials(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => !Titles.Contains(w.ToLowerInvariant()) && char.IsLetter(w[0]))
            .ToArray();
        return words.Length switch
        {
            0 => "?",
            1 => char.ToUpperInvariant(words[0][0]).ToString(),
            _ => string.Concat(char.ToUpperInvariant(words[0][0]), char.ToUpperInvariant(words[^1][0])),
        };
    }

    /// <summary>The bio cut at a word boundary, for a directory card.</summary>
    public static string Short(string bio, int max = 160)
    {
        bio = bio.Trim();
        if (bio.Length <= max)
        {
            return bio;
        }
        var cut = bio.LastIndexOf(' ', max);
        return bio[..(cut > max / 2 ? cut : max)].TrimEnd(',', ';', '.', ' ') + "…";
    }
}
