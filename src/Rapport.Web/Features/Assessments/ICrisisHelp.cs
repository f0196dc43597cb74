namespace Rapport.Web.Features.Assessments;

/// <summary>A line to call or text in a crisis, as the crisis screen and the API show it (Safety readme, rules 9 to 11).</summary>
public record CrisisContact(string Name, string? Phone, string? Text, string? Url, string Hours, string? Notes, IReadOnlyList<string> Languages)
{
    /// <summary>"English, Spanish": the languages a service answers in, named by the runtime's ICU data.</summary>
    public string LanguagesInWords => string.Join(", ", Languages.Select(code => System.Globalization.CultureInfo.GetCultureInfo(code).EnglishName));
}

/// <summary>The patient's safety plan as its steps are read out: what matters most to them, then each numbered step.</summary>
public sealed record PlanSteps(string? ReasonForLiving, IReadOnlyList<(int Number, string Heading, string? Text)> Steps);

/// <summary>
/// What a patient reads at once after a risk answer (Safety readme, rule 1): the calm words with who was told, the crisis
/// lines for the country they are in and that country's name ("" when unknown), whether they have a safety plan and,
/// when it is shown, its steps.
/// </summary>
public sealed record CrisisHelp(string Words, IReadOnlyList<CrisisContact> Lines, string CountryName, bool HasPlan, PlanSteps? Plan);

/// <summary>
/// The help shown after a risk answer. The Safety feature holds the crisis lines, the words and the plan, and records the
/// plan's read, so the dependency runs one way (docs/architecture.md, "Layers"); its partial views render these records.
/// </summary>
public interface ICrisisHelp
{
    /// <summary>The words, the lines and whether there is a plan, without showing the plan.</summary>
    Task<CrisisHelp> ForPatientAsync(Guid patientId, CancellationToken ct);

    /// <summary>The same with the steps of the patient's latest plan, whose read is recorded with the plan it was.</summary>
    Task<CrisisHelp> WithPlanAsync(Guid patientId, CancellationToken ct);
}
