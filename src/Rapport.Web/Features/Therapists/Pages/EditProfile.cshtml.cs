using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
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
public sealed class EditProfileModel(ProfileLookup lookup, ProfileEditing profiles) : PageModel
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
        var profile = await lookup.OfAsync(User.UserId(), ct);
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
            Show(await lookup.OfAsync(me, ct));
            return Page();
        }
        return await this.AttemptAsync(async () =>
        {
            var (profile, before) = await profiles.SaveAsync(me, new ProfileEditing.Edit(Form.Bio ?? "", Form.Languages, Form.Conditions, Form.Countries,
                Form.Training, Form.AcceptingNewPatients), submit, ct);
            Show(profile);
            Message = Saved(before, profile.Status, submit);
            return Page();
        }, async () => Show(await lookup.OfAsync(me, ct)));
    }

    private static string Saved(ProfileStatus? before, ProfileStatus now, bool submit) => (before, now) switch
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
