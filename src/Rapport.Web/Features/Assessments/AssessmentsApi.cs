using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.CareRelationships;

namespace Rapport.Web.Features.Assessments;

/// <summary>Instruments, answers and measurements for programs.</summary>
public static class AssessmentsApi
{
    public sealed record OptionDto(int Value, string Label, int? Score);
    public sealed record ItemDto(int Number, string Text, bool Scored, string? Loinc, IReadOnlyList<OptionDto> Options);
    public sealed record BandDto(int Min, int Max, string Label);
    public sealed record InstrumentSummaryDto(string Id, string ShortName, string Title, string Rater, string RecallPeriod, string Licence,
        string Attribution, int ItemCount, int MaxTotal, string? PanelLoinc, string? TotalLoinc);
    public sealed record InstrumentDto(string Id, string ShortName, string Title, string Rater, string RecallPeriod, string Instructions, string Licence,
        string Attribution, int MaxTotal, string? PanelLoinc, string? TotalLoinc, IReadOnlyList<ItemDto> Items, IReadOnlyList<BandDto> Bands,
        IReadOnlyList<int> CriticalItems);

    /// <summary>Answers in item order (null = not answered). PatientId is needed only when a therapist rates a patient.</summary>
    public sealed record ResponseRequest(IReadOnlyList<int?>? Answers, Guid? PatientId, Guid? SubmissionId);
    public sealed record FlagDto(int Item, int Score, string Level);
    public sealed record CrisisResourceDto(string Name, string? Phone, string? Text, string? Url, string Hours, string? Notes);
    public sealed record SafetyDto(string RiskLevel, bool AlertRaised, IReadOnlyList<CrisisResourceDto> CrisisResources, string? SafetyPlanUrl, string? Message);
    public sealed record ResponseResultDto(Guid Id, string InstrumentId, Guid PatientId, DateTimeOffset SubmittedAt, bool Complete, int? Total, int MaxTotal,
        string? Band, IReadOnlyList<int> MissingItems, IReadOnlyList<FlagDto> Flags, string? Suggestion, IReadOnlyList<string> Notes, SafetyDto Safety);

    public sealed record PointDto(Guid Id, DateTimeOffset SubmittedAt, bool Complete, int? Total, string? Band, string Risk);
    public sealed record ChangeDto(int Baseline, int Latest, int Delta, bool ReliableImprovement, bool ReliableDeterioration, bool Response, bool Remission,
        IReadOnlyList<string> Labels);
    public sealed record SeriesDto(string InstrumentId, string ShortName, int MaxTotal, string? TotalLoinc, IReadOnlyList<PointDto> Points, ChangeDto? Change);

    public static void MapAssessmentsApi(this IEndpointRouteBuilder app)
    {
        var instruments = app.MapGroup("/api/v1/instruments").WithTags("Assessments").RequireAuthorization(Policies.ApiUser, Policies.PatientOrTherapist);
        instruments.MapGet("/", ListInstruments).WithoutAudit("the instruments the clinic may use and their licences; nothing about any person").WithSummary("The instruments this clinic may use now, with their licence and attribution.");
        instruments.MapGet("/{id}", GetInstrument).WithoutAudit("one instrument's published items and scoring; nothing about any person").WithSummary("One instrument: items, answer options, bands and critical items.");

        app.MapPost("/api/v1/assessments/{instrumentId}/responses", Submit).WithTags("Assessments")
            .RequireAuthorization(Policies.ApiUser, Policies.PatientOrTherapist).WithAudit(AuditAction.AnswersPosted)
            .WithSummary("Answer an instrument. Returns the total, band, flags and, for a risk answer, the crisis resources to show at once. Idempotent by the Idempotency-Key header or submissionId: the same answers again return the first result; other answers with the same key are a 422 (Assessments.IdempotencyKeyReused) that still carries the crisis resources.");

        app.MapGet("/api/v1/patients/{patientId:guid}/measurements", Measurements).WithTags("Assessments")
            .RequireAuthorization(Policies.ApiUser, Policies.PatientOrTherapist).WithAudit(AuditAction.MeasurementsRead)
            .WithSummary("A patient's measures over time with change from baseline: the patient themself and their therapist only.");
    }

    private static async Task<Ok<IReadOnlyList<InstrumentSummaryDto>>> ListInstruments(AssessmentService assessments, CancellationToken ct)
    {
        var offered = await assessments.OfferedListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<InstrumentSummaryDto>>([.. offered.Select(i => new InstrumentSummaryDto(i.Id, i.ShortName, i.Title,
            i.Rater.ToString(), i.RecallPeriod, i.Licence.ToString(), i.Attribution, i.Items.Count, i.MaxTotal, i.PanelLoinc, i.TotalLoinc))]);
    }

    private static async Task<Ok<InstrumentDto>> GetInstrument(string id, AssessmentService assessments, CancellationToken ct)
    {
        var i = await assessments.OfferedAsync(id, ct);
        return TypedResults.Ok(new InstrumentDto(i.Id, i.ShortName, i.Title, i.Rater.ToString(), i.RecallPeriod, i.Instructions, i.Licence.ToString(),
            i.Attribution, i.MaxTotal, i.PanelLoinc, i.TotalLoinc,
            [.. i.Items.Select(item => new ItemDto(item.Number, item.Text, item.Scored, item.Loinc, [.. item.Options.Select(o => new OptionDto(o.Value, o.Label, o.Score))]))],
            [.. i.Bands.Select(b => new BandDto(b.Min, b.Max, b.Label))],
            [.. i.CriticalItems.Select(c => c.ItemNumber)]));
    }

