using AutoMapper;
using AutoMapper.QueryableExtensions;
using Catalog.Api.Infrastructure.Http;
using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.Infrastructure.Problems;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Features.Measurements;

public static class ListMeasurements
{
    /// <summary>A service's measurements in the order they were first recorded, optionally of one metric or month.</summary>
    public sealed record Query(Guid ServiceId, PageRequest Page, string? Metric, string? Period) : IRequest<Page<MeasurementResponse>>;

    internal sealed class Handler(CatalogDbContext db, IMapper mapper) : IRequestHandler<Query, Page<MeasurementResponse>>
    {
        public async Task<Page<MeasurementResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!await db.Services.AnyAsync(s => s.Id == query.ServiceId, cancellationToken))
            {
                throw new NotFoundException("service", query.ServiceId);
            }

            var measurements = db.Measurements.AsNoTracking().Where(m => m.ServiceId == query.ServiceId);
            if (query.Metric is { } metric)
            {
                measurements = measurements.Where(m => m.Metric == metric);
            }

            if (query.Period is { } period)
            {
                measurements = measurements.Where(m => m.Period == period);
            }

            if (query.Page.AfterId() is { } after)
            {
                measurements = measurements.Where(m => m.Id.CompareTo(after) > 0);
            }

            return await measurements.OrderBy(m => m.Id)
                .ProjectTo<MeasurementResponse>(mapper.ConfigurationProvider)
                .ToPageAsync(query.Page.Limit, m => m.Id.ToString(), cancellationToken);
        }
    }
}
