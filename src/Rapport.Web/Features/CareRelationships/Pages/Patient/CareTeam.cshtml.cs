using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.CareRelationships.Pages.Patient;

/// <summary>
/// The patient's care team: who is responsible for them and who covers, an offer waiting for their confirmation (with
/// consent to share the record), open enquiries they may withdraw, kind replies from clinicians who declined, and the
/// history. Changes go through <see cref="CareRelationshipService"/>; a refusal is shown beside its form (400).
/// </summary>
[Authorize(Policy = Policies.Patient)]
[Audited(AuditAction.ReadCareTeam, PatientIsCaller = true)]
public sealed class CareTeamModel(CareRelationshipService care, PeopleNames people, TimeProvider clock) : CarePageModel
{
    public sealed record Entry(CareRelationship Relationship, string ClinicianName, string? SuggestedName);

    public sealed record CoverLine(string ClinicianName, DateTimeOffset StartsAt, DateTimeOffset EndsAt, bool Now);

    /// <summary>Fixed confirmations, keyed by the code the change leaves as its notice (<see cref="Notices"/>).</summary>
    private static readonly IReadOnlyDictionary<string, string> ConfirmationTexts = new Dictionary<string, string>
    {
        ["confirmed"] = "Confirmed. Your therapist can now read your record and book your sessions with you.",
        ["withdrawn"] = "Done. That therapist has been told no more about you.",
    };

    public Entry? Responsible { get; private set; }
    public IReadOnlyList<CoverLine> Cover { get; private set; } = [];
    public IReadOnlyList<Entry> Offers { get; private set; } = [];
    public IReadOnlyList<Entry> Open { get; private set; } = [];
    public IReadOnlyList<Entry> Declined { get; private set; } = [];
    public IReadOnlyList<Entry> History { get; private set; } = [];

    public Task<IActionResult> OnPostConfirmAsync(Guid id, bool consent, CancellationToken ct) =>
        RunAsync(id, "confirm", async me =>
        {
            await care.ConfirmAsync(id, me, consent, ct);
            return "confirmed";
        }, ct);

    public Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken ct) =>
        RunAsync(id, "withdraw", async me =>
        {
            await care.WithdrawAsync(id, me, ct);
            return "withdrawn";
        }, ct);

    /// <summary>The refused form is no longer on the page (the offer or enquiry moved on meanwhile): show the refusal at the top.</summary>
    public bool RefusedAtTop => Refused is { } r && !Offers.Concat(r.Form == "withdraw" ? Open : Array.Empty<Entry>()).Any(e => e.Relationship.Id == r.Id);

    protected override string PagePath => "/patient/care";

    protected override IReadOnlyDictionary<string, string> Confirmations => ConfirmationTexts;

    protected override async Task LoadAsync(CancellationToken ct)
    {
        var me = User.UserId();
        Zone = await people.ZoneOfAsync(me, ct);
        var now = clock.GetUtcNow();
        var all = await care.OfPatientAsync(me, ct);
        var responsible = all.FirstOrDefault(r => r.Status == CareStatus.Accepted);
        IReadOnlyList<CoverPeriod> cover = responsible is null ? [] : await care.CoverForAsync([responsible.Id], ct);
        var names = await people.OfAsync(all.Select(r => r.ClinicianId).Concat(all.Select(r => r.SuggestedColleagueId).OfType<Guid>())
            .Concat(cover.Select(c => c.CoveringClinicianId)), ct);
        string Name(Guid id) => names.GetValueOrDefault(id, "A therapist");
        Entry ToEntry(CareRelationship r) => new(r, Name(r.ClinicianId), r.SuggestedColleagueId is { } s ? Name(s) : null);

        Responsible = responsible is null ? null : ToEntry(responsible);
        Cover = [.. cover.Select(c => new CoverLine(Name(c.CoveringClinicianId), c.StartsAt, c.EndsAt, c.IsActiveAt(now)))];
        Offers = [.. all.Where(r => r.Status == CareStatus.Offered).Select(ToEntry)];
        Open = [.. all.Where(r => r.Status is CareStatus.Enquiry or CareStatus.Handover).Select(ToEntry)];
        Declined = [.. all.Where(r => r.Status == CareStatus.Declined).Select(ToEntry)];
        History = [.. all.Select(ToEntry)];
    }
}
