namespace Catalog.Api.Infrastructure.Hosting;

/// <summary>
/// Wakes a <see cref="PollingService"/> of this instance before its wait is over, because something it looks for
/// has just happened here. Other instances find the same work on their next round; the signal only saves waiting.
/// </summary>
public abstract class WakeSignal : IDisposable
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
            // The host has stopped; work cut off at shutdown has nobody left to wake.
        }
    }

    /// <summary>Waits for a signal or the timeout, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _semaphore.WaitAsync(timeout, cancellationToken);

    /// <summary>Waits for a signal or until <paramref name="clock"/> has moved on by <paramref name="timeout"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var elapsed = new CancellationTokenSource(timeout, clock);
        await WaitAsync(elapsed.Token, cancellationToken);
    }

    /// <summary>Waits for a signal or until <paramref name="due"/> is cancelled (a deadline that runs out), whichever comes first.</summary>
    public async Task WaitAsync(CancellationToken due, CancellationToken cancellationToken)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(due, cancellationToken);
        try
        {
            await _semaphore.WaitAsync(either.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The time is up without a signal.
        }
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _semaphore.Dispose();
        }
    }
}
