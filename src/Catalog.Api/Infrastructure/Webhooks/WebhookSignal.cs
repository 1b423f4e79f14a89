namespace Catalog.Api.Infrastructure.Webhooks;

/// <summary>
/// Wakes this instance's dispatcher early (new deliveries queued, an attempt finished, a redelivery asked for).
/// Other instances find the same work on their next poll; the signal only saves waiting for it.
/// </summary>
public sealed class WebhookSignal : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Notify()
    {
        try
        {
            _semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled; one wake-up covers every reason.
        }
        catch (ObjectDisposedException)
        {
            // The host has stopped; an attempt cut off at shutdown has nobody left to wake.
        }
    }

    /// <summary>Waits for a signal or the timeout, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _semaphore.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _semaphore.Dispose();
}
