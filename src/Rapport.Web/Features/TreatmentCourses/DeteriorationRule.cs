namespace Rapport.Web.Features.TreatmentCourses;

public sealed record DeteriorationCheck(bool RoseFromBaseline, bool RoseFromPrevious, bool ReachedSevere)
{
    public bool IsAlert => RoseFromBaseline || RoseFromPrevious || ReachedSevere;
}

/// <summary>
/// In the acute phases (assessment to termination), a complete PHQ-9 that rises by 6 or more from the course's
/// baseline or from the previous complete PHQ-9, or reaches 20, asks the clinician to review the plan (readme, rule 29).
/// 6 is the Talking Therapies reliable-change margin for the PHQ-9 and 20 the start of its "severe" band (docs/clinical/measures.md#phq-9).
/// </summary>
public static class DeteriorationRule
{
    public const int Rise = 6;
    public const int Threshold = 20;

    public static DeteriorationCheck Check(int? baseline, int? previous, int current)
    {
        Phq9Range(current, nameof(current));
        Phq9Range(baseline, nameof(baseline));
        Phq9Range(previous, nameof(previous));
        return new(current - baseline >= Rise, current - previous >= Rise, current >= Threshold);
    }

    private static void Phq9Range(int? score, string name)
    {
        if (score is { } s)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(s, name);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(s, 27, name);
        }
    }
}
