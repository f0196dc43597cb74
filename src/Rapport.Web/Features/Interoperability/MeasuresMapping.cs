using System.Globalization;
using Hl7.Fhir.Model;
using Rapport.Web.Features.Assessments;

namespace Rapport.Web.Features.Interoperability;

/// <summary>
/// Instruments as Questionnaire, answers as QuestionnaireResponse and totals as Observation (docs/interoperability.md,
/// "Mapping"). LOINC codes only where docs/clinical/measures.md records them; Rapport's own codes otherwise.
/// </summary>
public static class MeasuresMapping
{
    private const string OrdinalValue = "http://hl7.org/fhir/StructureDefinition/ordinalValue";

    /// <summary>The instruments served as Questionnaires: the regular questionnaires whose wording Rapport ships.</summary>
    public static readonly IReadOnlyList<string> Served = [InstrumentCatalog.Phq9, InstrumentCatalog.Gad7, InstrumentCatalog.Wsas];

    public static Questionnaire Questionnaire(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var key = instrument.RouteKey;
        var questionnaire = new Questionnaire
        {
            Id = key,
            Url = FhirCodes.QuestionnaireUrl(key),
            Version = instrument.Version.ToString(CultureInfo.InvariantCulture),
            Name = new string([.. instrument.ShortName.Where(char.IsAsciiLetterOrDigit)]),
            Title = instrument.Title,
            Status = PublicationStatus.Active,
            SubjectType = [ResourceType.Patient],
            Description = instrument.Instructions,
            Copyright = instrument.Attribution,
            Item = [.. instrument.Items.Select(item => Item(instrument, item))],
        };
        if (instrument.PanelLoinc is { } panel)
        {
            questionnaire.Code = [new Coding(FhirCodes.Loinc, panel, instrument.ShortName)];
        }
        return questionnaire;
    }

    private static Questionnaire.ItemComponent Item(Instrument instrument, InstrumentItem item)
    {
        var component = new Questionnaire.ItemComponent
        {
            LinkId = LinkId(item.Number),
            Text = item.Text,
            Type = Hl7.Fhir.Model.Questionnaire.QuestionnaireItemType.Choice,
            Required = item.Scored,
            Code = [item.Loinc is { } loinc ? new Coding(FhirCodes.Loinc, loinc) : new Coding(FhirCodes.Items(instrument.RouteKey), LinkId(item.Number))],
            AnswerOption = [.. item.Options.Select(option =>
            {
                var answer = new Questionnaire.AnswerOptionComponent { Value = AnswerCoding(instrument, option) };
                if (item.Scored && option.Score is { } score)
                {
                    answer.Value.AddExtension(OrdinalValue, new FhirDecimal(score));
                }
                return answer;
            })],
        };
        if (!item.Scored)
        {
            // The difficulty question is asked and kept, but never adds to the total.
            component.Code.Add(new Coding(FhirCodes.ItemRoles, "unscored", "Not part of the total"));
        }
        return component;
    }

    private static string LinkId(int number) => number.ToString(CultureInfo.InvariantCulture);

    private static Coding AnswerCoding(Instrument instrument, AnswerOption option) =>
        new(FhirCodes.Answers(instrument.RouteKey), option.Value.ToString(CultureInfo.InvariantCulture), option.Label.Length > 0 ? option.Label : null);

    public static QuestionnaireResponse QuestionnaireResponse(AssessmentResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var instrument = InstrumentCatalog.Find(response.InstrumentId)!;
        var answers = response.AnswerList();
        return new QuestionnaireResponse
        {
            Id = response.Id.ToString(),
            Questionnaire = FhirCodes.QuestionnaireUrl(instrument.RouteKey),
            Status = Hl7.Fhir.Model.QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
            Subject = FhirCodes.Reference("Patient", response.PatientId),
            AuthoredElement = new FhirDateTime(response.SubmittedAt),
            Author = Submitter(response),
            Source = FhirCodes.Reference("Patient", response.PatientId),
            // Only the items and the chosen options, by code: the wording is the Questionnaire's (and, for a licensed
            // instrument, never leaves the clinic's licensed file).
            Item = [.. instrument.Items.Zip(answers)
                .Where(pair => pair.Second is not null)
                .Select(pair => new QuestionnaireResponse.ItemComponent
                {
                    LinkId = LinkId(pair.First.Number),
                    Answer = [new QuestionnaireResponse.AnswerComponent
                    {
                        Value = pair.First.Options.FirstOrDefault(o => o.Value == pair.Second) is { } option
                            ? AnswerCoding(instrument, option)
                            : new Coding(FhirCodes.Answers(instrument.RouteKey), pair.Second!.Value.ToString(CultureInfo.InvariantCulture)),
                    }],
                })],
        };
    }

    /// <summary>The total of a complete response (an incomplete one has none, and so no Observation).</summary>
    public static Observation? Observation(AssessmentResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.Total is not { } total)
        {
            return null;
        }
        var instrument = InstrumentCatalog.Find(response.InstrumentId)!;
        var observation = new Observation
        {
            Id = response.Id.ToString(),
            Status = ObservationStatus.Final,
            Category = [new CodeableConcept(FhirCodes.ObservationCategory, "survey", "Survey")],
            Code = TotalCode(instrument),
            Subject = FhirCodes.Reference("Patient", response.PatientId),
            Effective = new FhirDateTime(response.SubmittedAt),
            Issued = response.SubmittedAt,
            Performer = [Submitter(response)],
            Value = new Integer(total),
            DerivedFrom = [FhirCodes.Reference("QuestionnaireResponse", response.Id)],
        };
        if (instrument.BandFor(total) is { } band)
        {
            observation.Interpretation = [new CodeableConcept(FhirCodes.Bands,
                $"{instrument.RouteKey}-{band.Rank.ToString(CultureInfo.InvariantCulture)}", band.Label, band.Label)];
        }
        if (instrument.Id == InstrumentCatalog.Wsas && response.AnswerList() is [{ } work, ..]
            && instrument.Items[0].Options.FirstOrDefault(o => o.Value == work)?.Score is null)
        {
            observation.Note = [new Annotation { Text = new Markdown("The work item was not applicable: the total is of the other four items, out of 32.") }];
        }
        return observation;
    }

    /// <summary>The total's code: LOINC where recorded, else Rapport's own code under the instrument's neutral key.</summary>
    public static CodeableConcept TotalCode(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var display = $"{instrument.ShortName} total score";
        return instrument.TotalLoinc is { } loinc
            ? new CodeableConcept(FhirCodes.Loinc, loinc, display, display)
            : new CodeableConcept(FhirCodes.Totals, instrument.RouteKey, display, display);
    }

    private static ResourceReference Submitter(AssessmentResponse response) =>
        response.SubmittedById == response.PatientId
            ? FhirCodes.Reference("Patient", response.PatientId)
            : FhirCodes.Reference("Practitioner", response.SubmittedById);
}