    /// <summary>
    /// The idempotency key is the <c>Idempotency-Key</c> header or the body's <c>submissionId</c> (both may be sent if they
    /// agree). A retry with the same key and answers gets the first result again (201, <c>Idempotent-Replayed: true</c>);
    /// the same key with other answers is a 422 <see cref="AssessmentRules.IdempotencyKeyReused"/> problem which, when those
    /// answers carry a risk answer, still carries the crisis resources (its alert was raised).
    /// </summary>
    private static async Task<Results<Created<ResponseResultDto>, ProblemHttpResult>> Submit(string instrumentId, ResponseRequest request,
        HttpContext http, AssessmentService assessments, ICrisisHelp crisisHelp, CancellationToken ct)
    {
        var me = http.User.UserId();
        var isTherapist = http.User.IsInRole(Roles.Therapist);
        var patientId = request.PatientId ?? me;
        var submissionId = SubmissionKey.Resolve(http.Request.Headers[IdempotencyFilter.Header].ToString(), request.SubmissionId);
        AssessmentService.Outcome outcome;
        try
        {
            outcome = await assessments.SubmitAsync(me, isTherapist, new AssessmentService.Submission(patientId, instrumentId, request.Answers, submissionId), ct);
        }
        catch (RuleViolationException refused) when (refused.Rule == AssessmentRules.IdempotencyKeyReused)
        {
            // The refused answers were valid (scoring ran before the key was checked): score them again to show their crisis help.
            var refusedScore = InstrumentScoring.Score(InstrumentCatalog.Find(instrumentId)!, request.Answers);
            var problem = new ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "The request cannot be processed",
                Detail = refused.Message,
                Extensions = { ["rule"] = refused.Rule, ["safety"] = await SafetyAsync(refusedScore, patientId, alertRaised: RaisesAlert(refusedScore), crisisHelp, ct) },
            };
            return TypedResults.Problem(problem);
        }
        var score = outcome.Score;
        var safety = await SafetyAsync(score, patientId, outcome.Alert is not null, crisisHelp, ct);
        if (outcome.WasAlreadyStored)
        {
            http.Response.Headers["Idempotent-Replayed"] = "true";
        }
        var r = outcome.Response;
        return TypedResults.Created($"/api/v1/patients/{r.PatientId}/measurements", new ResponseResultDto(r.Id, r.InstrumentId, r.PatientId, r.SubmittedAt,
            score.IsComplete, score.Total, score.MaxTotal, score.Band?.Label, score.MissingItems,
            [.. score.CriticalAnswers.Select(c => new FlagDto(c.ItemNumber, c.Score, c.Level.ToString()))], score.Suggestion, score.Notes, safety));
    }

    private static bool RaisesAlert(ScoredResponse score) => score.Risk > RiskLevel.None && score.Instrument.Rater == Rater.Patient;

    /// <summary>What to show at once after an answer: for a patient's risk answer, the crisis resources and the safety plan (Safety readme, rule 1).</summary>
    private static async Task<SafetyDto> SafetyAsync(ScoredResponse score, Guid patientId, bool alertRaised, ICrisisHelp crisisHelp, CancellationToken ct)
    {
        var safety = new SafetyDto(score.Risk.ToString(), alertRaised, [], null, null);
        if (!RaisesAlert(score))
        {
            return safety;
        }
        // The same words and lines as the crisis screen: a patient with nobody responsible for them is not promised a therapist.
        var help = await crisisHelp.ForPatientAsync(patientId, ct);
        return safety with
        {
            CrisisResources = [.. help.Lines.Select(l => new CrisisResourceDto(l.Name, l.Phone, l.Text, l.Url, l.Hours, l.Notes))],
            SafetyPlanUrl = help.HasPlan ? "/safety-plan" : null,
            Message = help.Words,
        };
    }

    private static async Task<Results<Ok<IReadOnlyList<SeriesDto>>, NotFound>> Measurements(Guid patientId, ClaimsPrincipal user, CareAccess care,
        MeasurementHistory history, CancellationToken ct)
    {
        var me = user.UserId();
        if (me != patientId && !(user.IsInRole(Roles.Therapist) && await care.AllowsAsync(me, patientId, change: false, ct)))
        {
            return TypedResults.NotFound();
        }
        var all = await history.ForPatientAsync(patientId, ct);
        return TypedResults.Ok<IReadOnlyList<SeriesDto>>([.. all.Select(s => new SeriesDto(s.Instrument.Id, s.Instrument.ShortName, s.Instrument.MaxTotal,
            s.Instrument.TotalLoinc,
            [.. s.Points.Select(p => new PointDto(p.Id, p.SubmittedAt, p.IsComplete, p.Total, p.Band, p.Risk.ToString()))],
            s.Change is { } c ? new ChangeDto(c.Baseline, c.Current, c.Delta, c.ReliableImprovement, c.ReliableDeterioration, c.Response, c.Remission, [.. c.Labels()]) : null))]);
    }
}
