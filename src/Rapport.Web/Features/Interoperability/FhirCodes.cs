using Hl7.Fhir.Model;

namespace Rapport.Web.Features.Interoperability;

/// <summary>
/// Code systems and addresses. Rapport's own code systems live under one base, <see cref="Base"/>, and are used only
/// where no published code is recorded in docs/interoperability.md (Interoperability readme, rule 4).
/// </summary>
public static class FhirCodes
{
    /// <summary>The one base of Rapport's own canonical URLs (code systems, questionnaires, extensions).</summary>
    public const string Base = "https://rapport.example/fhir";

    public const string Loinc = "http://loinc.org";
    public const string ObservationCategory = "http://terminology.hl7.org/CodeSystem/observation-category";
    public const string ConsentScope = "http://terminology.hl7.org/CodeSystem/consentscope";

    public static string CodeSystem(string name) => $"{Base}/CodeSystem/{name}";

    /// <summary>A questionnaire's answer options: one code system per instrument, the option's value as its code.</summary>
    public static string Answers(string routeKey) => CodeSystem($"answers-{routeKey}");

    /// <summary>A questionnaire's items where no LOINC code is recorded: the item number as its code.</summary>
    public static string Items(string routeKey) => CodeSystem($"items-{routeKey}");

    public static readonly string Totals = CodeSystem("totals");
    public static readonly string Bands = CodeSystem("severity-bands");
    public static readonly string ItemRoles = CodeSystem("item-roles");
    public static readonly string AppointmentKinds = CodeSystem("appointment-kinds");
    public static readonly string ProblemAreas = CodeSystem("ipt-problem-areas");
    public static readonly string GoalKinds = CodeSystem("goal-kinds");
    public static readonly string ConsentKinds = CodeSystem("consent-kinds");
    public static readonly string FlagKinds = CodeSystem("flag-kinds");
    public static readonly string DocumentKinds = CodeSystem("document-kinds");
    public static readonly string CarePlanKinds = CodeSystem("care-plan-kinds");

    /// <summary>The IPT phase of a course: no core CarePlan element holds it (docs/interoperability.md).</summary>
    public static readonly string PhaseExtension = $"{Base}/StructureDefinition/ipt-phase";

    public static string QuestionnaireUrl(string routeKey) => $"{Base}/Questionnaire/{routeKey}";

    public static ResourceReference Reference(string type, Guid id) => new($"{type}/{id}");

    public static ResourceReference Reference(string type, string id) => new($"{type}/{id}");
}
