using System.Linq.Expressions;
using AutoMapper;
using AutoMapper.QueryableExtensions;
using Catalog.Api.Domain.Customers;
using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.Infrastructure.Problems;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Features.Customers;

internal static class CustomerLookup
{
    /// <summary>The customer as the API shows it, if the caller may see it; otherwise 404.</summary>
    public static async Task<CustomerResponse> ReadAsync(CatalogDbContext db, IMapper mapper, Actor actor, Guid id, CancellationToken cancellationToken)
    {
        EnsureVisible(actor, id);
        return await db.Customers.AsNoTracking()
            .Where(c => c.Id == id)
            .ProjectTo<CustomerResponse>(mapper.ConfigurationProvider)
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("customer", id);
    }

    /// <summary>Checks the customer exists and is visible to the caller; a customer key sees only its own.</summary>
    public static async Task EnsureExistsAsync(CatalogDbContext db, Actor actor, Guid id, CancellationToken cancellationToken)
    {
        EnsureVisible(actor, id);
        if (!await db.Customers.AnyAsync(c => c.Id == id, cancellationToken))
        {
            throw new NotFoundException("customer", id);
        }
    }

    public static IQueryable<SubscriptionResponse> Subscriptions(CatalogDbContext db, Expression<Func<Subscription, bool>> filter) =>
        db.Subscriptions.AsNoTracking()
            .Where(filter)
            .Join(
                db.Services,
                subscription => subscription.ServiceId,
                service => service.Id,
                (subscription, service) => new SubscriptionResponse
                {
                    CustomerId = subscription.CustomerId,
                    ServiceId = subscription.ServiceId,
                    ServiceKey = service.Key,
                    ServiceName = service.Name,
                    Unit = service.Cost.Unit,
                    Units = subscription.Units,
                    CreatedAt = subscription.CreatedAt,
                    UpdatedAt = subscription.UpdatedAt,
                    Version = subscription.Version + service.Version,
                });

    private static void EnsureVisible(Actor actor, Guid id)
    {
        if (!actor.CanSeeCustomer(id))
        {
            throw new NotFoundException("customer", id);
        }
    }
}
