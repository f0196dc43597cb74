using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Therapists;

/// <summary>
/// A therapist saves their directory profile, and may send it for approval (readme, profile rules). The profile and
/// its audit entry are stored together; a change to a listed profile takes it back out of the directory until the
/// clinic approves it again, which the profile itself decides.
/// </summary>
public sealed class ProfileEditing(AppDbContext db, Auditor audit)
{
    public sealed record Edit(string Bio, IReadOnlyList<string> Languages, IReadOnlyList<string> Conditions, IReadOnlyList<string> Countries,
        TrainingLevel Training, bool AcceptingNewPatients);

    /// <summary>The profile as saved, and its status before the save (null for a first save).</summary>
    public async Task<(TherapistProfile Profile, ProfileStatus? Before)> SaveAsync(Guid therapistId, Edit edit, bool submit, CancellationToken ct)
    {
        var profile = await db.TherapistProfiles.SingleOrDefaultAsync(p => p.UserId == therapistId, ct);
        var before = profile?.Status;
        if (profile is null)
        {
            profile = TherapistProfile.Create(therapistId, "", [], []);
            db.TherapistProfiles.Add(profile);
        }
        try
        {
            profile.Edit(edit.Bio,
                KeepOrder(profile.LanguageList, edit.Languages, ProfileChoices.Languages.Select(l => l.Code)),
                KeepOrder(profile.SpecialtyList, edit.Conditions, TherapistProfile.Offerings.Select(o => o.Code)),
                KeepOrder(profile.CountryList, edit.Countries, ProfileChoices.Countries.Select(c => c.Code)),
                edit.Training, edit.AcceptingNewPatients);
            if (submit)
            {
                profile.Submit();
            }
        }
        catch (RuleViolationException)
        {
            db.ChangeTracker.Clear();
            throw;
        }
        audit.Stage(submit ? AuditAction.TherapistProfileSubmitted : AuditAction.TherapistProfileSaved,
            subject: therapistId.ToString(), detail: $"status {profile.Status}");
        await db.SaveChangesAsync(ct);
        return (profile, before);
    }

    /// <summary>
    /// The chosen codes with those already stored first, in their stored order, then new ones in list order:
    /// the profile compares its claims as text, so ticking the same boxes again must give the same text.
    /// </summary>
    private static string[] KeepOrder(IReadOnlyList<string> stored, IReadOnlyList<string> chosen, IEnumerable<string> offered) =>
        [.. stored.Where(chosen.Contains), .. offered.Where(c => chosen.Contains(c) && !stored.Contains(c))];
}
