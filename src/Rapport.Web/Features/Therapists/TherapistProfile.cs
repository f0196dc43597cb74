using Rapport.Web.Features.Accounts;

namespace Rapport.Web.Features.Therapists;

public enum TrainingLevel
{
    /// <summary>Completed an IPT training course.</summary>
    Trained = 0,
    /// <summary>Certified by an IPT body (e.g. IPTI, IPT-UK) after supervised cases.</summary>
    Certified = 1,
    /// <summary>Certified and approved to supervise other IPT therapists.</summary>
    Supervisor = 2,
}

public enum ProfileStatus
{
    /// <summary>Being written; not listed.</summary>
    Draft = 0,
    /// <summary>Sent to the clinic for approval; not listed yet.</summary>
    Submitted = 1,
    /// <summary>Approved by an admin: listed in the directory and bookable.</summary>
    Approved = 2,
}

/// <summary>
/// The public face of a therapist, edited by them and approved by an admin before it is listed.
/// Any edit of an approved profile sends it back for approval, so the directory never shows
/// unreviewed claims (training level, conditions) to patients.
/// </summary>
public sealed class TherapistProfile
{
    /// <summary>Conditions and adaptations a therapist may offer (docs/clinical/ipt-course.md#adaptations).</summary>
    public static readonly IReadOnlyList<(string Code, string Label)> Offerings =
    [
        ("depression", "Depression"),
        ("perinatal", "Pregnancy and after birth (perinatal)"),
        ("adolescents", "Teenagers (IPT-A)"),
        ("bipolar", "Bipolar disorder (IPSRT)"),
        ("eating-disorders", "Eating disorders"),
        ("ptsd", "After trauma (PTSD)"),
        ("anxiety", "Anxiety"),
        ("group", "Group IPT"),
    ];

    private TherapistProfile() { }

    public Guid UserId { get; private set; }
    /// <summary>The longest bio the profile form accepts; a longer one is refused, never cut.</summary>
    public const int MaxBioLength = 2000;

    public string Bio { get; private set; } = "";
    /// <summary>ISO 639-1 codes, comma separated (e.g. "en,es").</summary>
    public string Languages { get; private set; } = "";
    /// <summary>Codes from <see cref="Offerings"/>, comma separated.</summary>
    public string Specialties { get; private set; } = "";
    /// <summary>ISO 3166-1 alpha-2 codes where the therapist may practise, comma separated.</summary>
    public string Countries { get; private set; } = "";
    public TrainingLevel Training { get; private set; }
    public bool AcceptingNewPatients { get; private set; } = true;
    public ProfileStatus Status { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }
    public Guid? ApprovedBy { get; private set; }

    public bool IsListed => Status == ProfileStatus.Approved;

    public static TherapistProfile Create(Guid userId, string bio, IEnumerable<string> languages, IEnumerable<string> specialties,
        IEnumerable<string>? countries = null, TrainingLevel training = TrainingLevel.Trained) => new()
        {
            UserId = userId,
            Bio = bio,
            Languages = string.Join(',', languages),
            Specialties = string.Join(',', specialties),
            Countries = string.Join(',', countries ?? []),
            Training = training,
        };

    public IReadOnlyList<string> LanguageList => Split(Languages);
    public IReadOnlyList<string> SpecialtyList => Split(Specialties);
    public IReadOnlyList<string> CountryList => Split(Countries);

    /// <summary>
    /// Whether the therapist may practise where the person lives. A person whose country is not on record is not refused:
    /// nothing is known to check against (registration asks for it; Accounts readme).
    /// </summary>
    public bool MayPractiseIn(string? countryCode) =>
        string.IsNullOrEmpty(countryCode) || CountryList.Contains(countryCode, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// A therapist sees only people in the countries where they may practise (Therapists readme, rule 5): the clinic
    /// approved the profile for those countries, and registration tells patients their country is used for this.
    /// </summary>
    public void EnsureMayPractiseIn(string? countryCode, bool byClinician)
    {
        if (MayPractiseIn(countryCode))
        {
            return;
        }
        var country = ProfileChoices.CountryName(countryCode!);
        throw new RuleViolationException(TherapistRules.PractisesOnlyWhereLicensed, byClinician
            ? $"You may not practise in {country}, where this patient lives, so no appointment is booked."
            : $"This therapist may not practise in {country}, where you live, so they cannot be booked. Please choose a therapist licensed for {country}.");
    }

    /// <summary>The therapist's edit. An approved profile goes back to draft until it is approved again.</summary>
    public void Edit(string bio, IReadOnlyCollection<string> languages, IReadOnlyCollection<string> specialties,
        IReadOnlyCollection<string> countries, TrainingLevel training, bool acceptingNewPatients)
    {
        if (languages.Count == 0)
        {
            throw new RuleViolationException(TherapistRules.NeedsALanguage, "Choose at least one language you work in.");
        }
        if (countries.Count == 0)
        {
            throw new RuleViolationException(TherapistRules.NeedsACountry, "Choose at least one country where you may practise.");
        }
        if (specialties.Any(s => Offerings.All(o => o.Code != s)))
        {
            throw new RuleViolationException(TherapistRules.KnownOfferingsOnly, "Choose conditions from the list.");
        }
        var claimsChanged = Bio != bio.Trim() || Languages != string.Join(',', languages) || Specialties != string.Join(',', specialties)
            || Countries != string.Join(',', countries) || Training != training;
        Bio = bio.Trim();
        Languages = string.Join(',', languages);
        Specialties = string.Join(',', specialties);
        Countries = string.Join(',', countries);
        Training = training;
        AcceptingNewPatients = acceptingNewPatients;
        if (claimsChanged && Status != ProfileStatus.Draft)
        {
            Status = ProfileStatus.Draft;
            ApprovedAt = null;
            ApprovedBy = null;
        }
    }

    public void Submit()
    {
        if (string.IsNullOrWhiteSpace(Bio) || LanguageList.Count == 0 || CountryList.Count == 0)
        {
            throw new RuleViolationException(TherapistRules.CompleteBeforeSubmitting, "Write a short bio and choose your languages and countries before sending the profile for approval.");
        }
        if (Status == ProfileStatus.Draft)
        {
            Status = ProfileStatus.Submitted;
        }
    }

    public void Approve(Guid adminId, DateTimeOffset now)
    {
        if (Status != ProfileStatus.Submitted)
        {
            throw new RuleViolationException(TherapistRules.ApproveSubmittedOnly, "Only a profile sent for approval can be approved.");
        }
        Status = ProfileStatus.Approved;
        ApprovedAt = now;
        ApprovedBy = adminId;
    }

    /// <summary>Sends a submitted profile back to the therapist to change.</summary>
    public void ReturnToDraft()
    {
        Status = ProfileStatus.Draft;
        ApprovedAt = null;
        ApprovedBy = null;
    }

    private static string[] Split(string s) => s.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

public static class TherapistRules
{
    public const string NeedsALanguage = "Therapist.NeedsALanguage";
    public const string NeedsACountry = "Therapist.NeedsACountry";
    public const string KnownOfferingsOnly = "Therapist.KnownOfferingsOnly";
    public const string CompleteBeforeSubmitting = "Therapist.CompleteBeforeSubmitting";
    public const string ApproveSubmittedOnly = "Therapist.ApproveSubmittedOnly";
    public const string PractisesOnlyWhereLicensed = "Therapist.PractisesOnlyWhereLicensed";
}
