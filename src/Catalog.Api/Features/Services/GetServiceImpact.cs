using Catalog.Api.Domain.Services;
using Catalog.Api.Features.Agreements;
using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.Infrastructure.Problems;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Features.Services;

/// <summary>"If this fails, which business services, customers and agreements are affected?"</summary>
public static class GetServiceImpact
{
    public sealed record Query(Guid Id) : IRequest<ImpactResponse>;

    public sealed record ImpactResponse(
        ImpactedService Service,
        IReadOnlyList<ImpactedService> AffectedServices,
        IReadOnlyList<AffectedCustomer> Customers,
        string Summary);

    /// <param name="Distance">0 for the service asked about, 1 for its direct dependants, and so on.</param>
    /// <param name="Via">The service through which this one is affected (null for the service asked about).</param>
    /// <param name="Customers">Customers subscribed to this service itself.</param>
    /// <param name="Agreements">Active agreements on this service itself.</param>
    public sealed record ImpactedService(
        Guid Id,
        string Key,
        string Name,
        ServiceKind Kind,
        Lifecycle Lifecycle,
        int Distance,
        Guid? Via,
        IReadOnlyList<SubscribedCustomer> Customers,
        IReadOnlyList<AffectedAgreement> Agreements);

    /// <param name="CustomerId">The customer; null for an operational level agreement.</param>
    /// <param name="ConsumerServiceId">The dependent service of an operational level agreement; null for a customer's.</param>
    public sealed record AffectedAgreement(Guid Id, Guid? CustomerId, int Version, decimal MonthlyCharge, string Currency, Guid? ConsumerServiceId);

    public sealed record SubscribedCustomer(Guid Id, string Key, string Name, int Units);

    /// <param name="ThroughServices">The affected services this customer subscribes to.</param>
    public sealed record AffectedCustomer(Guid Id, string Key, string Name, IReadOnlyList<Guid> ThroughServices);

    internal sealed class Handler(CatalogDbContext db) : IRequestHandler<Query, ImpactResponse>
    {
        public async Task<ImpactResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!await db.Services.AnyAsync(s => s.Id == query.Id, cancellationToken))
            {
                throw new NotFoundException("service", query.Id);
            }

            var dependedOnBy = await ServiceGraph.DependantsOfAsync(db, [query.Id], cancellationToken);
            var reach = DependencyGraph.Dependants(query.Id, dependedOnBy);
            var ids = reach.Select(r => r.ServiceId).Append(query.Id).ToList();

            var services = await db.Services.AsNoTracking()
                .Where(s => ids.Contains(s.Id))
                .Select(s => new { s.Id, s.Key, s.Name, s.Kind, s.Lifecycle })
                .ToDictionaryAsync(s => s.Id, cancellationToken);

            // A customer learns which services are affected, but only about its own subscriptions and agreements:
            // the tenancy filter confines both queries.
            var subscribers = await db.Subscriptions.AsNoTracking().Where(s => ids.Contains(s.ServiceId) && s.Units > 0)
                .Join(db.Customers, s => s.CustomerId, c => c.Id, (s, c) => new { s.ServiceId, c.Id, c.Key, c.Name, s.Units })
                .ToListAsync(cancellationToken);
            var byService = subscribers.ToLookup(s => s.ServiceId, s => new SubscribedCustomer(s.Id, s.Key, s.Name, s.Units));

            var agreements = (await AgreementLookup.CurrentVersions(db).Where(a => ids.Contains(a.ServiceId)).ToListAsync(cancellationToken))
                .ToLookup(a => a.ServiceId, a => new AffectedAgreement(a.AgreementId, a.CustomerId, a.Number, a.MonthlyCharge, a.Currency, a.ConsumerServiceId));

            ImpactedService Describe(Guid id, int distance, Guid? via)
            {
                var s = services[id];
                return new ImpactedService(
                    s.Id, s.Key, s.Name, s.Kind, s.Lifecycle, distance, via, byService[id].OrderBy(c => c.Key, StringComparer.Ordinal).ToList(), agreements[id].OrderBy(a => a.Id).ToList());
            }

            var root = Describe(query.Id, 0, null);
            var affected = reach
                .Where(r => services.TryGetValue(r.ServiceId, out var s) && s.Lifecycle != Lifecycle.Retired)
                .Select(r => Describe(r.ServiceId, r.Distance, r.Via))
                .ToList();
            var customers = subscribers
                .Where(s => s.ServiceId == query.Id || affected.Any(a => a.Id == s.ServiceId))
                .GroupBy(s => s.Id)
                .Select(g => new AffectedCustomer(g.Key, g.First().Key, g.First().Name, g.Select(s => s.ServiceId).Distinct().Order().ToList()))
                .OrderBy(c => c.Key, StringComparer.Ordinal)
                .ToList();

            return new ImpactResponse(root, affected, customers, Summarise(root, affected, customers));
        }

        private static string Summarise(ImpactedService root, List<ImpactedService> affected, List<AffectedCustomer> customers)
        {
            var business = affected.Where(a => a.Kind == ServiceKind.Business).Select(a => a.Name).ToList();
            if (root.Kind == ServiceKind.Business)
            {
                business.Insert(0, root.Name);
            }

            var businessText = business.Count switch
            {
                0 => "no business service",
                1 => $"1 business service ({business[0]})",
                _ => $"{business.Count} business services ({string.Join(", ", business)})",
            };
            var customerText = customers.Count == 1 ? "1 customer" : $"{customers.Count} customers";
            var agreementCount = root.Agreements.Count + affected.Sum(a => a.Agreements.Count);
            var agreementText = agreementCount switch
            {
                0 => string.Empty,
                1 => "; 1 agreement covers them",
                _ => $"; {agreementCount} agreements cover them",
            };
            return $"If {root.Name} fails, {businessText} and {customerText} are affected{agreementText}.";
        }
    }
}
