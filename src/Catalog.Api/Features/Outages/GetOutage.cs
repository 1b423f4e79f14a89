using AutoMapper;
using AutoMapper.QueryableExtensions;
using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.Infrastructure.Problems;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Features.Outages;

public static class GetOutage
{
    public sealed record Query(Guid Id) : IRequest<OutageResponse>;

    internal sealed class Handler(CatalogDbContext db, IMapper mapper, Actor actor) : IRequestHandler<Query, OutageResponse>
    {
        public async Task<OutageResponse> Handle(Query query, CancellationToken cancellationToken) =>
            await OutageLookup.Visible(db, actor).AsNoTracking()
                .Where(o => o.Id == query.Id)
                .ProjectTo<OutageResponse>(mapper.ConfigurationProvider)
                .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("outage", query.Id);
    }
}
