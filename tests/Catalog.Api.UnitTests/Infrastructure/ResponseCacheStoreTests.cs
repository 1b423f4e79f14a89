using Catalog.Api.Infrastructure.Caching;
using Catalog.Api.Infrastructure.ChangeFeed;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;

namespace Catalog.Api.UnitTests.Infrastructure;

public sealed class ResponseCacheStoreTests
{
    private static readonly Guid ServiceId = Guid.CreateVersion7();

    private readonly RecordingStore _inner = new();
    private readonly HttpContextAccessor _accessor = new() { HttpContext = new DefaultHttpContext() };
    private readonly ResponseCacheStore _store;

    public ResponseCacheStoreTests() => _store = new ResponseCacheStore(_inner, _accessor);

    private static string[] Tags => [ResponseCacheStore.AllTag, ResponseCacheStore.ResourceTag("service", ServiceId)];

    [Fact]
    public async Task Set_NoEvictionSinceTheRequestBegan_Stores()
    {
        _store.MarkRequestStart(_accessor.HttpContext!);

        await _store.SetAsync("k", [1], Tags, TimeSpan.FromMinutes(1), default);

        Assert.True(await _store.GetAsync("k", default) is [1]);
    }

    [Fact]
    public async Task Set_AChangeWasEvictedWhileTheRequestRan_DoesNotStoreWhatItRead()
    {
        _store.MarkRequestStart(_accessor.HttpContext!);
        await _store.EvictAsync([new ChangedSubject(1, "customer", Guid.CreateVersion7())], default);

        await _store.SetAsync("k", [1], Tags, TimeSpan.FromMinutes(1), default);

        Assert.Null(await _store.GetAsync("k", default));
    }

    [Fact]
    public async Task Set_AnEvictionRunsWhileItStores_EvictsItsOwnEntryAgain()
    {
        _store.MarkRequestStart(_accessor.HttpContext!);

        // The change's eviction begins after the check before storing and finishes before the entry lands.
        _inner.DuringSet = () => _store.EvictAsync([new ChangedSubject(1, "service", ServiceId)], default).AsTask().GetAwaiter().GetResult();
        await _store.SetAsync("k", [1], Tags, TimeSpan.FromMinutes(1), default);

        Assert.Null(await _store.GetAsync("k", default));
    }

    [Fact]
    public async Task Set_AnEvictionRunsWhileItStores_LeavesOtherEntriesCached()
    {
        _store.MarkRequestStart(_accessor.HttpContext!);
        await _store.SetAsync("other", [2], [ResponseCacheStore.AllTag, ResponseCacheStore.ResourceTag("service", Guid.CreateVersion7())], TimeSpan.FromMinutes(1), default);

        _inner.DuringSet = () => _store.EvictAsync([new ChangedSubject(1, "service", ServiceId)], default).AsTask().GetAwaiter().GetResult();
        await _store.SetAsync("k", [1], Tags, TimeSpan.FromMinutes(1), default);

        Assert.Null(await _store.GetAsync("k", default));
        Assert.NotNull(await _store.GetAsync("other", default));
    }

    [Fact]
    public async Task Set_OutsideARequestTheCacheSawBegin_DoesNotStore()
    {
        await _store.SetAsync("k", [1], Tags, TimeSpan.FromMinutes(1), default);

        Assert.Null(await _store.GetAsync("k", default));
    }

    [Fact]
    public async Task Evict_AChange_RemovesTheResourceAndEveryListOfItsTypeOnly()
    {
        var other = Guid.CreateVersion7();
        _store.MarkRequestStart(_accessor.HttpContext!);
        await _store.SetAsync("one", [1], [ResponseCacheStore.ResourceTag("service", ServiceId)], TimeSpan.FromMinutes(1), default);
        await _store.SetAsync("other", [2], [ResponseCacheStore.ResourceTag("service", other)], TimeSpan.FromMinutes(1), default);
        await _store.SetAsync("list", [3], [ResponseCacheStore.ListTag("service")], TimeSpan.FromMinutes(1), default);
        await _store.SetAsync("customers", [4], [ResponseCacheStore.ListTag("customer")], TimeSpan.FromMinutes(1), default);

        await _store.EvictAsync([new ChangedSubject(1, "service", ServiceId)], default);

        Assert.Null(await _store.GetAsync("one", default));
        Assert.Null(await _store.GetAsync("list", default));
        Assert.NotNull(await _store.GetAsync("other", default));
        Assert.NotNull(await _store.GetAsync("customers", default));
    }

    [Fact]
    public async Task EvictFollowed_AChangeThisInstanceEvictedAtCommit_IsNotEvictedAgain()
    {
        var committedHere = new ChangedSubject(5, "service", ServiceId);
        _store.Committing([committedHere]);
        await _store.EvictAsync([committedHere], default);
        _store.MarkRequestStart(_accessor.HttpContext!);
        await _store.SetAsync("k", [1], Tags, TimeSpan.FromMinutes(1), default);

        await _store.EvictFollowedAsync([committedHere], default);

        Assert.NotNull(await _store.GetAsync("k", default));
    }

    [Fact]
    public async Task EvictFollowed_ANumberWhoseTransactionRolledBackHere_IsEvictedWhenAnotherChangeCommitsWithIt()
    {
        _store.Committing([new ChangedSubject(5, "service", Guid.CreateVersion7())]);
        _store.NotCommitted([new ChangedSubject(5, "service", Guid.CreateVersion7())]);
        _store.MarkRequestStart(_accessor.HttpContext!);
        await _store.SetAsync("k", [1], Tags, TimeSpan.FromMinutes(1), default);

        await _store.EvictFollowedAsync([new ChangedSubject(5, "service", ServiceId)], default);

        Assert.Null(await _store.GetAsync("k", default));
    }

    /// <summary>An in-memory store that keeps each entry's tags, with a hook inside <see cref="SetAsync"/>.</summary>
    private sealed class RecordingStore : IOutputCacheStore
    {
        private readonly Dictionary<string, (byte[] Value, string[] Tags)> _entries = [];

        public Action? DuringSet { get; set; }

        public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
        {
            foreach (var key in _entries.Where(e => e.Value.Tags.Contains(tag)).Select(e => e.Key).ToList())
            {
                _entries.Remove(key);
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) =>
            ValueTask.FromResult(_entries.TryGetValue(key, out var entry) ? entry.Value : null);

        public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
        {
            DuringSet?.Invoke();
            _entries[key] = (value, tags ?? []);
            return ValueTask.CompletedTask;
        }
    }
}
