using AutoMapper;
using AutoMapper.QueryableExtensions;
using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.Infrastructure.Problems;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Features.Services;

internal static class ServiceLookup
{
    /// <summary>The service as the API shows it; every use case that answers with a service reads it here.</summary>
    public static async Task<ServiceResponse> ReadAsync(CatalogDbContext db, IMapper mapper, Guid id, CancellationToken cancellationToken) =>
        await db.Services.AsNoTracking()
            .Where(s => s.Id == id)
            .ProjectTo<ServiceResponse>(mapper.ConfigurationProvider)
            .SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("service", id);

    /// <summary>Loads the services an input names as dependencies; an unknown id is a field error.</summary>
    public static async Task<List<Domain.Services.Service>> DependenciesAsync(CatalogDbContext db, IReadOnlyList<Guid>? ids, CancellationToken cancellationToken)
    {
        if (ids is null || ids.Count == 0)
        {
            return [];
        }

        var found = await db.Services.Where(s => ids.Contains(s.Id)).ToListAsync(cancellationToken);
        for (var i = 0; i < ids.Count; i++)
        {
            if (found.All(s => s.Id != ids[i]))
            {
                throw new InvalidInputException($"dependsOn[{i}]", $"No service with id '{ids[i]}' exists.");
            }
        }

        return found;
    }
}
