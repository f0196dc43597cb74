using Rapport.Web.Features.Notifications;

namespace Rapport.Web.Features.Messaging;

/// <summary>
/// The only e-mail messaging sends, to patients and clinicians alike: that a message is waiting. Never its text, who
/// sent it, their role or anything clinical (readme, rule 9), since an e-mail is read on lock screens and shared devices.
/// </summary>
public static class MessageMail
{
    public const string Subject = "You have a new message in Rapport";

    public static MailText NewMessage(string name, string link) => new(Subject,
        $"""
        Hello {name},

        You have a new message in Rapport. Please sign in to read it:
        {link}
        """);
}
