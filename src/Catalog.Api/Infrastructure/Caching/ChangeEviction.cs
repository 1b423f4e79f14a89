using System.Collections.Concurrent;
using Catalog.Api.Infrastructure.ChangeFeed;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;

namespace Catalog.Api.Infrastructure.Caching;

/// <summary>
/// Where every cached copy of a resource is evicted when it changes: the responses in the output cache (by
/// <see cref="CacheTags"/>) and the entries of the memory cache made from resources of the changed type (the
/// API keys, the metric vocabulary). A save evicts the changes it numbered; <see cref="ChangeFeedCacheFollower"/>
/// evicts every committed change again as it reaches it in the feed, whichever instance wrote it.
/// </summary>
public sealed class ChangeEviction(IOutputCacheStore responses)
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _changesTo = new(StringComparer.Ordinal);

    /// <summary>An expiration token for a memory-cache entry made from resources of <paramref name="subjectType"/>: it fires at the next change to any of them.</summary>
    public IChangeToken ExpiresOnChangeTo(string subjectType) =>
        new CancellationChangeToken(_changesTo.GetOrAdd(subjectType, _ => new CancellationTokenSource()).Token);

    /// <summary>Evicts every cached copy of the changed resources, and every cached list of their types.</summary>
    public async ValueTask EvictAsync(IEnumerable<ChangedSubject> changes, CancellationToken cancellationToken)
    {
        var changed = changes.ToList();
        foreach (var subjectType in changed.Select(c => c.SubjectType).Distinct(StringComparer.Ordinal))
        {
            Expire(subjectType);
        }

        var tags = changed
            .SelectMany(c => new[] { CacheTags.List(c.SubjectType), CacheTags.Resource(c.SubjectType, c.SubjectId) })
            .Distinct(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            await responses.EvictByTagAsync(tag, cancellationToken);
        }
    }

    /// <summary>Evicts everything cached, for when the position in the feed is lost (or the database went back in time).</summary>
    public async ValueTask EvictAllAsync(CancellationToken cancellationToken)
    {
        foreach (var subjectType in _changesTo.Keys)
        {
            Expire(subjectType);
        }

        await responses.EvictByTagAsync(CacheTags.All, cancellationToken);
    }

    /// <summary>Fires the type's token; the next entry made gets a new one. (A source without timers needs no disposing.)</summary>
    private void Expire(string subjectType)
    {
        if (_changesTo.TryRemove(subjectType, out var source))
        {
            source.Cancel();
        }
    }
}
