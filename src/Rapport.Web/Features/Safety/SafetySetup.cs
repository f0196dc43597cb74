namespace Rapport.Web.Features.Safety;

public static class SafetySetup
{
    public static void AddSafety(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<SafetyOptions>(builder.Configuration.GetSection("Safety"));
        builder.Services.AddSingleton(CrisisLineBook.Load());
        builder.Services.AddScoped<SafetyAlerts>();
        builder.Services.AddScoped<CrisisLines>();
        builder.Services.AddScoped<AcknowledgeAlert>();
        builder.Services.AddScoped<AlertScope>();
        if (builder.Configuration.GetValue("Safety:RunEscalation", true))
        {
            builder.Services.AddHostedService<SafetyEscalationService>();
        }
    }
}
