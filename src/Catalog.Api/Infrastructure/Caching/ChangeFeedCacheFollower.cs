using Catalog.Api.Infrastructure.ChangeFeed;
using Catalog.Api.Infrastructure.Hosting;
using Catalog.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Catalog.Api.Infrastructure.Caching;

/// <summary>
/// Follows the change feed from where it stood when the instance started and evicts the cached copies of every
/// resource that changed, so that changes written through other instances reach this instance's caches within
/// <see cref="ResponseCacheOptions.FeedPollInterval"/>. Changes this instance wrote were evicted when they were
/// saved and are evicted again here, after their commit: a read that raced the write cannot keep what it read.
/// </summary>
internal sealed class ChangeFeedCacheFollower(
    IServiceScopeFactory scopes, ChangeEviction eviction, IOptions<ResponseCacheOptions> options, TimeProvider clock, ILogger<ChangeFeedCacheFollower> logger)
    : PollingService
{
    private const int BatchSize = 1000;

    private long? _position;

    private long _caughtUpTo = -1;

    /// <summary>The last feed sequence whose changes this instance has evicted; -1 until the first round.</summary>
    internal long CaughtUpTo => Volatile.Read(ref _caughtUpTo);

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
            logger.LogWarning(e, "Could not read the change feed's head at start; the caches start empty once it can.");
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
        logger.LogWarning(exception, "Following the change feed to evict cached copies failed; trying again shortly.");

    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();

        var head = await db.ChangeFeedHeadAsync(cancellationToken);
        if (_position is not { } position || head < position)
        {
            // Responses cached while the feed's position was unknown (or before the database went back in time)
            // may show anything older: start from clean caches at the head.
            await eviction.EvictAllAsync(cancellationToken);
            _position = head;
            Volatile.Write(ref _caughtUpTo, head);
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

            await eviction.EvictAsync(changed, cancellationToken);
            position = changed[^1].Sequence;
            _position = position;
        }

        Volatile.Write(ref _caughtUpTo, head);
    }
}
