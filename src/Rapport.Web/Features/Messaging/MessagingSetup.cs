using Rapport.Web.Features.Audit;
using Rapport.Web.Features.LiveSessions;
using Rapport.Web.Features.Platform;

namespace Rapport.Web.Features.Messaging;

public static class MessagingSetup
{
    public static void AddMessaging(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<MessagingOptions>(builder.Configuration.GetSection("Messaging"));
        builder.Services.AddSingleton(RiskExpressions.Load());
        builder.Services.AddScoped<MessagingService>();
        builder.Services.AddScoped<UnreadMessages>();
        builder.Services.AddScoped<ConversationRecords>();
        builder.Services.AddRuleAnswer(MessagingRules.TooManyMessages, StatusCodes.Status429TooManyRequests, "Too many messages");
        builder.Services.AddScoped<MessageNotices>();
        // SignalR, and its Redis backplane when configured, are added by the live sessions: this hub shares them, so a
        // patient and a clinician on different instances see each other's messages arrive (docs/architecture.md, "Scaling out").
        if (builder.Configuration.GetValue("Messaging:RunNotifier", true))
        {
            builder.Services.AddHostedService<MessageNoticeService>();
        }
    }

    public static void MapMessaging(this WebApplication app)
    {
        app.UseHubOriginCheck(MessagesHub.Path, app.Configuration["App:BaseUrl"]);
        app.MapHub<MessagesHub>(MessagesHub.Path).WithoutAudit("the messages hub carries only a content-free \"changed\" signal; the page then "
            + "reads the messages through its audited handler, and every write is audited by MessagingService");
        app.MapMessagingApi();
    }
}
