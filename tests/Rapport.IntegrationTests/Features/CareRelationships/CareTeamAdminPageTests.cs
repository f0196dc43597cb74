using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;

namespace Rapport.IntegrationTests.Features.CareRelationships;

/// <summary>/admin/care-team: supervisors assigned by an admin.</summary>
public abstract class CareTeamAdminPageTests(RapportApp app)
{
    [Fact]
    public async Task AnAdminAssignsASupervisorWhoThenSeesTheSuperviseesCourseUnderSupervision()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var courseId = await app.CourseWithAgreedFormulationAsync(therapist, patient);
        var supervisor = await app.CreatePracticeTherapistAsync();
        var (supervisorName, therapistName, patientName) =
            (await app.NameAsync(supervisor, "Dr Lena"), await app.NameAsync(therapist, "Dr Max"), await app.NameAsync(patient, "Noor"));
        var admin = await app.CreateAccountAsync(Roles.Admin);
        using var clinic = app.NewClient();
        await clinic.SignInAsync(admin);
        using var supervising = app.NewClient();
        await supervising.SignInAsync(supervisor);

        var assigned = await clinic.PostFormAsync("/admin/care-team", new Dictionary<string, string>
        {
            ["SupervisorId"] = supervisor.Id.ToString(),
            ["TherapistId"] = therapist.Id.ToString(),
        }, "/admin/care-team?handler=Assign");
        var page = await clinic.GetAsync(assigned.Location!);
        var home = await supervising.GetAsync("/therapist");
        var supervision = await supervising.GetAsync("/therapist/supervision");

        Assert.Equal("/admin/care-team", assigned.Location);
        Assert.Contains("Supervisor assigned.", page.Words, StringComparison.Ordinal);
        Assert.Contains($"{supervisorName} supervises {therapistName}", page.Words, StringComparison.Ordinal);
        Assert.Contains("href=\"/therapist/supervision\"", home.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, supervision.Status);
        Assert.Contains(therapistName, supervision.Words, StringComparison.Ordinal);
        Assert.Contains(patientName, supervision.Words, StringComparison.Ordinal);
        Assert.Contains($"href=\"/therapist/supervision/courses/{courseId}\"", supervision.Html, StringComparison.Ordinal);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.SupervisorAssigned && e.UserId == admin.Id)));
    }

    [Fact]
    public async Task ATherapistCannotBeAssignedToSuperviseThemself()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        var admin = await app.CreateAccountAsync(Roles.Admin);
        using var clinic = app.NewClient();
        await clinic.SignInAsync(admin);

        var page = await clinic.PostFormAsync("/admin/care-team", new Dictionary<string, string>
        {
            ["SupervisorId"] = therapist.Id.ToString(),
            ["TherapistId"] = therapist.Id.ToString(),
        }, "/admin/care-team?handler=Assign");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("A therapist cannot supervise themself.", page.Words, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.SupervisionAssignments.AnyAsync(s => s.TherapistId == therapist.Id)));
    }

    [Fact]
    public async Task AnAdminEndsASupervision()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        var supervisor = await app.CreatePracticeTherapistAsync();
        var supervisorName = await app.NameAsync(supervisor, "Dr Omar");
        var admin = await app.CreateAccountAsync(Roles.Admin);
        using var clinic = app.NewClient();
        await clinic.SignInAsync(admin);
        await clinic.PostFormAsync("/admin/care-team", new Dictionary<string, string>
        {
            ["SupervisorId"] = supervisor.Id.ToString(),
            ["TherapistId"] = therapist.Id.ToString(),
        }, "/admin/care-team?handler=Assign");
        var id = await app.QueryAsync(db => db.SupervisionAssignments.Where(s => s.SupervisorId == supervisor.Id).Select(s => s.Id).SingleAsync());

        var ended = await clinic.PostFormAsync("/admin/care-team", new Dictionary<string, string>(), $"/admin/care-team?handler=EndSupervision&id={id}");
        var page = await clinic.GetAsync(ended.Location!);

        Assert.Contains("Supervision ended.", page.Words, StringComparison.Ordinal);
        Assert.DoesNotContain($"{supervisorName} supervises", page.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATherapistCannotOpenTheCareTeamAdministration()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        using var clinician = app.NewClient();
        await clinician.SignInAsync(therapist);

        Assert.False(await clinician.CanOpenAsync("/admin/care-team"));
    }
}

