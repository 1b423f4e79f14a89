using System.Linq.Expressions;
using System.Security.Claims;
using Catalog.Api.Domain.ApiKeys;
using Catalog.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Infrastructure.Auth;

/// <summary>
/// Finds the active (unrevoked) key a caller presents, through <see cref="ApiKeyCache"/>, and makes the principal
/// it authenticates as. An API request presents the key's secret, whose hash is looked up; a portal session holds
/// only the key's id, looked up on each request, so a revoked key ends its sessions as soon as it stops an API request.
/// </summary>
internal sealed class ActiveKeys(CatalogDbContext db, ApiKeyCache cache)
{
    public Task<AuthenticatedKey?> BySecretAsync(string secret, CancellationToken cancellationToken)
    {
        var hash = ApiKey.HashOf(secret);
        return FindAsync("hash:" + hash, k => k.Hash == hash, cancellationToken);
    }

    public Task<AuthenticatedKey?> ByIdAsync(Guid id, CancellationToken cancellationToken) =>
        FindAsync("id:" + id, k => k.Id == id, cancellationToken);

    /// <summary>The caller as the rest of the API reads it (<see cref="Actor"/>): the key's id, name, role and customer.</summary>
    public static ClaimsPrincipal Principal(AuthenticatedKey key, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, key.Id.ToString()),
            new(ClaimTypes.Name, key.Name),
            new(ClaimTypes.Role, Roles.Name(key.Role)),
        };
        if (key.CustomerId is { } customerId)
        {
            claims.Add(new Claim(Actor.CustomerClaim, customerId.ToString()));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    private async Task<AuthenticatedKey?> FindAsync(string lookup, Expression<Func<ApiKey, bool>> match, CancellationToken cancellationToken)
    {
        if (cache.TryGet(lookup, out var key))
        {
            return key;
        }

        var expires = cache.ExpiresOnChange();
        key = await db.ApiKeys.AsNoTracking()
            .Where(match)
            .Where(k => k.RevokedAt == null)
            .Select(k => new AuthenticatedKey(k.Id, k.Name, k.Role, k.CustomerId))
            .SingleOrDefaultAsync(cancellationToken);
        if (key is not null)
        {
            cache.Remember(lookup, key, expires);
        }

        return key;
    }
}
