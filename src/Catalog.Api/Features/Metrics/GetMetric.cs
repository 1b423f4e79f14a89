using AutoMapper;
using AutoMapper.QueryableExtensions;
using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.Infrastructure.Problems;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Features.Metrics;

public static class GetMetric
{
    public sealed record Query(Guid Id) : IRequest<MetricResponse>;

    internal sealed class Handler(CatalogDbContext db, IMapper mapper) : IRequestHandler<Query, MetricResponse>
    {
        public Task<MetricResponse> Handle(Query query, CancellationToken cancellationToken) => ReadAsync(db, mapper, query.Id, cancellationToken);
    }

    internal static async Task<MetricResponse> ReadAsync(CatalogDbContext db, IMapper mapper, Guid id, CancellationToken cancellationToken) =>
        await db.Metrics.AsNoTracking()
            .Where(m => m.Id == id)
            .ProjectTo<MetricResponse>(mapper.ConfigurationProvider)
            .SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("metric", id);
}
