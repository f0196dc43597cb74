using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Notifications;

namespace Rapport.IntegrationTests.Features.Notifications;

/// <summary>Scheduled mail (reminders) survives restarts as rows and is sent once, however many dispatchers run.</summary>
public abstract class OutboxTests(RapportApp app)
{
    [Fact]
    public async Task ADueReminderIsSentOnceEvenWhenSeveralDispatchersRace()
    {
        var to = $"race-{Guid.NewGuid():N}@example.com";
        await app.QueryAsync(async db =>
        {
            db.OutboxMessages.Add(OutboxMessage.Create(to, "Race", "Reminder: your appointment", "body", app.Clock.GetUtcNow(),
                correlationKey: $"reminder:{Guid.NewGuid():N}:60m:v0"));
            return await db.SaveChangesAsync();
        });
        // Three more dispatchers, as on three more app instances (or a restarted one), beside the app's own.
        var dispatchers = Enumerable.Range(0, 3).Select(_ => ActivatorUtilities.CreateInstance<OutboxDispatcher>(app.Services)).ToArray();

        await Task.WhenAll(dispatchers.Select(d => d.DispatchDueAsync(CancellationToken.None)));
        await app.Mail.WaitForAsync(to);
        await Task.Delay(1500); // give any duplicate time to arrive

        Assert.Single(app.Mail.To(to));
        Assert.NotNull(await app.QueryAsync(db => db.OutboxMessages.Where(m => m.ToAddress == to).Select(m => m.SentAt).SingleAsync()));
    }

    [Fact]
    public async Task TheSameReminderCannotBeQueuedTwice()
    {
        var key = $"reminder:{Guid.NewGuid():N}:1440m:v0";

        var error = await Record.ExceptionAsync(() => app.QueryAsync(async db =>
        {
            db.OutboxMessages.Add(OutboxMessage.Create("a@example.com", "A", "Reminder", "body", app.Clock.GetUtcNow().AddDays(1), correlationKey: key));
            db.OutboxMessages.Add(OutboxMessage.Create("a@example.com", "A", "Reminder", "body", app.Clock.GetUtcNow().AddDays(1), correlationKey: key));
            return await db.SaveChangesAsync();
        }));

        Assert.IsType<DbUpdateException>(error);
        Assert.False(await app.QueryAsync(db => db.OutboxMessages.AnyAsync(m => m.CorrelationKey == key)));
    }

    [Fact]
    public async Task AReminderScheduledForLaterWaitsInTheDatabaseUntilItsMoment()
    {
        var to = $"later-{Guid.NewGuid():N}@example.com";
        await app.QueryAsync(async db =>
        {
            db.OutboxMessages.Add(OutboxMessage.Create(to, "Later", "Reminder: your appointment", "body", app.Clock.GetUtcNow(),
                sendAt: app.Clock.GetUtcNow().AddHours(23), correlationKey: $"reminder:{Guid.NewGuid():N}:1440m:v0"));
            return await db.SaveChangesAsync();
        });
        var dispatcher = ActivatorUtilities.CreateInstance<OutboxDispatcher>(app.Services);

        await dispatcher.DispatchDueAsync(CancellationToken.None);

        Assert.Empty(app.Mail.To(to));
        Assert.Null(await app.QueryAsync(db => db.OutboxMessages.Where(m => m.ToAddress == to).Select(m => m.SentAt).SingleAsync()));
    }
}

public sealed class OutboxTestsOnSqlite(SqliteApp app) : OutboxTests(app);

public sealed class OutboxTestsOnPostgres(PostgresApp app) : OutboxTests(app);
