using AutoMapper;
using AutoMapper.QueryableExtensions;
using Catalog.Api.Domain.Delivery;
using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Http;
using Catalog.Api.Infrastructure.Persistence;
using MediatR;

namespace Catalog.Api.Features.Outages;

public static class ListOutages
{
    /// <summary>
    /// Outages in the order they were recorded, filtered: of one service, overlapping [from, to), of one kind,
    /// or only those still ongoing.
    /// </summary>
    public sealed record Query(PageRequest Page, Guid? ServiceId, DateTime? From, DateTime? To, OutageKind? Kind, bool? Ongoing) : IRequest<Page<OutageResponse>>;

    internal sealed class Handler(CatalogDbContext db, IMapper mapper, Actor actor) : IRequestHandler<Query, Page<OutageResponse>>
    {
        public async Task<Page<OutageResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            var outages = OutageLookup.Visible(db, actor);
            if (query.ServiceId is { } serviceId)
            {
                outages = outages.Where(o => o.ServiceId == serviceId);
            }

            if (query.From is { } from)
            {
                var fromUtc = from.ToUniversalTime();
                outages = outages.Where(o => o.RestoredAt == null || o.RestoredAt > fromUtc);
            }

            if (query.To is { } to)
            {
                var toUtc = to.ToUniversalTime();
                outages = outages.Where(o => o.StartedAt < toUtc);
            }

            if (query.Kind is { } kind)
            {
                outages = outages.Where(o => o.Kind == kind);
            }

            if (query.Ongoing is { } ongoing)
            {
                outages = outages.Where(o => (o.RestoredAt == null) == ongoing);
            }

            if (query.Page.AfterId() is { } after)
            {
                outages = outages.Where(o => o.Id.CompareTo(after) > 0);
            }

            return await outages.OrderBy(o => o.Id)
                .ProjectTo<OutageResponse>(mapper.ConfigurationProvider)
                .ToPageAsync(query.Page.Limit, o => o.Id.ToString(), cancellationToken);
        }
    }
}
