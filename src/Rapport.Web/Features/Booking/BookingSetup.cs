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
        builder.Services.AddScoped<AppointmentOutcomes>();
        builder.Services.AddSingleton<BookingWriteLimit>();
        builder.Services.AddScoped<CareRelationships.ICareEndedHandler, CancelAppointmentsWhenCareEnds>();
        builder.Services.AddScoped<AppointmentMail>();
        builder.Services.AddScoped<IdempotencyFilter>();
        builder.Services.AddMemoryCache();
    }

    public static void MapBooking(this WebApplication app) => app.MapBookingApi();
}
