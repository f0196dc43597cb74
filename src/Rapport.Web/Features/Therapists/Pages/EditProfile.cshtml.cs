using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Therapists.Pages;

/// <summary>
/// The therapist writes their public profile and sends it for approval. Changing what the directory
/// claims about them (bio, languages, conditions, countries, training) takes a listed profile back to
/// draft (<see cref="TherapistProfile.Edit"/>); the page says so before they save.
/// </summary>
[Authorize(Policy = Policies.Therapist)]
[Audited(AuditAction.ReadTherapistProfile)]
public sealed class EditProfileModel(AppDbContext db, Auditor audit) : PageModel
{
    [BindProperty] public ProfileForm Form { get; set; } = new();

    public ProfileStatus Status { get; private set; }
    public bool Exists { get; private set; }
    public string? Message { get; private set; }

    public sealed class ProfileForm
    {
        [StringLength(TherapistProfile.MaxBioLength, ErrorMessage = "Keep your bio to 2,000 characters or fewer.")]
        public string? Bio { get; set; }

        public List<string> Languages { get; set; } = [];
        public List<string> Conditions { get; set; } = [];
        public List<string> Countries { get; set; } = [];
        public TrainingLevel Training { get; set; }
        public bool AcceptingNewPatients { get; set; } = true;
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var profile = await db.TherapistProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == User.UserId(), ct);
        Show(profile);
        if (profile is not null)
        {
            Form = new ProfileForm
            {
                Bio = profile.Bio,
                Languages = [.. profile.LanguageList],
                Conditions = [.. profile.SpecialtyList],
                Countries = [.. profile.CountryList],
                Training = profile.Training,
                AcceptingNewPatients = profile.AcceptingNewPatients,
            };
        }
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => SaveAsync(submit: false, ct);

    public Task<IActionResult> OnPostSubmitAsync(CancellationToken ct) => SaveAsync(submit: true, ct);

    private async Task<IActionResult> SaveAsync(bool submit, CancellationToken ct)
    {
        var me = User.UserId();
        var profile = await db.TherapistProfiles.SingleOrDefaultAsync(p => p.UserId == me, ct);
        if (Form.Languages.Any(l => !ProfileChoices.IsLanguage(l)))
        {
            ModelState.AddModelError("Form.Languages", "Choose languages from the list.");
        }
        if (Form.Countries.Any(c => !ProfileChoices.IsCountry(c)))
        {
            ModelState.AddModelError("Form.Countries", "Choose countries from the list.");
        }
        if (!Enum.IsDefined(Form.Training))
        {
            ModelState.AddModelError("Form.Training", "Choose your IPT training level.");
        }
        if (!ModelState.IsValid)
        {
            Show(profile);
            return Page();
        }

        var before = profile?.Status;
        if (profile is null)
        {
            profile = TherapistProfile.Create(me, "", [], []);
            db.TherapistProfiles.Add(profile);
        }
        try
        {
            profile.Edit(Form.Bio ?? "",
                KeepOrder(profile.LanguageList, Form.Languages, ProfileChoices.Languages.Select(l => l.Code)),
                KeepOrder(profile.SpecialtyList, Form.Conditions, TherapistProfile.Offerings.Select(o => o.Code)),
                KeepOrder(profile.CountryList, Form.Countries, ProfileChoices.Countries.Select(c => c.Code)),
                Form.Training, Form.AcceptingNewPatients);
            if (submit)
            {
                profile.Submit();
            }
        }
        catch (RuleViolationException e)
        {
            ModelState.AddModelError("", e.Message);
            db.ChangeTracker.Clear();
            Show(await db.TherapistProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == me, ct));
            return Page();
        }
        audit.Stage(submit ? AuditAction.TherapistProfileSubmitted : AuditAction.TherapistProfileSaved,
            subject: me.ToString(), detail: $"status {profile.Status}");
        await db.SaveChangesAsync(ct);

        Show(profile);
        Message = (before, profile.Status) switch
        {
            (ProfileStatus.Approved, ProfileStatus.Draft) =>
                "Your changes are saved. Your profile is back in draft and no longer listed: send it for approval when you are ready.",
            (ProfileStatus.Approved, ProfileStatus.Submitted) =>
                "Your changes are saved and sent for approval. Your profile is not listed until the clinic approves it.",
            (_, ProfileStatus.Submitted) when submit => "Your profile is saved and sent for approval. We will e-mail you when the clinic has looked at it.",
            (ProfileStatus.Submitted, ProfileStatus.Draft) => "Your changes are saved. Your profile is back in draft: send it for approval again when you are ready.",
            (_, ProfileStatus.Approved) => "Your changes are saved. Your profile is still listed.",
            _ => "Your changes are saved.",
        };
        return Page();
    }

    /// <summary>
    /// The chosen codes with those already stored first, in their stored order, then new ones in list order:
    /// the profile compares its claims as text, so ticking the same boxes again must give the same text.
    /// </summary>
    private static string[] KeepOrder(IReadOnlyList<string> stored, List<string> chosen, IEnumerable<string> offered) =>
        [.. stored.Where(chosen.Contains), .. offered.Where(c => chosen.Contains(c) && !stored.Contains(c))];

    private void Show(TherapistProfile? profile)
    {
        Exists = profile is not null;
        Status = profile?.Status ?? ProfileStatus.Draft;
    }

    public static string StatusInWords(ProfileStatus status) => status switch
    {
        ProfileStatus.Submitted => "Waiting for approval",
        ProfileStatus.Approved => "Listed",
        _ => "Draft",
    };

    public static string TrainingInWords(TrainingLevel level) => level switch
    {
        TrainingLevel.Certified => "Certified in IPT",
        TrainingLevel.Supervisor => "IPT supervisor",
        _ => "Trained in IPT",
    };
}
