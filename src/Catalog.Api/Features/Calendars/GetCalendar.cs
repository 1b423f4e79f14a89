using AutoMapper;
using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.Infrastructure.Problems;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Features.Calendars;

public static class GetCalendar
{
    public sealed record Query(string Key) : IRequest<CalendarResponse>;

    internal sealed class Handler(CatalogDbContext db, IMapper mapper) : IRequestHandler<Query, CalendarResponse>
    {
        public async Task<CalendarResponse> Handle(Query query, CancellationToken cancellationToken) =>
            mapper.Map<CalendarResponse>(await db.Calendars.AsNoTracking().SingleOrDefaultAsync(c => c.Key == query.Key, cancellationToken)
                ?? throw new NotFoundException("calendar", query.Key));
    }
}
