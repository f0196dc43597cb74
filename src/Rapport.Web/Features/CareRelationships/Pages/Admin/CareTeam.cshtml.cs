using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.CareRelationships.Pages.Admin;

/// <summary>
/// The clinic's care team as an admin runs it: who supervises whom, and the clinical-lead rota (who receives what
/// has no responsible clinician). Names and dates only: admins never see clinical content here.
/// </summary>
[Authorize(Policy = Policies.Admin)]
[Audited(AuditAction.ReadCareTeamRota)]
public sealed class CareTeamModel(CareRelationshipService care, CareAccess access, AppDbContext db, PeopleNames people, TimeProvider clock) : CarePageModel
{
    public sealed record Supervision(Guid Id, string Supervisor, string Therapist, DateTimeOffset Since);

    public sealed record Shift(Guid Id, string Clinician, DateTimeOffset StartsAt, DateTimeOffset EndsAt, bool Now);

    /// <summary>Fixed confirmations, keyed by the code the change leaves as its notice (<see cref="Notices"/>).</summary>
    private static readonly IReadOnlyDictionary<string, string> ConfirmationTexts = new Dictionary<string, string>
    {
        ["assigned"] = "Supervisor assigned.",
        ["supervision-ended"] = "Supervision ended.",
        ["shift-added"] = "Duty period added to the rota.",
        ["shift-cancelled"] = "Duty period cancelled.",
    };

    public IReadOnlyList<ClinicianChoice> Clinicians { get; private set; } = [];
    public IReadOnlyList<Supervision> Supervisions { get; private set; } = [];
    public IReadOnlyList<Shift> Rota { get; private set; } = [];
    public string? OnDutyNow { get; private set; }

    [BindProperty(SupportsGet = false)] public Guid? SupervisorId { get; set; }
    [BindProperty(SupportsGet = false)] public Guid? TherapistId { get; set; }
    [BindProperty(SupportsGet = false)] public Guid? ClinicianId { get; set; }
    [BindProperty(SupportsGet = false)] public DateTime? From { get; set; }
    [BindProperty(SupportsGet = false)] public DateTime? To { get; set; }

    public Task<IActionResult> OnPostAssignAsync(CancellationToken ct) =>
        RunAsync(null, "assign", async me =>
        {
            if (SupervisorId is not { } supervisor || TherapistId is not { } therapist)
            {
                throw new RuleViolationException(CareRelationshipRules.SupervisorIsAnotherClinician, "Choose both the supervisor and the therapist they supervise.");
            }
            await care.AssignSupervisorAsync(supervisor, therapist, me, ct);
            return "assigned";
        }, ct);

    public Task<IActionResult> OnPostEndSupervisionAsync(Guid id, CancellationToken ct) =>
        RunAsync(id, "end-supervision", async _ =>
        {
            await care.EndSupervisionAsync(id, ct);
            return "supervision-ended";
        }, ct);

    public Task<IActionResult> OnPostAddShiftAsync(CancellationToken ct) =>
        RunAsync(null, "add-shift", async me =>
        {
            if (ClinicianId is not { } clinician)
            {
                throw new RuleViolationException(CareRelationshipRules.RotaDates, "Choose the clinician on duty.");
            }
            var zone = await ZoneAsync(me, ct);
            if (From is not { } from || To is not { } to
                || WallClock.ToUtc(from, zone) is not { } startsAt || WallClock.ToUtc(to, zone) is not { } endsAt)
            {
                throw new RuleViolationException(CareRelationshipRules.RotaDates, "Give when the duty starts and ends, as times that exist on your clock.");
            }
            await care.PlanLeadShiftAsync(clinician, startsAt, endsAt, me, ct);
            return "shift-added";
        }, ct);

    public Task<IActionResult> OnPostCancelShiftAsync(Guid id, CancellationToken ct) =>
        RunAsync(id, "cancel-shift", async _ =>
        {
            await care.CancelLeadShiftAsync(id, ct);
            return "shift-cancelled";
        }, ct);

    private Task<TimeZoneInfo> ZoneAsync(Guid me, CancellationToken ct) => people.ZoneOfAsync(me, ct);

    protected override string PagePath => "/admin/care-team";

    protected override IReadOnlyDictionary<string, string> Confirmations => ConfirmationTexts;

    protected override async Task LoadAsync(CancellationToken ct)
    {
        Zone = await ZoneAsync(User.UserId(), ct);
        var now = clock.GetUtcNow();
        Clinicians = await CarePageText.CliniciansAsync(people, ct);
        var names = Clinicians.ToDictionary(c => c.Id, c => c.Name);
        string Name(Guid id) => names.GetValueOrDefault(id, "A former clinician");
        var supervisions = await db.SupervisionAssignments.AsNoTracking().Where(s => s.EndedAt == null).OrderBy(s => s.AssignedAt).ToListAsync(ct);
        Supervisions = [.. supervisions.Select(s => new Supervision(s.Id, Name(s.SupervisorId), Name(s.TherapistId), s.AssignedAt))];
        var shifts = await db.ClinicalLeadShifts.AsNoTracking().Where(s => s.CancelledAt == null && s.EndsAt > now).OrderBy(s => s.StartsAt).ToListAsync(ct);
        Rota = [.. shifts.Select(s => new Shift(s.Id, Name(s.ClinicianId), s.StartsAt, s.EndsAt, s.StartsAt <= now && now < s.EndsAt))];
        OnDutyNow = await access.LeadOnDutyAsync(ct) is { } lead ? Name(lead) : null;
    }
}
