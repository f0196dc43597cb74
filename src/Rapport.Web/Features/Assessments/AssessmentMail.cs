using Rapport.Web.Features.Notifications;

namespace Rapport.Web.Features.Assessments;

/// <summary>
/// The e-mail sent when a therapist sends a measure. It says only that something is waiting and links to the patient's
/// home page, which lists it: never which questionnaire, why, or who sent it (Notifications readme, rule 6).
/// </summary>
public static class AssessmentMail
{
    public static MailText SomethingWaiting(string name, string homeLink) => new("Rapport: something is waiting for you",
        $"""
        Hello {name},

        There is something waiting for you in Rapport. Please sign in to see it:
        {homeLink}
        """);
}
