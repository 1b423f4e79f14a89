using Catalog.Api.Infrastructure.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Features.Services;

/// <summary>A service's current version alone (null if there is none): enough to answer a conditional GET with 304.</summary>
public static class GetServiceVersion
{
    public sealed record Query(Guid Id) : IRequest<int?>;

    internal sealed class Handler(CatalogDbContext db) : IRequestHandler<Query, int?>
    {
        public Task<int?> Handle(Query query, CancellationToken cancellationToken) =>
            db.Services.AsNoTracking().Where(s => s.Id == query.Id).Select(s => (int?)s.Version).SingleOrDefaultAsync(cancellationToken);
    }
}
