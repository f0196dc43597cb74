using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Notifications;

public static class NotificationsSetup
{
    /// <summary>
    /// SMTP (MailKit) when <c>Smtp:Host</c> is set; otherwise, in Development only, a pickup folder.
    /// Outside Development a missing SMTP host is a start-up error rather than silently lost mail.
    /// </summary>
    public static void AddNotifications(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<SmtpOptions>(builder.Configuration.GetSection("Smtp"));
        services.Configure<OutboxOptions>(builder.Configuration.GetSection("Outbox"));
        var smtpHost = builder.Configuration["Smtp:Host"];
        if (!string.IsNullOrWhiteSpace(smtpHost))
        {
            services.AddSingleton<IMailTransport, SmtpMailTransport>();
        }
        else if (builder.Environment.IsDevelopment() || builder.Configuration.GetValue<bool>("Smtp:UsePickupFolder"))
        {
            services.AddSingleton<IMailTransport, PickupFolderMailTransport>();
        }
        else
        {
            throw new InvalidOperationException("Smtp:Host must be set outside Development (or Smtp:UsePickupFolder=true for a trial).");
        }
        services.AddSingleton<OutboxDispatcher>();
        // An instance may queue without sending (another instance sends), e.g. a test that reads the queued messages themselves.
        if (builder.Configuration.GetValue("Outbox:RunDispatcher", true))
        {
            services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        }
        services.AddScoped<Outbox>();
        services.AddScoped<IAuditCheckpointCopy, AuditCheckpointMail>();
    }
}
