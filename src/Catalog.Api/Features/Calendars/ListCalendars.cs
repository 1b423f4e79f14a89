using AutoMapper;
using Catalog.Api.Infrastructure.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Features.Calendars;

public static class ListCalendars
{
    /// <summary>Every service-hours calendar; there is one per support-hours level, so the list is never long.</summary>
    public sealed record Query : IRequest<IReadOnlyList<CalendarResponse>>;

    internal sealed class Handler(CatalogDbContext db, IMapper mapper) : IRequestHandler<Query, IReadOnlyList<CalendarResponse>>
    {
        public async Task<IReadOnlyList<CalendarResponse>> Handle(Query query, CancellationToken cancellationToken) =>
            (await db.Calendars.AsNoTracking().OrderBy(c => c.Key).ToListAsync(cancellationToken)).Select(mapper.Map<CalendarResponse>).ToList();
    }
}
