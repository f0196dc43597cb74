using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Safety.Pages;

/// <summary>
/// The patient writes or changes their own safety plan. Every save is a new version (the old one stays, so what
/// they held on a given day is known). The form carries the version it was based on: if the therapist saved a
/// version meanwhile, or two saves race for the same number (refused by the unique index), nothing is saved and
/// the page shows the newest plan beside what the patient wrote, so nobody's words are silently overwritten. A save
/// that changes nothing stores nothing and says so on the plan page.
/// </summary>
[Authorize(Policy = Policies.Patient)]
[Audited(AuditAction.SafetyPlanRead, PatientIsCaller = true)]
public sealed class EditSafetyPlanModel(AppDbContext db, SafetyPlanWriting writing) : PageModel
{
    [BindProperty] public PlanForm Form { get; set; } = new();

    public SafetyPlanVersion? Latest { get; private set; }
    /// <summary>Someone saved a newer version while this form was open.</summary>
    public bool ChangedMeanwhile { get; private set; }

    public sealed class PlanForm
    {
        /// <summary>The version the form was opened on; 0 for a first plan.</summary>
        public int BasedOnVersion { get; set; }
        public string? ReasonForLiving { get; set; }
        public string? WarningSigns { get; set; }
        public string? CopingStrategies { get; set; }
        public string? DistractionPeopleAndPlaces { get; set; }
        public string? PeopleToAskForHelp { get; set; }
        public string? ProfessionalsAndCrisisLines { get; set; }
        public string? MakingTheEnvironmentSafe { get; set; }

        public SafetyPlanVersion.Steps ToSteps() => new(WarningSigns, CopingStrategies, DistractionPeopleAndPlaces, PeopleToAskForHelp,
            ProfessionalsAndCrisisLines, MakingTheEnvironmentSafe, ReasonForLiving);

        public static PlanForm From(SafetyPlanVersion? plan) => plan is null ? new() : new()
        {
            BasedOnVersion = plan.Version,
            ReasonForLiving = plan.ReasonForLiving,
            WarningSigns = plan.WarningSigns,
            CopingStrategies = plan.CopingStrategies,
            DistractionPeopleAndPlaces = plan.DistractionPeopleAndPlaces,
            PeopleToAskForHelp = plan.PeopleToAskForHelp,
            ProfessionalsAndCrisisLines = plan.ProfessionalsAndCrisisLines,
            MakingTheEnvironmentSafe = plan.MakingTheEnvironmentSafe,
        };
    }

    /// <summary>What each of the six steps asks for, in plan order, beside its heading.</summary>
    public static readonly IReadOnlyList<string> StepHints =
    [
        "Thoughts, feelings, situations or behaviour that tell you a crisis may be coming.",
        "Things you can do alone to feel a little better: a walk, music, a shower, breathing slowly.",
        "People to be with and places to go that take your mind off things (a café, a friend's home).",
        "Family or friends you can tell that you are struggling, with their phone numbers.",
        "Your therapist, your doctor, and crisis lines you can call or text.",
        "How you can keep yourself safe, for example by asking someone to keep things you could use to hurt yourself.",
    ];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Latest = await PlanSheet.LatestAsync(db, User.UserId(), ct);
        Form = PlanForm.From(Latest);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        return await this.AttemptAsync(async () =>
        {
            var outcome = await writing.SaveAsync(User.UserId(), User.UserId(), Form.BasedOnVersion, Form.ToSteps(), ct);
            if (outcome.Saved is null)
            {
                Latest = outcome.Newer;
                return ShowChangedMeanwhile();
            }
            return this.RedirectWithNotice("/safety-plan", outcome.Unchanged ? "unchanged" : "saved");
        }, async () => { Latest = await PlanSheet.LatestAsync(db, User.UserId(), ct); });
    }

    private PageResult ShowChangedMeanwhile()
    {
        ChangedMeanwhile = true;
        // What the patient wrote stays in the form; saving again now builds on the newest version.
        Form.BasedOnVersion = Latest?.Version ?? 0;
        ModelState.Remove("Form.BasedOnVersion");
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }
}
