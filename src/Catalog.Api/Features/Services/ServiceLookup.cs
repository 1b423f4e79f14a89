using AutoMapper;
using AutoMapper.QueryableExtensions;
using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.Infrastructure.Problems;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Features.Services;

internal static class ServiceLookup
{
    /// <summary>
    /// The service entity, untracked, or null: compiled once, so a request pays neither the query cache's key nor
    /// the evaluation of its parameter (a write names its service on every request).
    /// </summary>
    public static readonly Func<CatalogDbContext, Guid, CancellationToken, Task<Domain.Services.Service?>> FindAsync =
        EF.CompileAsyncQuery((CatalogDbContext db, Guid id, CancellationToken _) => db.Services.AsNoTracking().SingleOrDefault(s => s.Id == id));

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
