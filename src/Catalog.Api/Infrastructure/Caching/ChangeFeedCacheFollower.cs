using Catalog.Api.Features.Metrics;
using Catalog.Api.Infrastructure.ChangeFeed;
using Catalog.Api.Infrastructure.Hosting;
using Catalog.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Catalog.Api.Infrastructure.Caching;

/// <summary>
/// Follows the change feed from where it stood when the instance started and evicts the cached responses of
/// every resource that changed, so that changes written through other instances reach this instance's cache
/// within <see cref="ResponseCacheOptions.FeedPollInterval"/>.
/// </summary>
internal sealed class ChangeFeedCacheFollower(
    IServiceScopeFactory scopes, ResponseCacheStore cache, MetricVocabulary vocabulary, IOptions<ResponseCacheOptions> options, TimeProvider clock, ILogger<ChangeFeedCacheFollower> logger)
    : PollingService
{
    private const int BatchSize = 1000;

    private long? _position;

    /// <summary>Takes the feed's head before the instance serves anything, so nothing cached can be older than it.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            _position = await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().ChangeFeedHeadAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not read the change feed's head at start; the response cache starts empty once it can.");
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        await CatchUpAsync(cancellationToken);
        return false;
    }

    protected override Task WaitAsync(CancellationToken cancellationToken) => Task.Delay(options.Value.FeedPollInterval, clock, cancellationToken);

    protected override void LogFailure(Exception exception) =>
        logger.LogWarning(exception, "Following the change feed for the response cache failed; trying again shortly.");

    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();

        var head = await db.ChangeFeedHeadAsync(cancellationToken);
        if (_position is not { } position || head < position)
        {
            // Responses cached while the feed's position was unknown (or before the database went back in time)
            // may show anything older: start from a clean cache at the head. A restored database may also lack
            // metrics defined since the backup, which the vocabulary would otherwise keep.
            vocabulary.Forget();
            await cache.EvictAllAsync(cancellationToken);
            _position = head;
            return;
        }

        while (position < head)
        {
            var changed = await db.ChangeEvents.AsNoTracking()
                .Where(e => e.Sequence > position && e.Sequence <= head)
                .OrderBy(e => e.Sequence)
                .Take(BatchSize)
                .Select(e => new ChangedSubject(e.Sequence, e.SubjectType, e.SubjectId))
                .ToListAsync(cancellationToken);
            if (changed.Count == 0)
            {
                break;
            }

            await cache.EvictFollowedAsync(changed, cancellationToken);
            position = changed[^1].Sequence;
            _position = position;
        }
    }
}
