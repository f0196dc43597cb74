using Rapport.Web.Features.CareRelationships;

namespace Rapport.Web.Features.Safety;

/// <summary>What the patient reads after a risk answer and about their plan: calm, plain, and true about who acts.</summary>
public static class SafetyWords
{
    public const string Opening =
        "Thank you for telling us. You told us you have had thoughts of being better off dead or of harming yourself. " +
        "You do not have to deal with this alone. If you might act on these thoughts, or you are not safe right now, call one of the numbers below now.";

    public const string AfterRiskAnswer = Opening + " Your care team has been told and will contact you.";

    /// <summary>
    /// Who was told, following the alert's routing (CareRelationships readme, "Routing"): the patient's own clinician
    /// (responsible, or covering), else the clinical lead on duty, else the clinic's admins, who must find a clinician.
    /// A patient with nobody responsible for them must not be promised a therapist who does not exist.
    /// </summary>
    public static string WhoWasTold(ClinicianOnCall? onCall) => onCall switch
    {
        { IsClinicalLead: false } => "Your care team has been told and will contact you.",
        { } => "You do not have a therapist with us yet, so the clinical lead on duty (a senior clinician) has been told and will contact you.",
        null => "You do not have a therapist with us yet, so the clinic's team has been told and will ask a clinician to contact you.",
    };

    /// <summary>The plan page without a plan: written in a session with a therapist, or started alone until there is one.</summary>
    public static string NoPlanYet(ClinicianOnCall? onCall) => onCall is { IsClinicalLead: false }
        ? "You do not have a safety plan yet. That is all right: your therapist will write it with you in one of your sessions. It is a short list, in your own words, of what helps when things get hard."
        : "You do not have a safety plan yet. It is a short list, in your own words, of what helps when things get hard. You do not have a therapist with us yet; when you do, you will write it together in a session. Until then you can start it yourself, and the numbers below are there for you at any time.";
}
