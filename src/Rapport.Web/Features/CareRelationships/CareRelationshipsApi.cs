using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.CareRelationships;

/// <summary>
/// Care relationships for programs: the patient's care team, and each transition for the person it belongs to
/// (clinicians accept, decline, discharge and transfer; patients confirm and withdraw). Refusals are 409
/// ProblemDetails naming the rule; someone else's relationship is 404.
/// </summary>
public static class CareRelationshipsApi
{
    public sealed record RelationshipDto(Guid Id, Guid PatientId, string PatientName, Guid ClinicianId, string ClinicianName, string Status,
        DateTimeOffset OpenedAt, DateTimeOffset? FirstConversationAt, DateTimeOffset? OfferedAt, DateTimeOffset? AcceptedAt, DateTimeOffset? EndedAt,
        string? DeclineMessage, Guid? SuggestedColleagueId, Guid? TransferredFromId, Guid? TransferredToId, IReadOnlyList<CoverDto> Cover);

    public sealed record CoverDto(Guid Id, Guid CoveringClinicianId, string CoveringClinicianName, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

    public sealed record DeclineRequest([property: Required, StringLength(CareRelationship.MaxDeclineMessageLength)] string Message, Guid? SuggestedColleagueId);

    public sealed record DischargeRequest([property: Required, StringLength(CareRelationship.MaxReasonLength)] string Reason, Guid? EndingReviewId);

    public sealed record TransferRequest([property: Required] Guid ToClinicianId, [property: Required, StringLength(CareRelationship.MaxHandoverLength)] string HandoverNote);

    public sealed record ConfirmRequest(bool ConsentToShareRecord);

    public sealed record CoverRequest([property: Required] Guid CoveringClinicianId, [property: Required] DateTimeOffset StartsAt, [property: Required] DateTimeOffset EndsAt);

    public static void MapCareRelationshipsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/care-team", CareTeam).WithTags("Care").RequireAuthorization(Policies.ApiUser, Policies.Patient)
            .WithAudit(AuditAction.ReadCareTeam)
            .WithSummary("The patient's care relationships: who is responsible, who covers, open enquiries and the history.");
        app.MapGet("/api/v1/care-relationships", Caseload).WithTags("Care").RequireAuthorization(Policies.ApiUser, Policies.Therapist)
            .WithAudit(AuditAction.ReadCaseload)
            .WithSummary("The clinician's relationships in every state: enquiries, handovers, offers, patients in care, former.");

        var clinician = app.MapGroup("/api/v1/care-relationships/{id:guid}").WithTags("Care").RequireAuthorization(Policies.ApiUser, Policies.Therapist)
            .WithAudit(AuditAction.CareChangeRequested);
        clinician.MapPost("/accept", Accept).WithSummary("Offer to take the patient into care after the first conversation (or accept a handover); the patient then confirms.");
        clinician.MapPost("/decline", Decline).WithSummary("Decline after the first conversation (or decline a handover), with a kind message and optionally a colleague.");
        clinician.MapPost("/discharge", Discharge).WithSummary("End care: the reason and, when a course ran, its ending review.");
        clinician.MapPost("/transfer", Transfer).WithSummary("Hand the patient over to a colleague, with a note; they accept, then the patient confirms.");
        clinician.MapPost("/cancel-transfer", CancelTransfer).WithSummary("Withdraw a transfer you proposed, before the patient confirms it; you stay responsible.");
        clinician.MapPost("/cover", Cover).WithSummary("A colleague covers for a dated period (responsible clinician or clinical lead on duty).");

        var patient = app.MapGroup("/api/v1/care-relationships/{id:guid}").WithTags("Care").RequireAuthorization(Policies.ApiUser, Policies.Patient)
            .WithAudit(AuditAction.CareChangeRequested);
        patient.MapPost("/confirm", Confirm).WithSummary("Confirm the clinician's offer and consent to sharing your record with them.");
        patient.MapPost("/withdraw", Withdraw).WithSummary("Withdraw an enquiry or turn down an offer.");
    }

    private static async Task<Ok<IReadOnlyList<RelationshipDto>>> CareTeam(ClaimsPrincipal user, CareRelationshipService care, PeopleNames people,
        HttpContext http, CancellationToken ct)
    {
        var me = user.UserId();
        http.NameAuditedPatient(me);
        return TypedResults.Ok(await DtosAsync(await care.OfPatientAsync(me, ct), care, people, ct));
    }

    private static async Task<Ok<IReadOnlyList<RelationshipDto>>> Caseload(ClaimsPrincipal user, CareRelationshipService care, PeopleNames people, CancellationToken ct) =>
        TypedResults.Ok(await DtosAsync(await care.CaseloadAsync(user.UserId(), ct), care, people, ct));

