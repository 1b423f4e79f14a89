using Catalog.Api.Infrastructure.Hosting;
using Catalog.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Catalog.Api.Infrastructure.Webhooks;

/// <summary>
/// Turns change events into deliveries: for each active subscription, the events after its cursor
/// (<see cref="WebhookSubscription.QueuedThrough"/>) that it subscribes to become <see cref="WebhookDelivery"/> rows,
/// and the cursor moves past them in the same transaction. The cursor only moves if it still is where this
/// instance read it, so two instances never queue the same event twice (the unique index on subscription and
/// sequence backs that up), and after a restart queuing resumes exactly where it stopped.
/// </summary>
internal sealed class WebhookFanOut(
    IServiceScopeFactory scopes, WebhookSignal dispatcherSignal, IOptions<WebhookOptions> options, TimeProvider clock, ILogger<WebhookFanOut> logger)
    : PollingService
{
    private readonly WebhookOptions _options = options.Value;

    protected override async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (await QueueNewEventsAsync(cancellationToken) == 0)
        {
            return false;
        }

        dispatcherSignal.Notify();
        return true;
    }

    protected override Task WaitAsync(CancellationToken cancellationToken) => Task.Delay(_options.PollInterval, clock, cancellationToken);

    protected override void LogFailure(Exception exception) => logger.LogError(exception, "Queuing webhook deliveries failed; trying again shortly.");

    /// <summary>Queues one batch per subscription that is behind the feed; returns how many deliveries it queued.</summary>
    private async Task<int> QueueNewEventsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();

        // Every sequence up to the head is committed, so a cursor may move up to it even past events that did not match.
        var head = await db.ChangeFeedHeadAsync(cancellationToken);
        var behind = await db.Set<WebhookSubscription>().AsNoTracking()
            .Where(s => s.Status == WebhookStatus.Active && s.QueuedThrough < head)
            .Select(s => new { s.Id, s.QueuedThrough, s.EventTypes })
            .ToListAsync(cancellationToken);

        var queued = 0;
        foreach (var subscription in behind)
        {
            queued += await QueueBatchAsync(db, subscription.Id, subscription.QueuedThrough, subscription.EventTypes, head, cancellationToken);
        }

        return queued;
    }

    private async Task<int> QueueBatchAsync(CatalogDbContext db, Guid subscriptionId, long from, List<string> types, long head, CancellationToken cancellationToken)
    {
        var events = await db.ChangeEvents.AsNoTracking()
            .Where(e => e.Sequence > from && e.Sequence <= head && types.Contains(e.Type))
            .OrderBy(e => e.Sequence)
            .Take(_options.FanOutBatchSize)
            .Select(e => new { e.Sequence, e.Type })
            .ToListAsync(cancellationToken);
        var through = events.Count == _options.FanOutBatchSize ? events[^1].Sequence : head;

        db.ChangeTracker.Clear();
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var moved = await db.Set<WebhookSubscription>()
            .Where(s => s.Id == subscriptionId && s.QueuedThrough == from && s.Status == WebhookStatus.Active)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.QueuedThrough, through), cancellationToken);
        if (moved == 0)
        {
            // Another instance queued this stretch first, or the subscription was disabled meanwhile.
            return 0;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        db.Set<WebhookDelivery>().AddRange(events.Select(e => WebhookDelivery.Queue(subscriptionId, e.Sequence, e.Type, now)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return events.Count;
    }
}
