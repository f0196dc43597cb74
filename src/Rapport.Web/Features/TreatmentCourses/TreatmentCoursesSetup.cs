namespace Rapport.Web.Features.TreatmentCourses;

public static class TreatmentCoursesSetup
{
    public static void AddTreatmentCourses(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<TreatmentCourseService>();
        builder.Services.AddScoped<DecisionAnalyses>();
        builder.Services.AddScoped<InventoryEditing>();
        builder.Services.AddScoped<FormulationWriting>();
        builder.Services.AddScoped<CoursePhases>();
        builder.Services.AddScoped<MaintenancePlanning>();
        builder.Services.AddScoped<TerminationReviewing>();
        builder.Services.AddScoped<ContractWriting>();
        builder.Services.AddScoped<SessionNoteWriting>();
        builder.Services.AddScoped<CourseAlerts>();
        builder.Services.AddScoped<InitialPhaseTasks>();
        builder.Services.AddScoped<FidelityRating>();
        builder.Services.AddScoped<CourseAttendance>();
        builder.Services.AddScoped<PatientPlans>();
        builder.Services.AddScoped<CourseRecords>();
        builder.Services.AddScoped<SessionNumbering>();
        builder.Services.AddScoped<Booking.IAppointmentOutcomeHandler>(s => s.GetRequiredService<CourseAttendance>());
        builder.Services.AddScoped<CareRelationships.ICareEndedHandler, EndCourseWhenCareEnds>();
        builder.Services.AddScoped<RelapseWatch>();
        builder.Services.AddScoped<SeriesPreview>();
        builder.Services.AddScoped<Assessments.ICourseStarts, CourseStarts>();
        builder.Services.AddScoped<Assessments.ISessionMarks, PairSessionMarks>();
        builder.Services.AddScoped<Assessments.IAnswerWatch, CourseAnswerWatch>();
    }

    public static void MapTreatmentCourses(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapCoursesApi();
    }
}
