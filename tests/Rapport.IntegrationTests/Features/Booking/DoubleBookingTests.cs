using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Booking;

namespace Rapport.IntegrationTests.Features.Booking;

public abstract class DoubleBookingTests(RapportApp app)
{
    [Fact]
    public async Task FiftySimultaneousBookingsOfOneSlotGiveExactlyOneBookingEveryTime()
    {
        var therapist = await app.CreateListedTherapistAsync();
        // Fifty different people each round: one person pressing twice finds their own booking instead (tested on its own),
        // and each round's winner has a first conversation booked, so may not book another: they sit out the next rounds.
        var everyone = (await Task.WhenAll(Enumerable.Range(0, 52).Select(_ => app.CreateAccountAsync(Roles.Patient)))).ToList();
        for (var round = 0; round < 3; round++)
        {
            var alreadyBooked = await app.QueryAsync(db => db.Appointments.Where(a => a.TherapistId == therapist.Id).Select(a => a.PatientId).ToListAsync());
            var patients = everyone.Where(p => !alreadyBooked.Contains(p.Id)).Take(50).ToArray();
            var slot = await app.FirstSlotAsync(therapist.Id, TimeSpan.FromDays(2 + round));
            using var start = new ManualResetEventSlim();
            var attempts = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
            {
                await using var scope = app.Services.CreateAsyncScope();
                var booking = scope.ServiceProvider.GetRequiredService<BookingService>();
                start.Wait();
                try
                {
                    await booking.BookAsync(patients[i].Id, therapist.Id, slot.StartUtc, AppointmentKind.Assessment, CancellationToken.None);
                    return "booked";
                }
                catch (RuleViolationException e) when (e.Rule is BookingRules.SlotTaken or BookingRules.MustBeAnOfferedSlot)
                {
                    return "conflict";
                }
            })).ToArray();
            start.Set();
            var outcomes = await Task.WhenAll(attempts);

            Assert.Equal(1, outcomes.Count(o => o == "booked"));
            Assert.Equal(49, outcomes.Count(o => o == "conflict"));
        }

        var booked = await app.QueryAsync(db => db.Appointments.AsNoTracking()
            .Where(a => a.TherapistId == therapist.Id && a.Status == AppointmentStatus.Booked).ToListAsync());
        Assert.Equal(3, booked.Count);
        Assert.DoesNotContain(booked, a => booked.Any(b => b.Id != a.Id && a.StartUtc < b.BlockedUntilUtc && b.StartUtc < a.BlockedUntilUtc));
    }

    [Fact]
    public async Task PressingBookTwiceGivesTheSameAppointment()
    {
        var therapist = await app.CreateListedTherapistAsync();
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var slot = await app.FirstSlotAsync(therapist.Id, TimeSpan.FromDays(2));
        await using var scope = app.Services.CreateAsyncScope();
        var booking = scope.ServiceProvider.GetRequiredService<BookingService>();

        var first = await booking.BookAsync(patient.Id, therapist.Id, slot.StartUtc, AppointmentKind.Assessment, CancellationToken.None);
        var second = await booking.BookAsync(patient.Id, therapist.Id, slot.StartUtc, AppointmentKind.Assessment, CancellationToken.None);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(1, await app.QueryAsync(db => db.Appointments.CountAsync(a => a.TherapistId == therapist.Id)));
    }

    [Fact]
    public async Task TheDatabaseItselfRefusesAnOverlappingRow()
    {
        var therapist = await app.CreateListedTherapistAsync();
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var start = app.Clock.GetUtcNow().AddDays(3);

        var error = await Record.ExceptionAsync(() => app.QueryAsync(async db =>
        {
            // Straight to the table, past every check in the app: only the database's guard stands.
            db.Appointments.Add(Appointment.Book(therapist.Id, patient.Id, start, TimeSpan.FromMinutes(50), TimeSpan.FromMinutes(10), AppointmentKind.Session, app.Clock.GetUtcNow()));
            db.Appointments.Add(Appointment.Book(therapist.Id, patient.Id, start.AddMinutes(30), TimeSpan.FromMinutes(50), TimeSpan.Zero, AppointmentKind.Session, app.Clock.GetUtcNow()));
            return await db.SaveChangesAsync();
        }));

        Assert.IsType<DbUpdateException>(error);
        Assert.False(await app.QueryAsync(db => db.Appointments.AnyAsync(a => a.TherapistId == therapist.Id)));
    }

    [Fact]
    public async Task SlotsForFourWeeksCostAFixedNumberOfQueries()
    {
        var therapist = await app.CreateListedTherapistAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var booking = scope.ServiceProvider.GetRequiredService<BookingService>();
        var from = app.Clock.GetUtcNow();

        var oneDay = await SqlCommandCounter.CountAsync(() => booking.SlotsAsync(therapist.Id, from, from.AddDays(1), CancellationToken.None));
        var fourWeeks = await SqlCommandCounter.CountAsync(() => booking.SlotsAsync(therapist.Id, from, from.AddDays(28), CancellationToken.None));

        Assert.InRange(fourWeeks, 1, 5);
        Assert.Equal(oneDay, fourWeeks);
    }
}

public sealed class DoubleBookingTestsOnSqlite(SqliteApp app) : DoubleBookingTests(app);

public sealed class DoubleBookingTestsOnPostgres(PostgresApp app) : DoubleBookingTests(app);
