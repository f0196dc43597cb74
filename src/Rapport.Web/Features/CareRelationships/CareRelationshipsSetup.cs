namespace Rapport.Web.Features.CareRelationships;

public static class CareRelationshipsSetup
{
    public static void AddCareRelationships(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CareAccess>();
        builder.Services.AddScoped<CareRelationshipService>();
        builder.Services.AddScoped<EmergencyAccessGrants>();
        builder.Services.AddScoped<CareRecords>();
    }

    public static void MapCareRelationships(this WebApplication app) => app.MapCareRelationshipsApi();
}
