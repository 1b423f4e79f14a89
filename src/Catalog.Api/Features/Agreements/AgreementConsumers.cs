using Catalog.Api.Domain.Negotiation;
using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.Infrastructure.Problems;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Features.Agreements;

/// <summary>
/// The consumer of an agreement or proposal as views and documents name it: a customer with its cost centre and time
/// zone, or, for an operational level agreement, the dependent service. A service has no time zone of its own, so its
/// months run in the configured default zone (<c>Customers:DefaultTimeZone</c>), the one a new customer gets.
/// </summary>
/// <param name="CostCenter">Where the customer's charges go; null for a service, which is charged nothing.</param>
public sealed record ConsumerView(Consumer Consumer, string Key, string Name, string? CostCenter, string TimeZone)
{
    public bool IsService => Consumer.IsService;
}

internal static class AgreementConsumers
{
    /// <param name="serviceTimeZone">The zone a service consumer's months run in: the configured default.</param>
    public static async Task<IReadOnlyDictionary<Consumer, ConsumerView>> ReadAsync(
        CatalogDbContext db, IEnumerable<Consumer> consumers, string serviceTimeZone, CancellationToken cancellationToken)
    {
        var all = consumers.Distinct().ToList();
        var customerIds = all.Where(c => c.CustomerId is not null).Select(c => c.CustomerId!.Value).ToList();
        var serviceIds = all.Where(c => c.ServiceId is not null).Select(c => c.ServiceId!.Value).ToList();
        var views = new Dictionary<Consumer, ConsumerView>();
        if (customerIds.Count > 0)
        {
            foreach (var c in await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id))
                         .Select(c => new { c.Id, c.Key, c.Name, c.CostCenter, c.TimeZone }).ToListAsync(cancellationToken))
            {
                views[Consumer.ForCustomer(c.Id)] = new ConsumerView(Consumer.ForCustomer(c.Id), c.Key, c.Name, c.CostCenter, c.TimeZone);
            }
        }

        if (serviceIds.Count > 0)
        {
            foreach (var s in await db.Services.AsNoTracking().Where(s => serviceIds.Contains(s.Id))
                         .Select(s => new { s.Id, s.Key, s.Name }).ToListAsync(cancellationToken))
            {
                views[Consumer.ForService(s.Id)] = new ConsumerView(Consumer.ForService(s.Id), s.Key, s.Name, null, serviceTimeZone);
            }
        }

        return views;
    }

    /// <summary>The consumer's name: the customer's, or the dependent service's.</summary>
    public static Task<string> NameOfAsync(CatalogDbContext db, Consumer consumer, CancellationToken cancellationToken) => consumer.ServiceId is { } serviceId
        ? db.Services.AsNoTracking().Where(s => s.Id == serviceId).Select(s => s.Name).SingleAsync(cancellationToken)
        : db.Customers.AsNoTracking().Where(c => c.Id == consumer.CustomerId).Select(c => c.Name).SingleAsync(cancellationToken);

    /// <summary>One consumer, or 404 when it is not there (a customer another customer key may not see).</summary>
    public static async Task<ConsumerView> ReadAsync(CatalogDbContext db, Consumer consumer, string serviceTimeZone, CancellationToken cancellationToken) =>
        (await ReadAsync(db, [consumer], serviceTimeZone, cancellationToken)).GetValueOrDefault(consumer)
        ?? throw new NotFoundException(consumer.IsService ? "service" : "customer", (consumer.ServiceId ?? consumer.CustomerId)!.Value);
}
