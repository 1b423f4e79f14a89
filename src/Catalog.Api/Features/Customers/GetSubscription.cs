using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.Infrastructure.Problems;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Features.Customers;

public static class GetSubscription
{
    public sealed record Query(Guid CustomerId, Guid ServiceId) : IRequest<SubscriptionResponse>;

    internal sealed class Handler(CatalogDbContext db) : IRequestHandler<Query, SubscriptionResponse>
    {
        public async Task<SubscriptionResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            await CustomerLookup.EnsureExistsAsync(db, query.CustomerId, cancellationToken);
            return await CustomerLookup.Subscriptions(db, s => s.CustomerId == query.CustomerId && s.ServiceId == query.ServiceId)
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("subscription", query.ServiceId);
        }
    }
}
