using Catalog.Api.Infrastructure.Http;
using Catalog.Api.Infrastructure.Persistence;
using MediatR;

namespace Catalog.Api.Features.Customers;

public static class ListSubscriptions
{
    /// <summary>A customer's subscriptions in service-id order.</summary>
    public sealed record Query(Guid CustomerId, PageRequest Page) : IRequest<Page<SubscriptionResponse>>;

    internal sealed class Handler(CatalogDbContext db) : IRequestHandler<Query, Page<SubscriptionResponse>>
    {
        public async Task<Page<SubscriptionResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            await CustomerLookup.EnsureExistsAsync(db, query.CustomerId, cancellationToken);
            var subscriptions = query.Page.AfterId() is { } afterId
                ? CustomerLookup.Subscriptions(db, s => s.CustomerId == query.CustomerId && s.ServiceId.CompareTo(afterId) > 0)
                : CustomerLookup.Subscriptions(db, s => s.CustomerId == query.CustomerId);
            return await subscriptions.OrderBy(s => s.ServiceId).ToPageAsync(query.Page.Limit, s => s.ServiceId.ToString(), cancellationToken);
        }
    }
}
