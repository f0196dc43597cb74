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
    /// When the person's sign-in identity was erased at their request (DataRights readme): they can no longer sign in,
    /// and Rapport holds no way to reach them. Null for every account still in use.
    /// </summary>
    public DateTimeOffset? ErasedAt { get; private set; }

    /// <summary>Until when the clinical record of an erased account is kept before it is purged (DataRights readme).</summary>
    public DateTimeOffset? RecordsKeptUntil { get; private set; }

    public bool IsErased => ErasedAt is not null;

    /// <summary>
    /// Erases what lets the person sign in or be reached: e-mail, phone, password, second factor, and the security stamp
    /// (so every open session and bearer token ends). The row itself stays, with the name and the country, so the clinical
    /// rows that point at it stay valid and a clinician reading the record still knows whose it is. Identity's tokens,
    /// logins and claims live in their own tables; the caller removes them in the same save.
    /// </summary>
    public void EraseSignIn(DateTimeOffset now, DateTimeOffset recordsKeptUntil)
    {
        if (IsErased)
        {
            throw new RuleViolationException(AccountRules.AlreadyErased, "This account was erased already.");
        }
        var placeholder = $"erased-{Id:N}";
        UserName = placeholder;
        NormalizedUserName = placeholder.ToUpperInvariant();
        Email = null;
        NormalizedEmail = null;
        EmailConfirmed = false;
        PhoneNumber = null;
        PhoneNumberConfirmed = false;
        PasswordHash = null;
        TwoFactorEnabled = false;
        SecurityStamp = Guid.NewGuid().ToString("N");
        ConcurrencyStamp = Guid.NewGuid().ToString();
        // Locked for good as well as passwordless: no reset link can reach it, and nothing can sign in to it.
        LockoutEnabled = true;
        LockoutEnd = DateTimeOffset.MaxValue;
        AccessFailedCount = 0;
        LastSignInFailureAt = null;
        ErasedAt = now;
        RecordsKeptUntil = recordsKeptUntil;
    }

    /// <summary>Once the clinical record is purged, the name goes too: only the id stays, for the audit log's rows.</summary>
    public void ForgetName()
    {
        if (!IsErased)
        {
            throw new RuleViolationException(AccountRules.NotErased, "Only an erased account's name can be forgotten.");
        }
        DisplayName = "Erased account";
        RecordsKeptUntil = null;
    }

    /// <summary>
    /// The person's own details, changed by themself: the name Rapport uses, the zone times are shown in, the language
    /// they prefer for therapy and the country they live in (which the crisis lines and the directory follow). Each is
    /// checked as at registration (<see cref="ProfileChoices"/>, <see cref="PersonNameAttribute"/>); a refusal
    /// (<see cref="AccountRules.DetailsInvalid"/>) changes nothing. Returns the names of the details that changed, for
    /// the audit entry: names only, since the values are personal data.
    /// </summary>
    public IReadOnlyList<string> ChangeDetails(string? displayName, string? timeZoneId, string? preferredLanguage, string? countryCode)
    {
        var name = displayName?.Trim() ?? "";
        if (name.Length is 0 or > MaxNameLength || !PersonNameAttribute.IsName(name))
        {
            throw new RuleViolationException(AccountRules.DetailsInvalid, "Enter the name you would like us to use: letters, spaces and simple punctuation, at most 100 characters.");
        }
        if (!ProfileChoices.IsTimeZone(timeZoneId) || !ProfileChoices.IsLanguage(preferredLanguage) || !ProfileChoices.IsCountry(countryCode))
        {
            throw new RuleViolationException(AccountRules.DetailsInvalid, "Choose your time zone, language and country from the lists.");
        }
        var changed = new List<string>(4);
        if (name != DisplayName)
        {
            changed.Add("name");
        }
        if (timeZoneId != TimeZoneId)
        {
            changed.Add("time zone");
        }
        if (preferredLanguage != PreferredLanguage)
        {
            changed.Add("language");
        }
        if (countryCode != CountryCode)
        {
            changed.Add("country");
        }
        DisplayName = name;
        TimeZoneId = timeZoneId!;
        PreferredLanguage = preferredLanguage!;
        CountryCode = countryCode!;
        return changed;
    }

    /// <summary>The longest name a person may give (registration, invitation and their details page).</summary>
    public const int MaxNameLength = 100;

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
    /// <summary>A person's name, time zone, language and country are checked as at registration.</summary>
    public const string DetailsInvalid = "Accounts.DetailsInvalid";
    /// <summary>A patient who gave a phone keeps one: their therapist must be able to call them during a session.</summary>
    public const string PhoneNumberNeeded = "Accounts.PhoneNumberNeeded";
    /// <summary>Staff are invited as therapists or admins; patients register themselves.</summary>
    public const string InvitedRole = "Accounts.InvitedRole";
    /// <summary>One account per e-mail address.</summary>
    public const string EmailInUse = "Accounts.EmailInUse";
    /// <summary>An account's sign-in identity is erased once (DataRights readme).</summary>
    public const string AlreadyErased = "Accounts.AlreadyErased";
    /// <summary>A name is forgotten only after the sign-in identity was erased.</summary>
    public const string NotErased = "Accounts.NotErased";
    /// <summary>Nobody removes their own admin role: another admin does.</summary>
    public const string OwnAdminRole = "Accounts.OwnAdminRole";
    /// <summary>Only a therapist is given the admin role by an admin; new admins are invited.</summary>
    public const string AdminRoleForTherapists = "Accounts.AdminRoleForTherapists";
    /// <summary>Granting a role held already, or withdrawing one not held, changes nothing and says so.</summary>
    public const string AdminRoleUnchanged = "Accounts.AdminRoleUnchanged";
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
