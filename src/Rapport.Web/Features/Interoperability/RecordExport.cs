using System.Globalization;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Messaging;
using Rapport.Web.Features.Safety;
using R4 = Hl7.Fhir.Model;

namespace Rapport.Web.Features.Interoperability;

/// <summary>
/// The patient's own copy of everything Rapport holds about them (GDPR articles 15 and 20, HIPAA right of access), as
/// one FHIR Bundle of type collection, built from the same mappers and scoped reads as the FHIR API, and audited as one
/// entry that counts each kind (Interoperability readme, rule 8). The API and the download on the account pages both
/// come here.
/// </summary>
public sealed class RecordExport(FhirRecords records, ConversationRecords conversationRecords, SafetyRecords safety, Auditor audit, TimeProvider clock)
{
    /// <summary>The kinds read through the FHIR API's own scoped searches, in the order the Bundle lists them.</summary>
    private static readonly string[] Searched = ["Patient", "Consent", "Appointment", "QuestionnaireResponse", "Observation", "CarePlan", "Goal"];

    public static string FileName(DateTimeOffset at) => $"rapport-records-{at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.json";

    public async Task<R4.Bundle> ExportAsync(Guid patientId, string baseUrl, string channel, CancellationToken ct)
    {
        var caller = new FhirCaller(patientId, IsClinician: false);
        var resources = new List<R4.Resource>();
        foreach (var type in Searched)
        {
            resources.AddRange((await records.FindAsync(caller, type, FhirQuery.Everything, null, ct)).Resources);
        }
        resources.AddRange(await MessagesAsync(patientId, ct));
        if (await safety.CurrentPlanOfAsync(patientId, ct) is { } plan)
        {
            resources.Add(RecordMapping.SafetyPlan(plan));
        }
        // The people and questionnaires the records refer to, so the copy reads on its own.
        resources.AddRange((await records.FindAsync(caller, "Practitioner", FhirQuery.Everything, null, ct)).Resources
            .Where(p => Referenced(resources, "Practitioner/" + p.Id)));
        resources.AddRange(InstrumentCatalog.All.Where(i => MeasuresMapping.Served.Contains(i.Id))
            .Where(i => resources.OfType<R4.QuestionnaireResponse>().Any(r => r.Questionnaire == FhirCodes.QuestionnaireUrl(i.RouteKey)))
            .Select(MeasuresMapping.Questionnaire));

        var bundle = new R4.Bundle
        {
            Type = R4.Bundle.BundleType.Collection,
            Timestamp = clock.GetUtcNow(),
            Entry = [.. resources.Select(r => new R4.Bundle.EntryComponent { FullUrl = $"{baseUrl.TrimEnd('/')}/fhir/{r.TypeName}/{r.Id}", Resource = r })],
        };
        var counts = string.Join(", ", resources.GroupBy(r => r.TypeName).Select(g => $"{g.Key} {g.Count().ToString(CultureInfo.InvariantCulture)}"));
        await audit.RecordAsync(AuditAction.RecordExported, AuditOutcome.Success, userId: patientId, subject: channel, detail: counts, patientId: patientId, ct: ct);
        return bundle;
    }

    private static bool Referenced(List<R4.Resource> resources, string reference) => resources.Any(r => Mentions(r, reference));

    private static bool Mentions(object? element, string reference) => element switch
    {
        R4.ResourceReference r => r.Reference == reference,
        R4.PrimitiveType or null => false,
        R4.Base b => b.EnumerateElements().Any(e => e.Value is System.Collections.IEnumerable list and not string
            ? list.Cast<object>().Any(item => Mentions(item, reference))
            : Mentions(e.Value, reference)),
        _ => false,
    };

    /// <summary>Every message of every conversation the patient has had, oldest first (a retracted one without its text).</summary>
    private async Task<IEnumerable<R4.Resource>> MessagesAsync(Guid patientId, CancellationToken ct)
    {
        var conversations = await conversationRecords.CliniciansOfAsync(patientId, ct);
        var messages = await conversationRecords.MessagesAsync([.. conversations.Keys], withRetracted: true, ct);
        return messages.Select(m => RecordMapping.Communication(m, patientId, conversations[m.ConversationId]));
    }
}
