using System.Collections.Frozen;
using Catalog.Api.Domain.Metrics;
using Catalog.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Features.Metrics;

/// <summary>
/// The metric vocabulary, read from the database once and kept. Metrics are only ever added (no endpoint changes
/// or removes one), so the copy can only lack the metrics defined since it was read, on this instance or another:
/// a read that names a key the copy does not know reads the vocabulary again before anything calls it unknown.
/// Checking a proposal's targets, rendering an agreement and diffing its versions then cost no query.
/// </summary>
public sealed class MetricVocabulary
{
    private volatile FrozenDictionary<string, Metric>? _metrics;

    /// <summary>The vocabulary, read again if it lacks any of <paramref name="keys"/>; keys the database does not define either stay absent.</summary>
    public async Task<IReadOnlyDictionary<string, Metric>> ReadAsync(CatalogDbContext db, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        if (_metrics is { } known && keys.All(known.ContainsKey))
        {
            return known;
        }

        var read = (await db.Metrics.AsNoTracking().ToListAsync(cancellationToken)).ToFrozenDictionary(m => m.Key, StringComparer.Ordinal);
        _metrics = read;
        return read;
    }

    /// <summary>Drops the copy: the database went back to an earlier state (a restore), which may lack metrics the copy has.</summary>
    public void Forget() => _metrics = null;
}
