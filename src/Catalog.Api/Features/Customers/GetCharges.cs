using Catalog.Api.Domain.Customers;
using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Features.Customers;

/// <summary>What the customer pays per month, per subscribed service and in total per currency.</summary>
public static class GetCharges
{
    public sealed record Query(Guid CustomerId) : IRequest<ChargesResponse>;

    public sealed record ChargesResponse(Guid CustomerId, IReadOnlyList<Charges.ChargeLine> Services, IReadOnlyList<Charges.ChargeTotal> Totals);

    internal sealed class Handler(CatalogDbContext db, Actor actor) : IRequestHandler<Query, ChargesResponse>
    {
        public async Task<ChargesResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            await CustomerLookup.EnsureExistsAsync(db, actor, query.CustomerId, cancellationToken);
            var consumption = await db.Subscriptions.AsNoTracking()
                .Where(s => s.CustomerId == query.CustomerId)
                .Join(db.Services, s => s.ServiceId, service => service.Id, (s, service) => new Charges.Consumption(service.Id, service.Key, service.Name, service.Cost, s.Units))
                .ToListAsync(cancellationToken);
            var charges = Charges.Compute(consumption);
            return new ChargesResponse(query.CustomerId, charges.Lines, charges.Totals);
        }
    }
}