public sealed class CareTeamAdminPageTestsOnSqlite(SqliteApp app) : CareTeamAdminPageTests(app);

public sealed class CareTeamAdminPageTestsOnPostgres(PostgresApp app) : CareTeamAdminPageTests(app);

/// <summary>
/// /admin/care-team's clinical-lead rota. Who is on duty is clinic-wide and routes alerts, so these tests run on an app
/// of their own, where no other test's duty period can be on.
/// </summary>
public abstract class ClinicalLeadRotaPageTests(RapportApp app)
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private string LocalInput(TimeSpan fromNow) =>
        WallClock.Local(app.Clock.GetUtcNow() + fromNow, Berlin).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    [Fact]
    public async Task AnAdminPutsAClinicianOnDutyNowAndCancellingItBringsBackTheWarning()
    {
        var lead = await app.CreatePracticeTherapistAsync();
        var leadName = await app.NameAsync(lead, "Dr Pia");
        var admin = await app.CreateAccountAsync(Roles.Admin);
        using var clinic = app.NewClient();
        await clinic.SignInAsync(admin);

        var before = await clinic.GetAsync("/admin/care-team");
        var added = await clinic.PostFormAsync("/admin/care-team", new Dictionary<string, string>
        {
            ["ClinicianId"] = lead.Id.ToString(),
            ["From"] = LocalInput(TimeSpan.FromHours(-1)),
            ["To"] = LocalInput(TimeSpan.FromHours(8)),
        }, "/admin/care-team?handler=AddShift");
        var onDuty = await clinic.GetAsync(added.Location!);
        var shiftId = await app.QueryAsync(db => db.ClinicalLeadShifts.Where(s => s.ClinicianId == lead.Id).Select(s => s.Id).SingleAsync());
        var cancelled = await clinic.PostFormAsync("/admin/care-team", new Dictionary<string, string>(), $"/admin/care-team?handler=CancelShift&id={shiftId}");
        var after = await clinic.GetAsync(cancelled.Location!);

        Assert.Contains("Nobody is on duty now.", before.Words, StringComparison.Ordinal);
        Assert.Contains("Duty period added to the rota.", onDuty.Words, StringComparison.Ordinal);
        Assert.Contains($"Clinical lead on duty: {leadName}", onDuty.Words, StringComparison.Ordinal);
        Assert.Contains($"{leadName} from", onDuty.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("Nobody is on duty now.", onDuty.Words, StringComparison.Ordinal);
        Assert.Contains("Duty period cancelled.", after.Words, StringComparison.Ordinal);
        Assert.Contains("Nobody is on duty now.", after.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADutyPeriodThatEndsBeforeItStartsShowsTheRuleAndIsNotPlanned()
    {
        var lead = await app.CreatePracticeTherapistAsync();
        var admin = await app.CreateAccountAsync(Roles.Admin);
        using var clinic = app.NewClient();
        await clinic.SignInAsync(admin);

        var page = await clinic.PostFormAsync("/admin/care-team", new Dictionary<string, string>
        {
            ["ClinicianId"] = lead.Id.ToString(),
            ["From"] = LocalInput(TimeSpan.FromHours(10)),
            ["To"] = LocalInput(TimeSpan.FromHours(2)),
        }, "/admin/care-team?handler=AddShift");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("A duty period ends after it starts, and not in the past.", page.Words, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.ClinicalLeadShifts.AnyAsync(s => s.ClinicianId == lead.Id)));
    }
}

public sealed class ClinicalLeadRotaPageTestsOnSqlite(IsolatedSqliteApp app) : ClinicalLeadRotaPageTests(app), IClassFixture<IsolatedSqliteApp>;

public sealed class ClinicalLeadRotaPageTestsOnPostgres(IsolatedPostgresApp app) : ClinicalLeadRotaPageTests(app), IClassFixture<IsolatedPostgresApp>;
