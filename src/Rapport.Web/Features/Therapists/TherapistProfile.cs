namespace Rapport.Web.Features.Therapists;

/// <summary>
/// The public face of a therapist. The foundation keeps only what the directory issue builds on;
/// approval, availability and matching fields come with that issue.
/// </summary>
public sealed class TherapistProfile
{
    private TherapistProfile() { }

    public Guid UserId { get; private set; }
    public string Bio { get; private set; } = "";
    /// <summary>ISO 639-1 codes, comma separated (e.g. "en,es").</summary>
    public string Languages { get; private set; } = "";
    /// <summary>Conditions and adaptations offered, comma separated (e.g. "depression,perinatal").</summary>
    public string Specialties { get; private set; } = "";
    public bool AcceptingNewPatients { get; private set; } = true;

    public static TherapistProfile Create(Guid userId, string bio, IEnumerable<string> languages, IEnumerable<string> specialties) => new()
    {
        UserId = userId,
        Bio = bio,
        Languages = string.Join(',', languages),
        Specialties = string.Join(',', specialties),
    };

    public IReadOnlyList<string> LanguageList => Languages.Split(',', StringSplitOptions.RemoveEmptyEntries);
    public IReadOnlyList<string> SpecialtyList => Specialties.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
