using AutoMapper;
using AutoMapper.QueryableExtensions;
using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.Infrastructure.Problems;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Features.ApiKeys;

internal static class ApiKeyLookup
{
    public static async Task<ApiKeyResponse> ReadAsync(CatalogDbContext db, IMapper mapper, Guid id, CancellationToken cancellationToken) =>
        await db.ApiKeys.AsNoTracking()
            .Where(k => k.Id == id)
            .ProjectTo<ApiKeyResponse>(mapper.ConfigurationProvider)
            .SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("API key", id);
}
