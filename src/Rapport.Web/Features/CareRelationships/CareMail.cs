using Rapport.Web.Features.Notifications;

namespace Rapport.Web.Features.CareRelationships;

/// <summary>What a care e-mail tells its reader: only that there is something to see, never what or about whom.</summary>
public enum CareNews
{
    /// <summary>To a patient: an offer, a decline or a discharge waits on their care page.</summary>
    CareUpdated = 0,
    HandoverComplete = 1,
    CareConfirmed = 2,
    TakeOverAsked = 3,
    CarePageUpdated = 4,
    CoverAsked = 5,
}

/// <summary>The e-mails of care changes: one line and where to sign in (nothing clinical, no names of others).</summary>
public static class CareMail
{
    public static MailText PleaseSignIn(string name, CareNews news, string link) => new("Rapport: please sign in",
        $"""
        Hello {name},

        {Line(news)}
        {link}
        """);

    private static string Line(CareNews news) => news switch
    {
        CareNews.CareUpdated => "There is an update about your care in Rapport. Please sign in to see it:",
        CareNews.HandoverComplete => "A handover you started is complete. Please sign in to see it:",
        CareNews.CareConfirmed => "Someone has confirmed their care with you. Please sign in to see it:",
        CareNews.TakeOverAsked => "A colleague has asked you to take over someone's care. Please sign in to see it:",
        CareNews.CarePageUpdated => "There is an update on your care page. Please sign in to see it:",
        CareNews.CoverAsked => "You have been asked to cover for a colleague. Please sign in to see it:",
        _ => throw new ArgumentOutOfRangeException(nameof(news)),
    };
}
