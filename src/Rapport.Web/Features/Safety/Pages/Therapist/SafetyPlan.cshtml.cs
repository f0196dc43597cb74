using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.CareRelationships;

namespace Rapport.Web.Features.Safety.Pages.Therapist;

/// <summary>
/// The therapist writes the safety plan with the patient (Stanley &amp; Brown, docs/clinical/safety-workflow.md#safety-plan), starting from the current
/// version. Every save that changes a word is a new version; one that changes none stores nothing and says so. The form carries the version it started from, so a save over a newer version
/// (someone else saved meanwhile) is refused with the newer one shown, instead of silently replacing it.
/// </summary>
[Authorize(Policy = Policies.Therapist)]
[Audited(AuditAction.SafetyPlanRead)]
public sealed class SafetyPlanModel(AppDbContext db, CareAccess care, SafetyPlanWriting writing, PeopleNames names) : PageModel
{
    public sealed class StepsInput
    {
        public string? WarningSigns { get; set; }
        public string? CopingStrategies { get; set; }
        public string? DistractionPeopleAndPlaces { get; set; }
        public string? PeopleToAskForHelp { get; set; }
        public string? ProfessionalsAndCrisisLines { get; set; }
        public string? MakingTheEnvironmentSafe { get; set; }
        public string? ReasonForLiving { get; set; }

        public SafetyPlanVersion.Steps ToSteps() => new(WarningSigns, CopingStrategies, DistractionPeopleAndPlaces, PeopleToAskForHelp,
            ProfessionalsAndCrisisLines, MakingTheEnvironmentSafe, ReasonForLiving);

        public static StepsInput From(SafetyPlanVersion.Steps s) => new()
        {
            WarningSigns = s.WarningSigns,
            CopingStrategies = s.CopingStrategies,
            DistractionPeopleAndPlaces = s.DistractionPeopleAndPlaces,
            PeopleToAskForHelp = s.PeopleToAskForHelp,
            ProfessionalsAndCrisisLines = s.ProfessionalsAndCrisisLines,
            MakingTheEnvironmentSafe = s.MakingTheEnvironmentSafe,
            ReasonForLiving = s.ReasonForLiving,
        };
    }

    /// <summary>One field of the form, in the order the plan is used.</summary>
    public sealed record Field(string Name, string Id, string Label, string Hint, string? Value);

    public Guid PatientId { get; private set; }
    public string PatientName { get; private set; } = "";
    public SafetyPlanVersion? Current { get; private set; }
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    [BindProperty]
    public StepsInput Steps { get; set; } = new();

    /// <summary>The version the form was filled from (0: none yet).</summary>
    [BindProperty]
    public int BasedOnVersion { get; set; }

    public string? Message { get; private set; }

    public IReadOnlyList<Field> Fields =>
    [
        new("Steps.ReasonForLiving", "plan-reason", "The one thing most important to me", "Optional: a reason for living, in the patient's words. It is shown at the top of the plan.", Steps.ReasonForLiving),
        new("Steps.WarningSigns", "plan-step-1", "1. Warning signs that a crisis may be starting", "Thoughts, images, moods, situations or behaviours.", Steps.WarningSigns),
        new("Steps.CopingStrategies", "plan-step-2", "2. Things I can do on my own to take my mind off my problems", "Without contacting anyone: relaxation, a walk, music.", Steps.CopingStrategies),
        new("Steps.DistractionPeopleAndPlaces", "plan-step-3", "3. People and places that help me take my mind off things", "Names and places; no need to talk about the crisis there.", Steps.DistractionPeopleAndPlaces),
        new("Steps.PeopleToAskForHelp", "plan-step-4", "4. People I can ask for help", "Names and phone numbers of family or friends.", Steps.PeopleToAskForHelp),
        new("Steps.ProfessionalsAndCrisisLines", "plan-step-5", "5. Professionals and crisis lines I can contact", "The therapist, other clinicians, local crisis lines and the emergency number.", Steps.ProfessionalsAndCrisisLines),
        new("Steps.MakingTheEnvironmentSafe", "plan-step-6", "6. Making my surroundings safe", "What will be removed, locked away or given to someone to keep.", Steps.MakingTheEnvironmentSafe),
    ];

    public async Task<IActionResult> OnGetAsync(Guid patientId, CancellationToken ct)
    {
        if (!await LoadAsync(patientId, ct))
        {
            return NotFound();
        }
        Steps = Current is null ? new StepsInput() : StepsInput.From(Current.ToSteps());
        BasedOnVersion = Current?.Version ?? 0;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid patientId, CancellationToken ct)
    {
        if (!await LoadAsync(patientId, ct))
        {
            return NotFound();
        }
        // The page is loaded already: a refusal shows it as it is, with what was typed.
        return await this.AttemptAsync(async () =>
        {
            var outcome = await writing.SaveAsync(User.UserId(), patientId, BasedOnVersion, Steps.ToSteps(), ct);
            if (outcome.Saved is not { } version)
            {
                Current = outcome.Newer;
                ModelState.AddModelError("", $"Someone saved version {Current?.Version} of this plan while you were writing. It is shown above; your text is still in the form below. Check the two, then save again.");
                BasedOnVersion = Current?.Version ?? 0;
                ModelState.Remove(nameof(BasedOnVersion));
                return Page();
            }
            Current = version;
            BasedOnVersion = version.Version;
            Steps = StepsInput.From(version.ToSteps());
            Message = outcome.Unchanged
                ? $"Nothing had changed, so the plan is as it was: still version {version.Version}. No new version was made."
                : $"Saved as version {version.Version}. {PatientName} can open it from any page.";
            ModelState.Clear();
            return Page();
        }, () => Task.CompletedTask);
    }

    public string When(DateTimeOffset at) => TimeText.DayAndTime(WallClock.Local(at, Zone));

    private async Task<bool> LoadAsync(Guid patientId, CancellationToken ct)
    {
        var me = User.UserId();
        if (!await care.AllowsAsync(me, patientId, change: !HttpMethods.IsGet(Request.Method), ct))
        {
            return false;
        }
        PatientId = patientId;
        var people = await names.People.Where(u => u.Id == me || u.Id == patientId).Select(u => new { u.Id, u.DisplayName, u.TimeZoneId }).ToListAsync(ct);
        PatientName = people.Single(p => p.Id == patientId).DisplayName;
        Zone = ProfileChoices.ZoneOrUtc(people.Single(p => p.Id == me).TimeZoneId);
        Current = await db.SafetyPlanVersions.AsNoTracking().Where(p => p.PatientId == patientId).OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);
        return true;
    }
}
