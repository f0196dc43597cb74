using System.ComponentModel.DataAnnotations;

namespace Rapport.Web.Features.Accounts;

/// <summary>The profile fields a person chooses at registration or invitation; validated against <see cref="ProfileChoices"/>.</summary>
public sealed class ProfileInput : IValidatableObject
{
    public const string NameMessage = "Use letters, spaces and simple punctuation in your name, without links.";

    // Nullable so that MVC adds no "The X field is required." of its own: Validate below words every message.
    public string? TimeZoneId { get; set; } = ProfileChoices.ZoneUntilChosen;
    public string? PreferredLanguage { get; set; } = "en";
    public string? CountryCode { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!ProfileChoices.IsTimeZone(TimeZoneId))
        {
            yield return new ValidationResult("Choose a time zone from the list.", [nameof(TimeZoneId)]);
        }
        if (!ProfileChoices.IsLanguage(PreferredLanguage))
        {
            yield return new ValidationResult("Choose a language from the list.", [nameof(PreferredLanguage)]);
        }
        if (!ProfileChoices.IsCountry(CountryCode))
        {
            yield return new ValidationResult("Choose the country where you live.", [nameof(CountryCode)]);
        }
    }

    public void ApplyTo(RapportUser user)
    {
        user.TimeZoneId = TimeZoneId!;
        user.PreferredLanguage = PreferredLanguage!;
        user.CountryCode = CountryCode!;
    }
}
