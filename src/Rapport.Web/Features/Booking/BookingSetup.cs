using Rapport.Web.Features.Platform;

namespace Rapport.Web.Features.Booking;

public static class BookingSetup
{
    public static void AddBooking(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<BookingService>();
        builder.Services.AddScoped<TherapistDirectory>();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<NextFreeCache>();
        builder.Services.AddScoped<AvailabilityChanges>();
        builder.Services.AddScoped<SessionHistory>();
        builder.Services.AddScoped<AppointmentRecords>();
        builder.Services.AddScoped<ScheduleLookup>();
        builder.Services.AddScoped<AppointmentOutcomes>();
        builder.Services.AddSingleton<BookingWriteLimit>();
        builder.Services.AddRuleAnswer(BookingRules.TooManyWrites, StatusCodes.Status429TooManyRequests, "Too many changes");
        builder.Services.AddScoped<CareRelationships.ICareEndedHandler, CancelAppointmentsWhenCareEnds>();
        builder.Services.AddScoped<AppointmentMail>();
        builder.Services.AddScoped<IdempotencyFilter>();
        builder.Services.AddMemoryCache();
    }

    public static void MapBooking(this WebApplication app) => app.MapBookingApi();
}
