using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Admin;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.Calendars;
using Rapport.Web.Features.CareRelationships;
using Rapport.Web.Features.DataRights;
using Rapport.Web.Features.Interoperability;
using Rapport.Web.Features.LiveSessions;
using Rapport.Web.Features.Messaging;
using Rapport.Web.Features.Notifications;
using Rapport.Web.Features.Platform;
using Rapport.Web.Features.Safety;
using Rapport.Web.Features.Therapists;
using Rapport.Web.Features.TreatmentCourses;

// `--migrate` is a verb, not a setting: take it out before the configuration reads the arguments.
var migrateOnly = args.Contains("--migrate");
var builder = WebApplication.CreateBuilder(args.Where(a => a != "--migrate").ToArray());
builder.AddPlatform();
builder.AddData();
builder.AddSharedKeys();
builder.Services.AddAudit();
builder.AddNotifications();
builder.AddAccounts();
builder.AddAccountRateLimits();
builder.AddCareRelationships();
builder.AddTherapists();
builder.AddBooking();
builder.AddCalendars();
builder.AddAssessments();
builder.AddSafety();
builder.AddLiveSessions();
builder.AddTreatmentCourses();
builder.AddMessaging();
builder.AddInteroperability();
builder.AddDataRights();

var app = builder.Build();

if (migrateOnly)
{
    // Production: `dotnet Rapport.Web.dll --migrate` applies migrations and exits (docs in README).
    await DataSetup.MigrateAsync(app.Services);
    return;
}
if (app.Environment.IsDevelopment() || app.Configuration.GetValue<bool>("Database:MigrateOnStart"))
{
    await DataSetup.MigrateAsync(app.Services);
}
if (app.Environment.IsDevelopment() && app.Configuration.GetValue("Demo:Seed", true))
{
    await DemoClinic.SeedAsync(app.Services, app.Logger, app.Configuration["Demo:Password"]
        ?? throw new InvalidOperationException("Demo:Password is not configured."));
    if (app.Configuration.GetValue("Demo:LiveSession", true))
    {
        await DemoLiveSession.EnsureAsync(app.Services, app.Environment, app.Logger);
    }
}

app.UseForwardedHeaders();
app.UseResponseCompression();
app.UseErrorHandling();
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}
app.UseSecurityHeaders();
app.UseCookiePolicy();
app.UseRequestLimits();
app.UseRouting();
app.UseRoutingRefusals();
app.UseAuthentication();
app.UseRateLimiter();
app.UseDeclaredAudit();
app.UseAuthorization();
app.UseAntiforgery();

app.MapPlatform();
app.MapStaticFiles();
app.MapAccounts();
app.MapAdmin();
app.MapCareRelationships();
app.MapBooking();
app.MapCalendars();
app.MapAssessments();
app.MapSafety();
app.MapLiveSessions();
app.MapTreatmentCourses();
app.MapMessaging();
app.MapInteroperability();
app.MapDataRights();
app.MapRazorPages().WithStaticAssets();

app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
