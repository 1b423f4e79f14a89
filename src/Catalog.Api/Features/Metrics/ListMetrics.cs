using AutoMapper;
using AutoMapper.QueryableExtensions;
using Catalog.Api.Infrastructure.Http;
using Catalog.Api.Infrastructure.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Features.Metrics;

public static class ListMetrics
{
    /// <summary>The target vocabulary in key order, built-in and custom.</summary>
    public sealed record Query(PageRequest Page) : IRequest<Page<MetricResponse>>;

    internal sealed class Handler(CatalogDbContext db, IMapper mapper) : IRequestHandler<Query, Page<MetricResponse>>
    {
        public Task<Page<MetricResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            var metrics = db.Metrics.AsNoTracking();
            if (query.Page.After is { } after)
            {
                metrics = metrics.Where(m => string.Compare(m.Key, after) > 0);
            }

            return metrics.OrderBy(m => m.Key)
                .ProjectTo<MetricResponse>(mapper.ConfigurationProvider)
                .ToPageAsync(query.Page.Limit, m => m.Key, cancellationToken);
        }
    }
}