    private static async Task<Ok<RelationshipDto>> Accept(Guid id, ClaimsPrincipal user, CareRelationshipService care, PeopleNames people, CancellationToken ct) =>
        await OneAsync(await care.OfferCareAsync(id, user.UserId(), ct), care, people, ct);

    private static async Task<Ok<RelationshipDto>> Decline(Guid id, DeclineRequest request, ClaimsPrincipal user, CareRelationshipService care,
        PeopleNames people, CancellationToken ct) =>
        await OneAsync(await care.DeclineAsync(id, user.UserId(), request.Message, request.SuggestedColleagueId, ct), care, people, ct);

    private static async Task<Ok<RelationshipDto>> Discharge(Guid id, DischargeRequest request, ClaimsPrincipal user, CareRelationshipService care,
        PeopleNames people, CancellationToken ct) =>
        await OneAsync(await care.DischargeAsync(id, user.UserId(), request.Reason, request.EndingReviewId, ct), care, people, ct);

    private static async Task<Created<RelationshipDto>> Transfer(Guid id, TransferRequest request, ClaimsPrincipal user, CareRelationshipService care,
        PeopleNames people, CancellationToken ct)
    {
        var receiving = await care.TransferAsync(id, user.UserId(), request.ToClinicianId, request.HandoverNote, ct);
        var dto = (await DtosAsync([receiving], care, people, ct))[0];
        return TypedResults.Created($"/api/v1/care-relationships/{receiving.Id}", dto);
    }

    private static async Task<Ok<RelationshipDto>> CancelTransfer(Guid id, ClaimsPrincipal user, CareRelationshipService care, PeopleNames people, CancellationToken ct) =>
        await OneAsync(await care.CancelTransferAsync(id, user.UserId(), ct), care, people, ct);

    private static async Task<Created<CoverDto>> Cover(Guid id, CoverRequest request, ClaimsPrincipal user, CareRelationshipService care,
        PeopleNames people, CancellationToken ct)
    {
        var cover = await care.ArrangeCoverAsync(id, user.UserId(), request.CoveringClinicianId, request.StartsAt, request.EndsAt, ct);
        var name = await people.OfAsync(cover.CoveringClinicianId, ct) ?? "";
        return TypedResults.Created($"/api/v1/care-relationships/{id}", new CoverDto(cover.Id, cover.CoveringClinicianId, name, cover.StartsAt, cover.EndsAt));
    }

    private static async Task<Ok<RelationshipDto>> Confirm(Guid id, ConfirmRequest request, ClaimsPrincipal user, CareRelationshipService care,
        PeopleNames people, CancellationToken ct) =>
        await OneAsync(await care.ConfirmAsync(id, user.UserId(), request.ConsentToShareRecord, ct), care, people, ct);

    private static async Task<Ok<RelationshipDto>> Withdraw(Guid id, ClaimsPrincipal user, CareRelationshipService care, PeopleNames people, CancellationToken ct) =>
        await OneAsync(await care.WithdrawAsync(id, user.UserId(), ct), care, people, ct);

    private static async Task<Ok<RelationshipDto>> OneAsync(CareRelationship relationship, CareRelationshipService care, PeopleNames people, CancellationToken ct) =>
        TypedResults.Ok((await DtosAsync([relationship], care, people, ct))[0]);

    /// <summary>Names and cover for a list of relationships in two queries, whatever its length.</summary>
    private static async Task<IReadOnlyList<RelationshipDto>> DtosAsync(IReadOnlyList<CareRelationship> relationships, CareRelationshipService care,
        PeopleNames people, CancellationToken ct)
    {
        var cover = await care.CoverForAsync([.. relationships.Select(r => r.Id)], ct);
        var names = await people.OfAsync(relationships.SelectMany(r => new[] { r.PatientId, r.ClinicianId }).Concat(cover.Select(c => c.CoveringClinicianId)), ct);
        return [.. relationships.Select(r => new RelationshipDto(r.Id, r.PatientId, names.GetValueOrDefault(r.PatientId, ""), r.ClinicianId,
            names.GetValueOrDefault(r.ClinicianId, ""), r.Status.ToString(), r.OpenedAt, r.FirstConversationAt, r.OfferedAt, r.AcceptedAt, r.EndedAt,
            r.DeclineMessage, r.SuggestedColleagueId, r.TransferredFromId, r.TransferredToId,
            [.. cover.Where(c => c.RelationshipId == r.Id).Select(c => new CoverDto(c.Id, c.CoveringClinicianId, names.GetValueOrDefault(c.CoveringClinicianId, ""), c.StartsAt, c.EndsAt))]))];
    }
}
