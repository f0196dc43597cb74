using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.LiveSessions;

namespace Rapport.IntegrationTests.Features.LiveSessions;

/// <summary>The Development start-up step that gives the demo a session to join at once (README, "Try a live call").</summary>
public abstract class DemoLiveSessionTests(RapportApp app)
{
    private static HostingEnvironment In(string name) => new() { EnvironmentName = name };

    /// <summary>The two demo accounts the step looks for, made once per database, and no appointment between them yet.</summary>
    private async Task<(Guid Patient, Guid Therapist)> DemoPairWithoutAppointmentsAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<RapportUser>>();
        async Task<Guid> AccountAsync(string local, string role)
        {
            var email = $"{local}@{DemoClinic.Domain}";
            if (await users.FindByEmailAsync(email) is { } existing)
            {
                return existing.Id;
            }
            var user = new RapportUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = local,
                TimeZoneId = "America/Chicago",
                CountryCode = "US",
                CreatedAt = app.Clock.GetUtcNow(),
                PhoneNumber = RapportApp.PatientPhone,
            };
            Assert.True((await users.CreateAsync(user, "calm-harbour-lantern-42")).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            return user.Id;
        }
        var patient = await AccountAsync(DemoLiveSession.Patient, Roles.Patient);
        var therapist = await AccountAsync(DemoLiveSession.Therapist, Roles.Therapist);
        await app.QueryAsync(db => db.Appointments.Where(a => a.TherapistId == therapist).ExecuteDeleteAsync());
        return (patient, therapist);
    }

    private Task<List<Appointment>> JoinableAsync(Guid patient, Guid therapist) => app.QueryAsync(async db =>
    {
        var now = app.Clock.GetUtcNow();
        var theirs = await db.Appointments.AsNoTracking().Where(a => a.PatientId == patient && a.TherapistId == therapist).ToListAsync();
        return theirs.Where(a => JoinWindow.IsOpen(a.Status, a.StartUtc, a.EndUtc, now)).ToList();
    });

    [Fact]
    public async Task ADevelopmentStartGivesAlexOneSessionWithSarahThatCanBeJoinedNowAndStartsInAFewMinutes()
    {
        var (patient, therapist) = await DemoPairWithoutAppointmentsAsync();

        var booked = await DemoLiveSession.EnsureAsync(app.Services, In(Environments.Development), NullLogger.Instance);

        var joinable = Assert.Single(await JoinableAsync(patient, therapist));
        Assert.Equal(booked?.Id, joinable.Id);
        Assert.InRange(joinable.StartUtc - app.Clock.GetUtcNow(), TimeSpan.FromMinutes(3), DemoLiveSession.StartsIn);
        Assert.Equal(AppointmentKind.Session, joinable.Kind);
    }

    [Fact]
    public async Task ASecondDevelopmentStartBooksNothingWhileTheFirstSessionCanStillBeJoined()
    {
        var (patient, therapist) = await DemoPairWithoutAppointmentsAsync();
        var first = await DemoLiveSession.EnsureAsync(app.Services, In(Environments.Development), NullLogger.Instance);

        var second = await DemoLiveSession.EnsureAsync(app.Services, In(Environments.Development), NullLogger.Instance);

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Equal(first.Id, Assert.Single(await JoinableAsync(patient, therapist)).Id);
        Assert.Equal(1, await app.QueryAsync(db => db.Appointments.CountAsync(a => a.TherapistId == therapist)));
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Testing")]
    public async Task OutsideDevelopmentAStartBooksNoDemoSession(string environment)
    {
        var (_, therapist) = await DemoPairWithoutAppointmentsAsync();

        var booked = await DemoLiveSession.EnsureAsync(app.Services, In(environment), NullLogger.Instance);

        Assert.Null(booked);
        Assert.Equal(0, await app.QueryAsync(db => db.Appointments.CountAsync(a => a.TherapistId == therapist)));
    }
}

public sealed class DemoLiveSessionTestsOnSqlite(SqliteApp app) : DemoLiveSessionTests(app);

public sealed class DemoLiveSessionTestsOnPostgres(PostgresApp app) : DemoLiveSessionTests(app);
