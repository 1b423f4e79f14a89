using Catalog.Api.Domain.ApiKeys;
using Catalog.Api.Domain.Delivery;
using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.Infrastructure.Problems;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Features.Outages;

internal static class OutageLookup
{
    /// <summary>
    /// The outages the caller may see: everything, except that a customer sees only outages of services it
    /// subscribes to or has an agreement on.
    /// </summary>
    public static IQueryable<Outage> Visible(CatalogDbContext db, Actor actor)
    {
        if (actor.Role != ApiRole.Customer)
        {
            return db.Outages;
        }

        var customerId = actor.CustomerId;
        return db.Outages.Where(o =>
            db.Subscriptions.Any(s => s.CustomerId == customerId && s.ServiceId == o.ServiceId)
            || db.Agreements.Any(a => a.CustomerId == customerId && a.ServiceId == o.ServiceId));
    }

    public static async Task<Outage> LoadAsync(CatalogDbContext db, Actor actor, Guid id, CancellationToken cancellationToken) =>
        await Visible(db, actor).SingleOrDefaultAsync(o => o.Id == id, cancellationToken)
        ?? throw new NotFoundException("outage", id);
}
