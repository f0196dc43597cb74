using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.CareRelationships.Pages.Therapist;

/// <summary>
/// The clinician's caseload grouped by where each relationship stands, with the decision each state asks for. Every
/// change goes through <see cref="CareRelationshipService"/> (which audits and e-mails); a refusal is shown beside
/// its form (400, nothing saved) and someone else's relationship is a 404.
/// </summary>
[Authorize(Policy = Policies.Therapist)]
[Audited(AuditAction.ReadCaseload)]
public sealed class CaseloadModel(CareRelationshipService care, AppDbContext db, PeopleNames people, TimeProvider clock) : CarePageModel
{
    public sealed record Row(CareRelationship Relationship, string PatientName, IReadOnlyList<Cover> Cover, string? TransferTo, string? HandoverFrom);

    public sealed record Cover(Guid Id, string ClinicianName, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

    public sealed record Covering(Guid PatientId, string PatientName, string ForClinician, DateTimeOffset StartsAt, DateTimeOffset EndsAt, bool Now);

    /// <summary>Fixed confirmations, keyed by the code the change leaves as its notice (<see cref="Notices"/>): nothing a person typed is ever shown back.</summary>
    private static readonly IReadOnlyDictionary<string, string> ConfirmationTexts = new Dictionary<string, string>
    {
        ["offered"] = "Offered. The patient is asked to confirm; once they do, they are in your care.",
        ["handover-accepted"] = "Handover accepted. The patient is asked to confirm you as their therapist.",
        ["declined"] = "Declined. The patient will read your message.",
        ["discharged"] = "Discharged. The reason is kept with the record.",
        ["transfer-proposed"] = "Transfer proposed. Your colleague is asked to accept; you stay responsible until the patient confirms.",
        ["transfer-withdrawn"] = "Transfer withdrawn. You stay responsible.",
        ["cover-arranged"] = "Cover arranged. Your colleague has been told.",
        ["cover-cancelled"] = "Cover cancelled.",
    };

    public DateTimeOffset Now { get; private set; }
    public IReadOnlyList<ClinicianChoice> Colleagues { get; private set; } = [];
    public IReadOnlyList<Row> FirstConversations { get; private set; } = [];
    public IReadOnlyList<Row> Handovers { get; private set; } = [];
    public IReadOnlyList<Row> Offered { get; private set; } = [];
    public IReadOnlyList<Row> InCare { get; private set; } = [];
    public IReadOnlyList<Covering> CoveringFor { get; private set; } = [];
    public IReadOnlyList<Row> Former { get; private set; } = [];

    public Task<IActionResult> OnPostAcceptAsync(Guid id, CancellationToken ct) =>
        RunAsync(id, "accept", async me =>
        {
            var relationship = await care.OfferCareAsync(id, me, ct);
            return relationship.IsFromTransfer ? "handover-accepted" : "offered";
        }, ct);

    public Task<IActionResult> OnPostDeclineAsync(Guid id, string? message, Guid? suggestedColleagueId, CancellationToken ct) =>
        RunAsync(id, "decline", async me =>
        {
            await care.DeclineAsync(id, me, message ?? "", suggestedColleagueId, ct);
            return "declined";
        }, ct);

    public Task<IActionResult> OnPostDischargeAsync(Guid id, string? reason, CancellationToken ct) =>
        RunAsync(id, "discharge", async me =>
        {
            await care.DischargeAsync(id, me, reason ?? "", endingReviewId: null, ct);
            return "discharged";
        }, ct);

    public Task<IActionResult> OnPostTransferAsync(Guid id, Guid? toClinicianId, string? handoverNote, CancellationToken ct) =>
        RunAsync(id, "transfer", async me =>
        {
            if (toClinicianId is not { } to)
            {
                throw new RuleViolationException(CareRelationshipRules.ColleagueMustBeAClinician, "Choose the colleague who will take over.");
            }
            await care.TransferAsync(id, me, to, handoverNote ?? "", ct);
            return "transfer-proposed";
        }, ct);

    public Task<IActionResult> OnPostCancelTransferAsync(Guid id, CancellationToken ct) =>
        RunAsync(id, "transfer", async me =>
        {
            await care.CancelTransferAsync(id, me, ct);
            return "transfer-withdrawn";
        }, ct);

    public Task<IActionResult> OnPostCoverAsync(Guid id, Guid? coveringClinicianId, DateOnly? from, DateOnly? to, CancellationToken ct) =>
        RunAsync(id, "cover", async me =>
        {
            if (coveringClinicianId is not { } colleague)
            {
                throw new RuleViolationException(CareRelationshipRules.CoverByAnotherClinician, "Choose the colleague who will cover.");
            }
            if (from is not { } first || to is not { } last)
            {
                throw new RuleViolationException(CareRelationshipRules.CoverDates, "Give the first and the last day of cover.");
            }
            var zone = await ZoneAsync(me, ct);
            // Whole days on the clinician's own calendar: the last day is covered until its midnight.
            await care.ArrangeCoverAsync(id, me, colleague, WallClock.StartOfDayUtc(first, zone), WallClock.StartOfDayUtc(last.AddDays(1), zone), ct);
            return "cover-arranged";
        }, ct);

    public Task<IActionResult> OnPostCancelCoverAsync(Guid id, Guid coverId, CancellationToken ct) =>
        RunAsync(id, "cancel-cover", async me =>
        {
            await care.CancelCoverAsync(coverId, me, ct);
            return "cover-cancelled";
        }, ct);

    /// <summary>
    /// The refused form is no longer on the page (the relationship moved on meanwhile, e.g. a second press of "Accept"):
    /// the refusal is shown at the top instead, so it is never lost.
    /// </summary>
    public bool RefusedAtTop => Refused is { } r && !(r.Form is "accept" or "decline"
        ? FirstConversations.Concat(Handovers).Any(row => row.Relationship.Id == r.Id)
        : InCare.Any(row => row.Relationship.Id == r.Id));

    private Task<TimeZoneInfo> ZoneAsync(Guid me, CancellationToken ct) => people.ZoneOfAsync(me, ct);

    protected override string PagePath => "/therapist/care";

    protected override IReadOnlyDictionary<string, string> Confirmations => ConfirmationTexts;

    protected override async Task LoadAsync(CancellationToken ct)
    {
        var me = User.UserId();
        Zone = await ZoneAsync(me, ct);
        Now = clock.GetUtcNow();
        var caseload = await care.CaseloadAsync(me, ct);
        var inCare = caseload.Where(r => r.Status == CareStatus.Accepted).ToList();
        var cover = await care.CoverForAsync([.. inCare.Select(r => r.Id)], ct);
        var covering = await care.CoveringAsync(me, ct);
        // Who the other side of a transfer is, and whose patients this clinician covers: one query for all of them.
        var linkedIds = caseload.Select(r => r.TransferredToId ?? r.TransferredFromId).OfType<Guid>().Concat(covering.Select(c => c.RelationshipId)).Distinct().ToList();
        var linked = await db.CareRelationships.AsNoTracking().Where(r => linkedIds.Contains(r.Id))
            .Select(r => new { r.Id, r.ClinicianId }).ToDictionaryAsync(r => r.Id, r => r.ClinicianId, ct);
        Colleagues = [.. (await CarePageText.CliniciansAsync(people, ct)).Where(c => c.Id != me)];
        var names = await people.OfAsync(caseload.Select(r => r.PatientId).Concat(covering.Select(c => c.PatientId))
            .Concat(cover.Select(c => c.CoveringClinicianId)).Concat(linked.Values), ct);
        string Name(Guid id) => names.GetValueOrDefault(id, "Unknown");
        string? LinkedClinician(Guid? relationshipId) => relationshipId is { } rid && linked.TryGetValue(rid, out var clinician) ? Name(clinician) : null;

        Row ToRow(CareRelationship r) => new(r, Name(r.PatientId),
            [.. cover.Where(c => c.RelationshipId == r.Id).Select(c => new Cover(c.Id, Name(c.CoveringClinicianId), c.StartsAt, c.EndsAt))],
            r.Status == CareStatus.Accepted ? LinkedClinician(r.TransferredToId) : null, LinkedClinician(r.TransferredFromId));

        FirstConversations = [.. caseload.Where(r => r.Status == CareStatus.Enquiry).OrderBy(r => r.FirstConversationAt).Select(ToRow)];
        Handovers = [.. caseload.Where(r => r.Status == CareStatus.Handover).Select(ToRow)];
        Offered = [.. caseload.Where(r => r.Status == CareStatus.Offered).Select(ToRow)];
        InCare = [.. inCare.OrderBy(r => Name(r.PatientId), StringComparer.CurrentCultureIgnoreCase).Select(ToRow)];
        Former = [.. caseload.Where(r => !r.IsOpen).OrderByDescending(r => r.EndedAt).Select(ToRow)];
        CoveringFor = [.. covering.Select(c => new Covering(c.PatientId, Name(c.PatientId), LinkedClinician(c.RelationshipId) ?? "a colleague",
            c.StartsAt, c.EndsAt, c.IsActiveAt(Now)))];
    }
}
