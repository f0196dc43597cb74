using System.Globalization;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.TreatmentCourses;

namespace Rapport.IntegrationTests.Features.TreatmentCourses;

/// <summary>Addresses and form fields of the course set-up pages, as a browser posts them.</summary>
internal static class CoursePages
{
    public static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public static string Course(TestAccount patient, string? part = null) => $"/therapist/patients/{patient.Id}/course{(part is null ? "" : "/" + part)}";

    public static string Handler(string page, string handler) => $"{page}?handler={handler}";

    public static async Task<Visitor> BrowserForAsync(this RapportApp app, TestAccount account)
    {
        var browser = app.NewClient();
        await browser.SignInAsync(account);
        return browser;
    }

    /// <summary>A Berlin wall time <paramref name="days"/> days from today at <paramref name="hour"/>:00, as a datetime-local field holds it.</summary>
    public static DateTime BerlinDay(RapportApp app, int days, int hour) =>
        WallClock.Today(app.Clock.GetUtcNow(), Berlin).AddDays(days).ToDateTime(new TimeOnly(hour, 0));

    public static string Field(DateTime local) => local.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    public static DateTimeOffset Utc(DateTime berlinLocal) => WallClock.ToUtc(berlinLocal, Berlin)!.Value;

    /// <summary>Every part of the contract with the default words, as the therapist's form posts it.</summary>
    public static Dictionary<string, string> ContractFields(RapportApp app, int sessions, DateTime? firstSession = null, string? reason = null)
    {
        var today = WallClock.Today(app.Clock.GetUtcNow(), Berlin);
        var fields = new Dictionary<string, string>
        {
            ["Form.SessionCount"] = sessions.ToString(CultureInfo.InvariantCulture),
            ["Form.Frequency"] = nameof(SessionFrequency.Weekly),
            ["Form.DurationMinutes"] = "50",
            ["Form.StartDate"] = (firstSession is { } f ? DateOnly.FromDateTime(f) : today).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Form.FirstSession"] = firstSession is { } first ? Field(first) : "",
            ["Form.RolesPatient"] = ContractRoles.Default.Patient,
            ["Form.RolesTherapist"] = ContractRoles.Default.Therapist,
            ["Form.NoShowsCount"] = "true",
            ["Form.LateCancellationsCount"] = "true",
            ["Form.NoticeHours"] = "24",
            ["Form.Lateness"] = ContractContingencies.Default.Lateness,
            ["Form.Illness"] = ContractContingencies.Default.Illness,
            ["Form.Holidays"] = ContractContingencies.Default.Holidays,
            ["Form.TherapistAbsence"] = ContractContingencies.Default.TherapistAbsence,
            ["Form.ContactBetweenSessions"] = ContractBoundaries.Default.ContactBetweenSessions,
            ["Form.Confidentiality"] = ContractBoundaries.Default.Confidentiality,
            ["Form.Recording"] = ContractBoundaries.Default.Recording,
            ["Form.JointSessions"] = ContractBoundaries.Default.JointSessions,
            ["Form.CrisisContacts"] = ContractEmergency.Default.CrisisContacts,
            ["Form.SafetyPlan"] = ContractEmergency.Default.SafetyPlan,
            ["Form.WhenRiskRises"] = ContractEmergency.Default.WhenRiskRises,
        };
        if (reason is not null)
        {
            fields["Form.Reason"] = reason;
        }
        return fields;
    }

    public static Dictionary<string, string> Signature(string name) => new() { ["TypedName"] = name, ["Confirmed"] = "true" };

    /// <summary>A course opened through the service and moved to the initial phase; nothing else.</summary>
    public static Task<Guid> CourseInInitialPhaseAsync(this RapportApp app, TestAccount therapist, TestAccount patient) =>
        app.WithServiceAsync(async (service, db) =>
        {
            var course = await service.OpenAsync(therapist.Id, patient.Id, CancellationToken.None);
            course.BeginInitialPhase(app.Clock.GetUtcNow());
            await db.SaveChangesAsync();
            return course.Id;
        });
}
