using Rapport.Web.Features.Notifications;

namespace Rapport.Web.Features.Therapists;

/// <summary>The e-mails of a therapist's listing: approved, or sent back with the clinic's note.</summary>
public static class ProfileMail
{
    [StaffOnlyMail]
    public static MailText Listed(string name, string profileLink) => new("Your Rapport profile is listed",
        $"""
        Hello {name},

        The clinic approved your profile. Patients can now find you in the directory and book with you.
        Your profile and availability: {profileLink}
        """);

    /// <summary>The note is the administrator's own words about the profile, shown as they wrote them.</summary>
    [StaffOnlyMail]
    public static MailText Returned(string name, string? note, string profileLink)
    {
        var fromClinic = string.IsNullOrWhiteSpace(note) ? "" : $"{Environment.NewLine}A note from the clinic:{Environment.NewLine}{note.Trim()}{Environment.NewLine}";
        return new("Your Rapport profile needs a change",
            $"""
            Hello {name},

            The clinic looked at your profile and sent it back to you before listing it.
            {fromClinic}
            Change it and send it for approval again here: {profileLink}
            """);
    }
}
