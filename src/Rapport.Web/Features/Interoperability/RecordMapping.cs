using System.Globalization;
using System.Net;
using Hl7.Fhir.Model;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Messaging;
using Rapport.Web.Features.Safety;

namespace Rapport.Web.Features.Interoperability;

/// <summary>Consents, safety alerts, messages and the safety plan (docs/interoperability.md, "Mapping").</summary>
public static class RecordMapping
{
    public static Hl7.Fhir.Model.Consent Consent(Assessments.Consent consent)
    {
        ArgumentNullException.ThrowIfNull(consent);
        var text = ConsentTexts.For(consent.Kind);
        var (code, scope) = consent.Kind switch
        {
            ConsentKind.Treatment => ("treatment", "treatment"),
            ConsentKind.Telehealth => ("telehealth", "treatment"),
            _ => ("data-processing", "patient-privacy"),
        };
        return new Hl7.Fhir.Model.Consent
        {
            Id = consent.Id.ToString(),
            Status = consent.WithdrawnAt is null ? Hl7.Fhir.Model.Consent.ConsentState.Active : Hl7.Fhir.Model.Consent.ConsentState.Inactive,
            Scope = new CodeableConcept(FhirCodes.ConsentScope, scope),
            Category = [new CodeableConcept(FhirCodes.ConsentKinds, code, text.Title, text.Title)],
            Patient = FhirCodes.Reference("Patient", consent.PatientId),
            DateTimeElement = new FhirDateTime(consent.GivenAt),
            // The versioned wording the patient agreed to (ConsentTexts): a new version needs a new agreement.
            Policy = [new Hl7.Fhir.Model.Consent.PolicyComponent { Uri = $"{FhirCodes.Base}/ConsentText/{code}/{consent.Version.ToString(CultureInfo.InvariantCulture)}" }],
            Provision = new Hl7.Fhir.Model.Consent.provisionComponent
            {
                Type = Hl7.Fhir.Model.Consent.ConsentProvisionType.Permit,
                Period = new Period(new FhirDateTime(consent.GivenAt), consent.WithdrawnAt is { } withdrawn ? new FhirDateTime(withdrawn) : null),
            },
        };
    }

    /// <summary>An open safety alert: that one is open and how urgent, never the answer or words that raised it.</summary>
    public static Flag Flag(SafetyAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var level = alert.Level == RiskLevel.High ? "high" : "elevated";
        return new Flag
        {
            Id = alert.Id.ToString(),
            Status = alert.ClosedAt is null ? Hl7.Fhir.Model.Flag.FlagStatus.Active : Hl7.Fhir.Model.Flag.FlagStatus.Inactive,
            Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/flag-category", "safety", "Safety")],
            Code = new CodeableConcept(FhirCodes.FlagKinds, $"safety-alert-{level}", $"Open safety alert ({level} risk)", $"Open safety alert ({level} risk)"),
            Subject = FhirCodes.Reference("Patient", alert.PatientId),
            Period = new Period(new FhirDateTime(alert.RaisedAt), alert.ClosedAt is { } closed ? new FhirDateTime(closed) : null),
        };
    }

    /// <summary>A message between the patient and a clinician in their care; a retracted one keeps its place, not its text.</summary>
    public static Communication Communication(Message message, Guid patientId, Guid clinicianId)
    {
        ArgumentNullException.ThrowIfNull(message);
        var patient = FhirCodes.Reference("Patient", patientId);
        var clinician = FhirCodes.Reference("Practitioner", message.SentByPatient ? clinicianId : message.SenderId);
        var communication = new Communication
        {
            Id = message.Id.ToString(),
            Status = message.RetractedAt is null ? EventStatus.Completed : EventStatus.EnteredInError,
            Subject = patient,
            Sender = message.SentByPatient ? patient : clinician,
            Recipient = [message.SentByPatient ? clinician : patient],
            SentElement = new FhirDateTime(message.SentAt),
        };
        if (message.RetractedAt is null)
        {
            communication.Payload = [new Communication.PayloadComponent { Content = new FhirString(message.Text) }];
        }
        if (message.ReplyToId is { } replyTo)
        {
            communication.InResponseTo = [FhirCodes.Reference("Communication", replyTo)];
        }
        return communication;
    }

    /// <summary>The current safety plan, in the patient's own words, as a document with one section per step.</summary>
    public static Composition SafetyPlan(SafetyPlanVersion plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        (string Title, string? Text)[] steps =
        [
            ("The one thing most important to me", plan.ReasonForLiving),
            ("Warning signs", plan.WarningSigns),
            ("Things I can do on my own", plan.CopingStrategies),
            ("People and places that take my mind off things", plan.DistractionPeopleAndPlaces),
            ("People I can ask for help", plan.PeopleToAskForHelp),
            ("Professionals and crisis lines", plan.ProfessionalsAndCrisisLines),
            ("Making my surroundings safe", plan.MakingTheEnvironmentSafe),
        ];
        return new Composition
        {
            Id = plan.Id.ToString(),
            Status = CompositionStatus.Final,
            Type = new CodeableConcept(FhirCodes.DocumentKinds, "safety-plan", "Safety plan", "Safety plan"),
            Subject = FhirCodes.Reference("Patient", plan.PatientId),
            DateElement = new FhirDateTime(plan.CreatedAt),
            Author = [plan.AuthoredById == plan.PatientId ? FhirCodes.Reference("Patient", plan.PatientId) : FhirCodes.Reference("Practitioner", plan.AuthoredById)],
            Title = $"Safety plan, version {plan.Version.ToString(CultureInfo.InvariantCulture)}",
            Section = [.. steps.Where(s => !string.IsNullOrWhiteSpace(s.Text)).Select(s => new Composition.SectionComponent
            {
                Title = s.Title,
                Text = Narrative(s.Text!),
            })],
        };
    }

    /// <summary>Plain text as XHTML: every line its own paragraph, everything encoded, so nothing typed can become markup.</summary>
    public static Narrative Narrative(string text) => new()
    {
        Status = Hl7.Fhir.Model.Narrative.NarrativeStatus.Additional,
        Div = "<div xmlns=\"http://www.w3.org/1999/xhtml\">"
            + string.Concat(text.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.Length > 0).Select(line => $"<p>{WebUtility.HtmlEncode(line)}</p>"))
            + "</div>",
    };
}
