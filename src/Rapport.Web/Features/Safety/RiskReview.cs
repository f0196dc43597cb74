using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rapport.Web.Features.Safety;

/// <summary>How often the thoughts come now, in the patient's words as the clinician heard them.</summary>
public enum ThoughtsFrequency { NotNow, Fleeting, SomeDays, MostDays, Constant }

public enum PlanState { NoPlan, Vague, Specific }

public enum IntentState { NoIntent, Unsure, Some }

public enum MeansAccess { NoAccess, ReducedTogether, HasAccess }

public enum PastAttempts { None, MoreThanAYearAgo, WithinTheYear }

/// <summary>What the clinician did about the alert; several may apply.</summary>
[Flags]
public enum RiskAction
{
    None = 0,
    CalledThePatient = 1,
    ReviewedTheSafetyPlan = 2,
    ContactedEmergencyServices = 4,
    ContactedTheEmergencyContact = 8,
    BroughtTheSessionForward = 16,
}

/// <summary>
/// The clinician's structured review that closes a safety alert (docs/safety.md, "The risk review"): what they asked
/// and heard (thoughts and how often, plan, intent, access to means, past attempts, what protects), their formulation
/// in words of what drives the risk now and what reduces it, what they did, and when they will follow up. There is
/// deliberately no low/medium/high label: global risk stratification neither predicts suicide nor should decide care.
/// </summary>
public sealed record RiskReview(
    ThoughtsFrequency? Thoughts,
    PlanState? Plan,
    IntentState? Intent,
    MeansAccess? Means,
    PastAttempts? PastAttempts,
    string? Protective,
    string? Formulation,
    RiskAction Actions,
    string? OtherAction,
    DateTimeOffset? FollowUpAt)
{
    public const int MaxTextLength = 2000;
    public const int MinFormulationLength = 20;
    public static readonly TimeSpan LongestFollowUp = TimeSpan.FromDays(28);

    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    public sealed record Gap(string Field, string Message);

    /// <summary>What is missing before this review can close an alert, field by field, in the order of the form.</summary>
    public IReadOnlyList<Gap> Gaps(DateTimeOffset now)
    {
        var gaps = new List<Gap>();
        void Need(bool ok, string field, string message)
        {
            if (!ok)
            {
                gaps.Add(new Gap(field, message));
            }
        }
        Need(Thoughts is not null, nameof(Thoughts), "Say how often the thoughts come now.");
        Need(Plan is not null, nameof(Plan), "Say whether there is a plan.");
        Need(Intent is not null, nameof(Intent), "Say whether there is intent to act.");
        Need(Means is not null, nameof(Means), "Say whether they have access to means.");
        Need(PastAttempts is not null, nameof(PastAttempts), "Say whether they have tried before.");
        Need(!string.IsNullOrWhiteSpace(Protective), nameof(Protective), "Write what protects them (people, reasons, plans).");
        Need(!string.IsNullOrWhiteSpace(Formulation) && Formulation.Trim().Length >= MinFormulationLength, nameof(Formulation),
            $"Write your formulation in at least {MinFormulationLength} characters: what drives the risk now and what would reduce it.");
        Need(Actions != RiskAction.None || !string.IsNullOrWhiteSpace(OtherAction), nameof(Actions), "Tick what you did, or describe it.");
        Need(FollowUpAt is { } f && f > now && f <= now + LongestFollowUp, nameof(FollowUpAt),
            $"Choose when you will follow up: after now and within {LongestFollowUp.TotalDays:0} days.");
        foreach (var (field, text) in new[] { (nameof(Protective), Protective), (nameof(Formulation), Formulation), (nameof(OtherAction), OtherAction) })
        {
            Need((text?.Length ?? 0) <= MaxTextLength, field, $"Keep each text under {MaxTextLength} characters.");
        }
        return gaps;
    }

    public string ToJson() => JsonSerializer.Serialize(this with
    {
        Protective = Protective?.Trim(),
        Formulation = Formulation?.Trim(),
        OtherAction = string.IsNullOrWhiteSpace(OtherAction) ? null : OtherAction.Trim(),
    }, Json);

    public static RiskReview? FromJson(string json) => JsonSerializer.Deserialize<RiskReview>(json, Json);

    public static string Label(ThoughtsFrequency value) => value switch
    {
        ThoughtsFrequency.NotNow => "Not at present",
        ThoughtsFrequency.Fleeting => "Fleeting, now and then",
        ThoughtsFrequency.SomeDays => "On some days",
        ThoughtsFrequency.MostDays => "On most days",
        _ => "Most of the time",
    };

    public static string Label(PlanState value) => value switch
    {
        PlanState.NoPlan => "No plan",
        PlanState.Vague => "Vague ideas of how, no plan",
        _ => "A specific plan",
    };

    public static string Label(IntentState value) => value switch
    {
        IntentState.NoIntent => "No intent to act",
        IntentState.Unsure => "Unsure, ambivalent",
        _ => "Some intent to act",
    };

    public static string Label(MeansAccess value) => value switch
    {
        MeansAccess.NoAccess => "No access to the means they thought of",
        MeansAccess.ReducedTogether => "Had access; reduced together",
        _ => "Has access now",
    };

    public static string Label(PastAttempts value) => value switch
    {
        Safety.PastAttempts.None => "Never",
        Safety.PastAttempts.MoreThanAYearAgo => "More than a year ago",
        _ => "Within the past year",
    };

    public static string Label(RiskAction value) => value switch
    {
        RiskAction.CalledThePatient => "Called the patient",
        RiskAction.ReviewedTheSafetyPlan => "Reviewed the safety plan together",
        RiskAction.ContactedEmergencyServices => "Contacted emergency services",
        RiskAction.ContactedTheEmergencyContact => "Contacted the emergency contact",
        RiskAction.BroughtTheSessionForward => "Brought the next session forward",
        _ => value.ToString(),
    };

    public static IReadOnlyList<RiskAction> AllActions { get; } =
        [RiskAction.CalledThePatient, RiskAction.ReviewedTheSafetyPlan, RiskAction.ContactedEmergencyServices,
         RiskAction.ContactedTheEmergencyContact, RiskAction.BroughtTheSessionForward];

    /// <summary>The actions as words, for the alert's history.</summary>
    public IEnumerable<string> ActionWords() =>
        AllActions.Where(a => Actions.HasFlag(a)).Select(Label).Concat(OtherAction is { Length: > 0 } other ? [other] : []);
}
