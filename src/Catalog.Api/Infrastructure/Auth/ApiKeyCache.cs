using System.Diagnostics.CodeAnalysis;
using Catalog.Api.Domain.ApiKeys;
using Microsoft.Extensions.Caching.Memory;

namespace Catalog.Api.Infrastructure.Auth;

/// <summary>What authentication needs to know of a key.</summary>
internal sealed record AuthenticatedKey(Guid Id, string Name, ApiRole Role, Guid? CustomerId);

/// <summary>
/// Keys that authenticated recently, by hash, for <c>Auth:KeyCacheTtl</c> (default 5 s; <c>00:00:00</c> turns
/// it off): a client's requests in a burst cost one key lookup, not one each. A revocation removes the key
/// here at once, so the instance that revokes refuses it on the next request; other instances refuse it
/// within the TTL. Unknown keys are never remembered, so a key issued on another instance works at once.
/// </summary>
internal sealed class ApiKeyCache(IMemoryCache cache, IConfiguration configuration)
{
    private readonly TimeSpan _ttl = configuration.GetValue("Auth:KeyCacheTtl", TimeSpan.FromSeconds(5));

    public bool TryGet(string hash, [NotNullWhen(true)] out AuthenticatedKey? key) => cache.TryGetValue(CacheKey(hash), out key);

    public void Remember(string hash, AuthenticatedKey key)
    {
        if (_ttl > TimeSpan.Zero)
        {
            cache.Set(CacheKey(hash), key, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = _ttl });
        }
    }

    public void Forget(string hash) => cache.Remove(CacheKey(hash));

    private static string CacheKey(string hash) => "api-key:" + hash;
}
