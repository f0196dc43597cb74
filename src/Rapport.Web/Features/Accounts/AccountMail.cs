using System.Text.Encodings.Web;
using Microsoft.AspNetCore.WebUtilities;
using Rapport.Web.Features.Notifications;
using Rapport.Web.Features.Platform;

namespace Rapport.Web.Features.Accounts;

/// <summary>
/// The account e-mails. Each says only what the link is for: no clinical words, nothing that tells a
/// reader of someone else's inbox that the person is in therapy beyond the product name.
/// </summary>
public sealed class AccountMail(Outbox outbox, IConfiguration config)
{
    private string BaseUrl => config.PublicBaseUrl();

    public string ConfirmationLink(Guid userId, string token) =>
        $"{BaseUrl}/account/confirm-email?userId={userId}&code={WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(token))}";

    public string ResetLink(Guid userId, string token) =>
        $"{BaseUrl}/account/reset-password?userId={userId}&code={WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(token))}";

    /// <summary>
    /// The token carried by a confirmation or reset link's <c>code</c>, or "" when the code was cut or altered: a link
    /// copied badly is refused like an expired one, never with an error page.
    /// </summary>
    public static string TokenFrom(string? code)
    {
        try
        {
            return string.IsNullOrEmpty(code) ? "" : System.Text.Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return "";
        }
    }

    public string InvitationLink(string token) => $"{BaseUrl}/account/invitation?token={UrlEncoder.Default.Encode(token)}";

    public void QueueConfirmation(RapportUser user, string token) =>
        outbox.Queue(user.Email!, user.DisplayName, Confirmation(user.DisplayName, ConfirmationLink(user.Id, token)));

    public void QueueAlreadyRegistered(RapportUser user) =>
        outbox.Queue(user.Email!, user.DisplayName, AlreadyRegistered(user.DisplayName, $"{BaseUrl}/account/sign-in"));

    public void QueuePasswordReset(RapportUser user, string token) =>
        outbox.Queue(user.Email!, user.DisplayName, PasswordReset(user.DisplayName, ResetLink(user.Id, token)));

    public void QueueInvitation(StaffInvitation invitation, string token, string invitedByName) =>
        outbox.Queue(invitation.Email, "", Invitation(invitedByName, invitation.Role == Roles.Admin, invitation.ExpiresAt, InvitationLink(token)));

    public static MailText Confirmation(string name, string link) => new("Confirm your e-mail address for Rapport",
        $"""
        Hello {name},

        Please confirm your e-mail address by opening this link:
        {link}

        If you did not create an account, you can ignore this message.
        """);

    public static MailText AlreadyRegistered(string name, string signInLink) => new("Someone tried to create a Rapport account with your e-mail",
        $"""
        Hello {name},

        Someone (perhaps you) tried to create a new Rapport account with this e-mail address, which already has one.
        To sign in, open {signInLink}
        If you forgot your password, choose "Forgot your password?" there.
        """);

    public static MailText PasswordReset(string name, string link) => new("Reset your Rapport password",
        $"""
        Hello {name},

        Someone asked to reset the password for this e-mail address. To choose a new password, open:
        {link}

        The link works for 24 hours. If you did not ask for this, ignore this message: your password stays the same.
        """);

    [StaffOnlyMail]
    public static MailText Invitation(string invitedByName, bool asAdministrator, DateTimeOffset expiresAt, string link) =>
        new("You are invited to join a clinic on Rapport",
            $"""
            Hello,

            {invitedByName} invited you to join the clinic on Rapport as {(asAdministrator ? "an administrator" : "a therapist")}.
            Open this link to set up your account (it works once, until {expiresAt:yyyy-MM-dd HH:mm} UTC):
            {link}

            You will set a password and enrol an authenticator app as a second factor.
            """);

    public void SendSoon() => outbox.SendSoon();
}
