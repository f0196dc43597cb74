namespace Rapport.Web.Features.Safety;

public static class SafetySetup
{
    public static void AddSafety(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<SafetyOptions>(builder.Configuration.GetSection("Safety"));
        builder.Services.AddScoped<SafetyAlerts>();
        builder.Services.AddScoped<CrisisLines>();
        builder.Services.AddScoped<AlertActions>();
        builder.Services.AddScoped<AlertFiles>();
        builder.Services.AddScoped<AlertScope>();
        builder.Services.AddScoped<PatientRisk>();
        if (builder.Configuration.GetValue("Safety:RunEscalation", true))
        {
            builder.Services.AddHostedService<SafetyEscalationService>();
        }
    }
}
