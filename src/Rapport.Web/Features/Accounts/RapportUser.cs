using Microsoft.AspNetCore.Identity;

namespace Rapport.Web.Features.Accounts;

/// <summary>A person who signs in to Rapport: a patient, a therapist or an admin.</summary>
public sealed class RapportUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    /// <summary>IANA zone id (e.g. Europe/Berlin); every time is stored in UTC and shown in this zone.</summary>
    public string TimeZoneId { get; set; } = "UTC";

    /// <summary>ISO 639-1 code of the language the person prefers for therapy and messages.</summary>
    public string PreferredLanguage { get; set; } = "en";

    /// <summary>ISO 3166-1 alpha-2 code; decides crisis numbers and where a therapist may practise.</summary>
    public string CountryCode { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// When the last wrong password or code was given; with Identity's <see cref="IdentityUser{TKey}.AccessFailedCount"/>
    /// it decides how long the next attempt waits (<see cref="PasswordSignIn.WaitAfter"/>).
    /// </summary>
    public DateTimeOffset? LastSignInFailureAt { get; private set; }

    public void NoteSignInFailure(DateTimeOffset now) => LastSignInFailureAt = now;

    /// <summary>
    /// Sets the person's own phone (Identity's <see cref="IdentityUser{TKey}.PhoneNumber"/>), checked and stored in E.164;
    /// a number written without its country code is read as one of <see cref="CountryCode"/>. Refused with
    /// <see cref="AccountRules.PhoneNumberInvalid"/> when it is not a number that can be dialled.
    /// </summary>
    public void ChangePhoneNumber(string? written)
    {
        var e164 = InternationalPhone.Normalise(written, CountryCode)
            ?? throw new RuleViolationException(AccountRules.PhoneNumberInvalid, InternationalPhone.Message);
        if (e164 != PhoneNumber)
        {
            PhoneNumber = e164;
            // Nobody has checked that the person answers on it (no SMS code is sent; Accounts readme).
            PhoneNumberConfirmed = false;
        }
    }
}

public static class AccountRules
{
    public const string PhoneNumberInvalid = "Accounts.PhoneNumberInvalid";
    /// <summary>Staff are invited as therapists or admins; patients register themselves.</summary>
    public const string InvitedRole = "Accounts.InvitedRole";
    /// <summary>One account per e-mail address.</summary>
    public const string EmailInUse = "Accounts.EmailInUse";
}

public static class Roles
{
    public const string Patient = "Patient";
    public const string Therapist = "Therapist";
    public const string Admin = "Admin";

    public static readonly string[] All = [Patient, Therapist, Admin];

    /// <summary>Staff must use a second factor and are signed out sooner when idle (HIPAA 164.312(a)(2)(iii), (d)).</summary>
    public static readonly string[] Staff = [Therapist, Admin];
}
