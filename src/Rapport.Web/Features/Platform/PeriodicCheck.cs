namespace Rapport.Web.Features.Platform;

/// <summary>
/// A check that runs at start and then every <see cref="Every"/> on every instance, each time in its own scope; the
/// database decides which instance's changes stand, so running it everywhere is safe. A failed run is logged and the
/// next tick tries again. The timer follows the app's <see cref="TimeProvider"/>.
/// </summary>
public abstract class PeriodicCheck(IServiceScopeFactory scopes, TimeProvider clock, ILogger log) : BackgroundService
{
    protected abstract TimeSpan Every { get; }

    /// <summary>"The safety alert escalation check": named in the log line of a failed run.</summary>
    protected abstract string What { get; }

    protected abstract Task RunAsync(IServiceProvider services, CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await RunAsync(scope.ServiceProvider, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "{Check} failed; it runs again at the next tick.", What);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
