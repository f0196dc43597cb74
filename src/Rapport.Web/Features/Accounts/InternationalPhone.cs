using PhoneNumbers;

namespace Rapport.Web.Features.Accounts;

/// <summary>
/// Phone numbers as Rapport stores them: checked against libphonenumber's metadata (the numbering plan of every
/// country) and kept in E.164 (+442079460123), so a clinician in another country can always dial them. A number written
/// without a country code is read as a number of <c>defaultCountry</c> (the person's country).
/// </summary>
public static class InternationalPhone
{
    /// <summary>Longer than any number: E.164 allows 15 digits, and people add spaces, dashes and brackets.</summary>
    public const int MaxWrittenLength = 32;

    public const string Message = "Write the number with its country code, e.g. +44 20 7946 0123.";

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>The E.164 form of a number that can be dialled, or null when it is empty, malformed or not a valid number.</summary>
    public static string? Normalise(string? written, string? defaultCountry)
    {
        if (string.IsNullOrWhiteSpace(written) || written.Length > MaxWrittenLength)
        {
            return null;
        }
        try
        {
            var number = Util.Parse(written.Trim(), string.IsNullOrEmpty(defaultCountry) ? null : defaultCountry.ToUpperInvariant());
            return Util.IsValidNumber(number) ? Util.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>A stored E.164 number as people read it (+44 20 7946 0123).</summary>
    public static string Display(string e164)
    {
        try
        {
            return Util.Format(Util.Parse(e164, null), PhoneNumberFormat.INTERNATIONAL);
        }
        catch (NumberParseException)
        {
            return e164;
        }
    }
}
