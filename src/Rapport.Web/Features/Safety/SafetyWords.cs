namespace Rapport.Web.Features.Safety;

/// <summary>What the patient reads after a risk answer: calm, plain, and about what to do now.</summary>
public static class SafetyWords
{
    public const string AfterRiskAnswer =
        "Thank you for telling us. You told us you have had thoughts of being better off dead or of harming yourself. " +
        "You do not have to deal with this alone. If you might act on these thoughts, or you are not safe right now, call one of the numbers below now. " +
        "Your care team has been told and will contact you.";
}
