using System.Globalization;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Notifications;

namespace Rapport.Web.Features.Safety;

/// <summary>
/// The e-mails of the escalation ladder. The subject says how urgent it is and nothing else; the body says how long
/// the clinician has and where to sign in. No patient name, no instrument, no answer, no clinical word: an e-mail can
/// be read on a shared screen or a lock screen (docs/safety.md, "E-mails").
/// </summary>
public static class AlertMail
{
    public const string HighSubject = "Urgent: sign in to Rapport now";
    public const string ElevatedSubject = "Sign in to Rapport today";

    public static string Subject(RiskLevel level, int reminder = 0) =>
        (level >= RiskLevel.High ? HighSubject : ElevatedSubject) + (reminder > 0 ? $" (reminder {reminder})" : "");

    [StaffOnlyMail]
    public static MailText ToOnCall(string name, RiskLevel level, SafetyOptions options, string link) => new(Subject(level),
        $"""
        Hello {name},

        Someone in your care needs a response from a clinician within {Duration(options.EscalateAfter(level))}. Please sign in to Rapport{(level >= RiskLevel.High ? " now" : " today")}:
        {link}

        If nobody takes it on by then, the clinical lead on duty is told too.
        """);

    /// <summary>A patient's message needs a response: its own subject, so it is not mistaken for an answer to a questionnaire.</summary>
    public static string MessageSubject(RiskLevel level) =>
        level >= RiskLevel.High ? "Urgent: a message in Rapport needs a clinician now" : "A message in Rapport needs a clinician today";

    [StaffOnlyMail]
    public static MailText MessageToOnCall(string name, RiskLevel level, SafetyOptions options, string link) => new(MessageSubject(level),
        $"""
        Hello {name},

        A message from someone in your care needs a response from a clinician within {Duration(options.EscalateAfter(level))}. Please sign in to Rapport{(level >= RiskLevel.High ? " now" : " today")}:
        {link}

        If nobody takes it on by then, the clinical lead on duty is told too.
        """);

    /// <summary>
    /// Nobody is responsible for the person (no care relationship, or its clinician cannot be reached), so the alert goes
    /// straight to the admins: it says so, and how long a clinician has, rather than that someone "has waited" no time.
    /// </summary>
    [StaffOnlyMail]
    public static MailText NobodyResponsible(string name, RiskLevel level, SafetyOptions options, string link) => new(Subject(level),
        $"""
        Hello {name},

        Someone who uses Rapport needs a response from a clinician within {Duration(options.EscalateAfter(level))}, and no clinician is responsible for them who can be told. Please sign in to Rapport{(level >= RiskLevel.High ? " now" : " today")} and make sure a clinician takes it on:
        {link}

        You will be reminded every {Duration(options.RepeatEvery(level))} until a clinician takes it on.
        """);

    [StaffOnlyMail]
    public static MailText Escalated(string name, RiskLevel level, TimeSpan waited, SafetyOptions options, string link) => new(Subject(level),
        $"""
        Hello {name},

        Someone in the clinic's care has waited {Duration(waited)} for a clinician to respond, and nobody has yet. Please sign in to Rapport{(level >= RiskLevel.High ? " now" : " today")}:
        {link}

        You will be reminded every {Duration(options.RepeatEvery(level))} until a clinician takes it on.
        """);

    [StaffOnlyMail]
    public static MailText Reminder(string name, RiskLevel level, int reminder, TimeSpan waited, string link) => new(Subject(level, reminder),
        $"""
        Hello {name},

        Someone in the clinic's care has now waited {Duration(waited)} and no clinician has taken it on yet. Please sign in to Rapport:
        {link}
        """);

    /// <summary>"1 hour", "15 minutes", "4 hours", "1 hour 30 minutes": the configured times, as words.</summary>
    public static string Duration(TimeSpan span)
    {
        var minutes = (int)Math.Round(span.TotalMinutes);
        var (hours, rest) = (minutes / 60, minutes % 60);
        static string Unit(int n, string word) => string.Create(CultureInfo.InvariantCulture, $"{n} {word}{(n == 1 ? "" : "s")}");
        return (hours, rest) switch
        {
            (0, var m) => Unit(m, "minute"),
            (var h, 0) => Unit(h, "hour"),
            var (h, m) => $"{Unit(h, "hour")} {Unit(m, "minute")}",
        };
    }
}
