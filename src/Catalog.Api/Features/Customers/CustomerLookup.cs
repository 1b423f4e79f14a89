using System.Linq.Expressions;
using AutoMapper;
using AutoMapper.QueryableExtensions;
using Catalog.Api.Domain.Customers;
using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.Infrastructure.Problems;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Catalog.Api.Features.Customers;

internal static class CustomerLookup
{
    /// <summary>The customer as the API shows it, or 404; a customer key finds only its own (the tenancy filter).</summary>
    public static async Task<CustomerResponse> ReadAsync(CatalogDbContext db, IMapper mapper, Guid id, CancellationToken cancellationToken)
    {
        return await db.Customers.AsNoTracking()
            .Where(c => c.Id == id)
            .ProjectTo<CustomerResponse>(mapper.ConfigurationProvider)
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("customer", id);
    }

    /// <summary>Checks the customer exists, or 404; a customer key finds only its own (the tenancy filter).</summary>
    public static async Task EnsureExistsAsync(CatalogDbContext db, Guid id, CancellationToken cancellationToken)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == id, cancellationToken))
        {
            throw new NotFoundException("customer", id);
        }
    }

    /// <summary>The customer's time zone, in which its months begin and end, or 404.</summary>
    public static async Task<DateTimeZone> TimeZoneOfAsync(CatalogDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var zone = await db.Customers.AsNoTracking().Where(c => c.Id == id).Select(c => c.TimeZone).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("customer", id);
        return DateTimeZoneProviders.Tzdb[zone];
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
}
