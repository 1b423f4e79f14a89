namespace Catalog.Api.Infrastructure.Hosting;

/// <summary>
/// A background service that does a round of work and waits before the next, until the host stops. A round
/// that fails is logged and tried again after the wait; one that leaves work behind goes again at once.
/// </summary>
internal abstract class PollingService : BackgroundService
{
    /// <summary>Does one round; true when there is more to do at once.</summary>
    protected abstract Task<bool> RunOnceAsync(CancellationToken cancellationToken);

    /// <summary>Waits before the next round.</summary>
    protected abstract Task WaitAsync(CancellationToken cancellationToken);

    /// <summary>Logs a round that failed; the next is tried after the wait.</summary>
    protected abstract void LogFailure(Exception exception);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RunOnceAsync(stoppingToken))
                {
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogFailure(e);
            }

            try
            {
                await WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
