using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;

namespace Rapport.Web.Features.Therapists;

public static class TherapistsSetup
{
    public static void AddTherapists(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ProfileReview>();
        builder.Services.AddScoped<ProfileEditing>();
        builder.Services.AddScoped<ProfileLookup>();
        builder.Services.AddScoped<IStaffJoinedHandler, OpenProfileWhenATherapistJoins>();
    }
}

/// <summary>A therapist who accepts their invitation gets an empty, unlisted profile to fill in (Therapists readme).</summary>
public sealed class OpenProfileWhenATherapistJoins(AppDbContext db) : IStaffJoinedHandler
{
    public void Joined(RapportUser user, string role)
    {
        if (role == Roles.Therapist)
        {
            db.TherapistProfiles.Add(TherapistProfile.Create(user.Id, "", [user.PreferredLanguage], []));
        }
    }
}
