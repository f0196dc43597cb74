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

    public string InvitationLink(string token) => $"{BaseUrl}/account/invitation?token={UrlEncoder.Default.Encode(token)}";

    public void QueueConfirmation(RapportUser user, string token) =>
        outbox.Queue(user.Email!, user.DisplayName, "Confirm your e-mail address for Rapport",
            $"""
            Hello {user.DisplayName},

            Please confirm your e-mail address by opening this link:
            {ConfirmationLink(user.Id, token)}

            If you did not create an account, you can ignore this message.
            """);

    public void QueueAlreadyRegistered(RapportUser user) =>
        outbox.Queue(user.Email!, user.DisplayName, "Someone tried to create a Rapport account with your e-mail",
            $"""
            Hello {user.DisplayName},

            Someone (perhaps you) tried to create a new Rapport account with this e-mail address, which already has one.
            To sign in, open {BaseUrl}/account/sign-in
            If you forgot your password, choose "Forgot your password?" there.
            """);

    public void QueuePasswordReset(RapportUser user, string token) =>
        outbox.Queue(user.Email!, user.DisplayName, "Reset your Rapport password",
            $"""
            Hello {user.DisplayName},

            Someone asked to reset the password for this e-mail address. To choose a new password, open:
            {ResetLink(user.Id, token)}

            The link works for 24 hours. If you did not ask for this, ignore this message: your password stays the same.
            """);

    public void QueueInvitation(StaffInvitation invitation, string token, string invitedByName) =>
        outbox.Queue(invitation.Email, "", "You are invited to join a clinic on Rapport",
            $"""
            Hello,

            {invitedByName} invited you to join the clinic on Rapport as {(invitation.Role == Roles.Admin ? "an administrator" : "a therapist")}.
            Open this link to set up your account (it works once, until {invitation.ExpiresAt:yyyy-MM-dd HH:mm} UTC):
            {InvitationLink(token)}

            You will set a password and enrol an authenticator app as a second factor.
            """);

    public void SendSoon() => outbox.SendSoon();
}
