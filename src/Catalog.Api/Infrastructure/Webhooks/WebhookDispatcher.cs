using System.Globalization;
using System.Text.Json;
using Catalog.Api.Infrastructure.ChangeFeed;
using Catalog.Api.Infrastructure.Hosting;
using Catalog.Api.Infrastructure.Http;
using Catalog.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Catalog.Api.Infrastructure.Webhooks;

/// <summary>
/// Sends queued deliveries. Per subscription, only the head (the pending, scheduled delivery with the lowest
/// sequence) is sent, and the next only once it succeeded or was given up: feed order per subscription.
/// Different subscriptions are sent to in parallel, so a slow receiver only ever holds up itself.
/// </summary>
/// <remarks>
/// Work is claimed with a conditional update of <see cref="WebhookDelivery.LeasedUntil"/>: of several instances
/// on one database exactly one wins an attempt. A lease that outlives its instance (a crash) expires and the
/// attempt is made again, which is what "at least once" allows. On a graceful stop, attempts in flight are
/// finished and recorded before the host stops, so a restart repeats nothing that was already answered.
/// </remarks>
internal sealed class WebhookDispatcher(
    IServiceScopeFactory scopes,
    WebhookSender sender,
    WebhookSignal signal,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookDispatcher> logger)
    : PollingService
{
    private readonly Guid _instance = Guid.NewGuid();
    private readonly WebhookOptions _options = options.Value;
    private readonly IReadOnlyList<TimeSpan> _retryDelays = options.Value.RetryDelays();
    private readonly Dictionary<Guid, Task> _inFlight = [];
    private readonly Lock _inFlightLock = new();
    private readonly CancellationTokenSource _abort = new();

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // The host's shutdown timeout: past it, attempts still in flight are cut off (their leases then expire).
        await using var registration = cancellationToken.Register(_abort.Cancel);
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _abort.Dispose();
        base.Dispose();
    }

    /// <summary>Polls until the host stops, then waits for the attempts in flight to be recorded.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await base.ExecuteAsync(stoppingToken);

        Task[] inFlight;
        lock (_inFlightLock)
        {
            inFlight = [.. _inFlight.Values];
        }

        await Task.WhenAll(inFlight);
    }

    protected override async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        await StartDueAttemptsAsync(cancellationToken);
        return false;
    }

    protected override Task WaitAsync(CancellationToken cancellationToken) => signal.WaitAsync(_options.PollInterval, cancellationToken);

    protected override void LogFailure(Exception exception) => logger.LogError(exception, "Looking for due webhook deliveries failed; trying again shortly.");

    private async Task StartDueAttemptsAsync(CancellationToken cancellationToken)
    {
        HashSet<Guid> busy;
        lock (_inFlightLock)
        {
            busy = [.. _inFlight.Keys];
        }

        var capacity = _options.MaxConcurrentDeliveries - busy.Count;
        if (capacity <= 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var heads = await DueHeads(db, now)
            .OrderBy(d => d.NextAttemptAt)
            .Select(d => new { d.Id, d.SubscriptionId })
            .Take(capacity + busy.Count)
            .ToListAsync(cancellationToken);

        foreach (var head in heads.Where(h => !busy.Contains(h.SubscriptionId)).Take(capacity))
        {
            var leasedUntil = now + _options.LeaseDuration;
            var claimed = await DueHeads(db, now)
                .Where(d => d.Id == head.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeasedUntil, leasedUntil).SetProperty(d => d.LeaseOwner, _instance), cancellationToken);
            if (claimed == 1)
            {
                lock (_inFlightLock)
                {
                    _inFlight[head.SubscriptionId] = Task.Run(() => AttemptAsync(head.Id, head.SubscriptionId), CancellationToken.None);
                }
            }
        }
    }

    /// <summary>Deliveries that may be sent now: due, unclaimed, and first in their subscription's queue.</summary>
    private static IQueryable<WebhookDelivery> DueHeads(CatalogDbContext db, DateTime now) =>
        db.Set<WebhookDelivery>()
            .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt != null && d.NextAttemptAt <= now)
            .Where(d => d.LeasedUntil == null || d.LeasedUntil < now)
            .Where(d => !db.Set<WebhookDelivery>().Any(earlier =>
                earlier.SubscriptionId == d.SubscriptionId
                && earlier.Status == WebhookDeliveryStatus.Pending
                && earlier.NextAttemptAt != null
                && earlier.Sequence < d.Sequence));

    private async Task AttemptAsync(Guid deliveryId, Guid subscriptionId)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
            try
            {
                await SendAndRecordAsync(db, deliveryId);
            }
            catch (Exception e)
            {
                if (!_abort.IsCancellationRequested)
                {
                    logger.LogError(e, "Webhook delivery {DeliveryId} could not be attempted; it will be tried again.", deliveryId);
                }

                await ReleaseAsync(db, deliveryId);
            }
        }
        catch (Exception e)
        {
            logger.LogError(e, "Releasing webhook delivery {DeliveryId} failed; its lease will expire.", deliveryId);
        }
        finally
        {
            lock (_inFlightLock)
            {
                _inFlight.Remove(subscriptionId);
            }

            signal.Notify();
        }
    }

    private async Task SendAndRecordAsync(CatalogDbContext db, Guid deliveryId)
    {
        var delivery = await db.Set<WebhookDelivery>().AsNoTracking().SingleAsync(d => d.Id == deliveryId);
        if (delivery.LeaseOwner != _instance || delivery.Status != WebhookDeliveryStatus.Pending || delivery.NextAttemptAt is null)
        {
            // Unscheduled (its subscription was deleted) between the claim and now.
            await ReleaseAsync(db, deliveryId);
            return;
        }

        var subscription = await db.Set<WebhookSubscription>().AsNoTracking().SingleAsync(s => s.Id == delivery.SubscriptionId);
        var change = await db.ChangeEvents.AsNoTracking().SingleAsync(e => e.Sequence == delivery.Sequence);
        var body = JsonSerializer.Serialize(ChangeResponse.From(change), CatalogJson.Options);

        var startedAt = clock.GetUtcNow();
        var outcome = await sender.SendAsync(new Uri(subscription.Url), delivery.Id.ToString(), startedAt, subscription.Secret, body, _abort.Token);
        await RecordAsync(db, delivery, startedAt.UtcDateTime, outcome);
    }

    private async Task RecordAsync(CatalogDbContext db, WebhookDelivery delivery, DateTime startedAt, WebhookSendOutcome outcome)
    {
        // Recorded even while the host stops: the receiver has answered, and a restart must not ask it again.
        var cancellationToken = CancellationToken.None;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        db.Set<WebhookAttempt>().Add(WebhookAttempt.Record(delivery.Id, startedAt, outcome.StatusCode, outcome.Error, outcome.LatencyMs));
        await db.SaveChangesAsync(cancellationToken);

        var mine = db.Set<WebhookDelivery>().Where(d => d.Id == delivery.Id && d.LeaseOwner == _instance);
        var failures = delivery.Failures + 1;
        if (outcome.Succeeded)
        {
            await mine.ExecuteUpdateAsync(
                s => s.SetProperty(d => d.Status, WebhookDeliveryStatus.Succeeded)
                    .SetProperty(d => d.NextAttemptAt, (DateTime?)null)
                    .SetProperty(d => d.CompletedAt, now)
                    .SetProperty(d => d.LeasedUntil, (DateTime?)null)
                    .SetProperty(d => d.LeaseOwner, (Guid?)null),
                cancellationToken);
        }
        else if (failures <= _retryDelays.Count)
        {
            var next = now + Jittered(_retryDelays[failures - 1]);
            await mine.ExecuteUpdateAsync(
                s => s.SetProperty(d => d.Failures, d => d.Failures + 1)

                    // Stays unscheduled if its subscription was deleted during the attempt.
                    .SetProperty(d => d.NextAttemptAt, d => d.NextAttemptAt == null ? null : next)
                    .SetProperty(d => d.LeasedUntil, (DateTime?)null)
                    .SetProperty(d => d.LeaseOwner, (Guid?)null),
                cancellationToken);
        }
        else
        {
            var givenUp = await mine.ExecuteUpdateAsync(
                s => s.SetProperty(d => d.Status, WebhookDeliveryStatus.Failed)
                    .SetProperty(d => d.Failures, d => d.Failures + 1)
                    .SetProperty(d => d.NextAttemptAt, (DateTime?)null)
                    .SetProperty(d => d.CompletedAt, now)
                    .SetProperty(d => d.LeasedUntil, (DateTime?)null)
                    .SetProperty(d => d.LeaseOwner, (Guid?)null),
                cancellationToken);
            if (givenUp == 1)
            {
                await DisableAsync(db, delivery, failures, now, outcome, cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task DisableAsync(CatalogDbContext db, WebhookDelivery delivery, int failures, DateTime now, WebhookSendOutcome last, CancellationToken cancellationToken)
    {
        var firstOfRun = await db.Set<WebhookAttempt>().Where(a => a.DeliveryId == delivery.Id)
            .OrderByDescending(a => a.At).Skip(failures - 1).Select(a => (DateTime?)a.At).FirstOrDefaultAsync(cancellationToken) ?? now;
        var lastFailure = last.StatusCode is { } status ? $"HTTP {status}" + (last.Error is null ? string.Empty : $" ({last.Error})") : last.Error;
        var reason = WebhookSubscription.Truncate(string.Create(
            CultureInfo.InvariantCulture,
            $"Disabled after delivery {delivery.Id} of event {delivery.Sequence} ({delivery.EventType}) failed {failures} attempts in a row "
            + $"between {firstOfRun:yyyy-MM-ddTHH:mm:ssZ} and {now:yyyy-MM-ddTHH:mm:ssZ}; the last one: {lastFailure}"));
        if (await WebhookQueue.DisableAsync(db, delivery.SubscriptionId, reason, now, cancellationToken))
        {
            logger.LogWarning("Webhook subscription {SubscriptionId} is disabled: {Reason}", delivery.SubscriptionId, reason);
        }
    }

    private async Task ReleaseAsync(CatalogDbContext db, Guid deliveryId) =>
        await db.Set<WebhookDelivery>()
            .Where(d => d.Id == deliveryId && d.LeaseOwner == _instance)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeasedUntil, (DateTime?)null).SetProperty(d => d.LeaseOwner, (Guid?)null), CancellationToken.None);

    private TimeSpan Jittered(TimeSpan delay) =>
        delay * (1 + (_options.Jitter * ((2 * Random.Shared.NextDouble()) - 1)));
}

/// <summary>Queue operations shared by the dispatcher and the API.</summary>
internal static class WebhookQueue
{
    /// <summary>Takes a disabled subscription's pending deliveries off the schedule; they stay in its log, and each can be redelivered.</summary>
    /// <summary>
    /// Disables an active subscription with a conditional update, not a tracked one (a deletion and the dispatcher
    /// may race to do it), and takes its pending deliveries off the schedule. False when it was no longer active.
    /// </summary>
    public static async Task<bool> DisableAsync(CatalogDbContext db, Guid subscriptionId, string reason, DateTime now, CancellationToken cancellationToken)
    {
        var disabled = await db.Set<WebhookSubscription>()
            .Where(s => s.Id == subscriptionId && s.Status == WebhookStatus.Active)
            .ExecuteUpdateAsync(
                s => s.SetProperty(x => x.Status, WebhookStatus.Disabled)
                    .SetProperty(x => x.DisabledReason, reason)
                    .SetProperty(x => x.DisabledAt, now)
                    .SetProperty(x => x.UpdatedAt, now)
                    .SetProperty(x => x.Version, x => x.Version + 1),
                cancellationToken);
        if (disabled == 1)
        {
            await UnscheduleAsync(db, subscriptionId, cancellationToken);
        }

        return disabled == 1;
    }

    public static Task<int> UnscheduleAsync(CatalogDbContext db, Guid subscriptionId, CancellationToken cancellationToken) =>
        db.Set<WebhookDelivery>()
            .Where(d => d.SubscriptionId == subscriptionId && d.Status == WebhookDeliveryStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, (DateTime?)null), cancellationToken);
}
