using System.Diagnostics.CodeAnalysis;
using Catalog.Api.Domain.ApiKeys;
using Catalog.Api.Infrastructure.Caching;
using Catalog.Api.Infrastructure.ChangeFeed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;

namespace Catalog.Api.Infrastructure.Auth;

/// <summary>What authentication needs to know of a key.</summary>
internal sealed record AuthenticatedKey(Guid Id, string Name, ApiRole Role, Guid? CustomerId);

/// <summary>
/// Keys that authenticated recently, by hash (an API request) or by id (a portal session), for <c>Auth:KeyCacheTtl</c> (default 5 s; <c>00:00:00</c> turns
/// it off): a client's requests in a burst cost one key lookup, not one each. Any change to a key (a revocation)
/// evicts them (<see cref="ChangeEviction"/>): at once on the instance that saved it, and on the others when they
/// follow the feed to it. Unknown keys are never remembered, so a key issued on another instance works at once.
/// </summary>
internal sealed class ApiKeyCache(IMemoryCache cache, ChangeEviction eviction, IConfiguration configuration)
{
    private readonly TimeSpan _ttl = configuration.GetValue("Auth:KeyCacheTtl", TimeSpan.FromSeconds(5));

    public bool TryGet(string lookup, [NotNullWhen(true)] out AuthenticatedKey? key) => cache.TryGetValue(CacheKey(lookup), out key);

    /// <summary>The token to remember a key with, taken before it is looked up: a change saved meanwhile expires what was read.</summary>
    public IChangeToken ExpiresOnChange() => eviction.ExpiresOnChangeTo(SubjectTypes.ApiKey);

    public void Remember(string lookup, AuthenticatedKey key, IChangeToken expires)
    {
        if (_ttl > TimeSpan.Zero)
        {
            cache.Set(CacheKey(lookup), key, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = _ttl }.AddExpirationToken(expires));
        }
    }

    private static string CacheKey(string lookup) => "api-key:" + lookup;
}
