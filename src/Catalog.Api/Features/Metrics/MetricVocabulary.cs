using System.Collections.Frozen;
using Catalog.Api.Domain.Metrics;
using Catalog.Api.Infrastructure.Caching;
using Catalog.Api.Infrastructure.ChangeFeed;
using Catalog.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Catalog.Api.Features.Metrics;

/// <summary>
/// The metric vocabulary, read from the database and kept in the memory cache until a metric changes
/// (<see cref="ChangeEviction"/>). Metrics are only ever added, so the copy can only lack those defined since it was
/// read: a read that names a key the copy does not know reads the vocabulary again before anything calls it
/// unknown, so a metric defined through another instance is known before this one follows the feed to it.
/// Checking a proposal's targets, rendering an agreement and diffing its versions then cost no query.
/// </summary>
public sealed class MetricVocabulary(IMemoryCache cache, ChangeEviction eviction)
{
    private static readonly object CacheKey = new();

    /// <summary>The vocabulary, read again if it lacks any of <paramref name="keys"/>; keys the database does not define either stay absent.</summary>
    public async Task<IReadOnlyDictionary<string, Metric>> ReadAsync(CatalogDbContext db, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(CacheKey, out FrozenDictionary<string, Metric>? known) && keys.All(known!.ContainsKey))
        {
            return known;
        }

        // The token is taken before the read: a metric added while it runs expires what it read.
        var expires = eviction.ExpiresOnChangeTo(SubjectTypes.Metric);
        var read = (await db.Metrics.AsNoTracking().ToListAsync(cancellationToken)).ToFrozenDictionary(m => m.Key, StringComparer.Ordinal);
        cache.Set(CacheKey, read, expires);
        return read;
    }
}

public static class MetricVocabularySetup
{
    public static IServiceCollection AddMetricVocabulary(this IServiceCollection services) =>
        services.AddMemoryCache().AddSingleton<MetricVocabulary>();
}
