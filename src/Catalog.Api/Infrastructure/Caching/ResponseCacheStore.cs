using System.Collections.Concurrent;
using Catalog.Api.Infrastructure.ChangeFeed;
using Microsoft.AspNetCore.OutputCaching;

namespace Catalog.Api.Infrastructure.Caching;

/// <summary>
/// The output cache's store, wrapped so that a change evicts every response that shows it, including one a
/// read was still making while the change committed. Each cached response carries the tags of the resources
/// it shows (<see cref="ResourceTag"/>, <see cref="ListTag"/>); a committed change evicts its subject's tags.
/// <para>
/// A read that began before a change committed may store what it read after the change's eviction. So every
/// eviction first advances a generation; a response is stored only if no eviction began since its request did
/// (<see cref="MarkRequestStart"/>), and a store that overlaps an eviction evicts its own tags again. Either
/// that check sees the newer generation, or the eviction runs after the store and removes it.
/// </para>
/// <para>
/// The instance that writes a change evicts it as it commits; when it later follows the feed to that change,
/// it skips it rather than evict the same responses twice.
/// </para>
/// </summary>
public sealed class ResponseCacheStore(IOutputCacheStore inner, IHttpContextAccessor accessor) : IOutputCacheStore
{
    private static readonly object StartKey = new();

    private long _generation;

    /// <summary>Changes this instance is committing or has committed and evicted, until the feed follower passes them.</summary>
    private readonly ConcurrentDictionary<long, byte> _evictedAtCommit = new();

    /// <summary>The tag every cached response carries.</summary>
    public const string AllTag = "all";

    /// <summary>The tag of every response that shows the resource.</summary>
    public static string ResourceTag(string subjectType, Guid subjectId) => $"{subjectType}:{subjectId:D}";

    /// <summary>The tag of every list of resources of a type.</summary>
    public static string ListTag(string subjectType) => subjectType + ":list";

    /// <summary>Notes the generation a request began in; only its responses may be stored.</summary>
    public void MarkRequestStart(HttpContext http) => http.Items[StartKey] = Interlocked.Read(ref _generation);

    /// <summary>Notes changes about to commit here; they are evicted here at commit, not when the feed reaches them.</summary>
    public void Committing(IEnumerable<ChangedSubject> changes)
    {
        foreach (var change in changes)
        {
            _evictedAtCommit[change.Sequence] = 0;
        }
    }

    /// <summary>Changes that did not commit after all: their numbers will be handed out again.</summary>
    public void NotCommitted(IEnumerable<ChangedSubject> changes)
    {
        foreach (var change in changes)
        {
            _evictedAtCommit.TryRemove(change.Sequence, out _);
        }
    }

    /// <summary>Evicts what changes read from the feed made stale, except those this instance evicted as it committed them.</summary>
    public ValueTask EvictFollowedAsync(IEnumerable<ChangedSubject> changes, CancellationToken cancellationToken) =>
        EvictAsync(changes.Where(c => !_evictedAtCommit.TryRemove(c.Sequence, out _)).ToList(), cancellationToken);

    /// <summary>Evicts every cached response that shows one of the changed resources.</summary>
    public async ValueTask EvictAsync(IEnumerable<ChangedSubject> changes, CancellationToken cancellationToken)
    {
        var tags = changes
            .SelectMany(c => new[] { ListTag(c.SubjectType), ResourceTag(c.SubjectType, c.SubjectId) })
            .Distinct(StringComparer.Ordinal)
            .ToList();
        foreach (var tag in tags)
        {
            await EvictByTagAsync(tag, cancellationToken);
        }
    }

    /// <summary>Evicts every cached response.</summary>
    public ValueTask EvictAllAsync(CancellationToken cancellationToken) => EvictByTagAsync(AllTag, cancellationToken);

    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _generation);
        await inner.EvictByTagAsync(tag, cancellationToken);
    }

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        if (accessor.HttpContext?.Items[StartKey] is not long start || Interlocked.Read(ref _generation) != start)
        {
            return;
        }

        await inner.SetAsync(key, value, tags, validFor, cancellationToken);
        if (Interlocked.Read(ref _generation) != start)
        {
            // Its own tags, not the one every entry carries, unless that is all it has.
            var own = (tags ?? []).Where(t => t != AllTag).DefaultIfEmpty(AllTag);
            foreach (var tag in own)
            {
                await inner.EvictByTagAsync(tag, cancellationToken);
            }
        }
    }
}
