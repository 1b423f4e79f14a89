using System.Runtime.CompilerServices;
using AutoMapper;
using AutoMapper.QueryableExtensions;
using Catalog.Api.Features.Agreements;
using Catalog.Api.Features.Customers;
using Catalog.Api.Features.Services;
using Catalog.Api.Infrastructure.ChangeFeed;
using Catalog.Api.Infrastructure.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Catalog.Api.Features.Export;

/// <summary>
/// A consistent snapshot of the catalog, customers, subscriptions and agreements, with the change-feed
/// position it corresponds to: load it once, then follow <c>GET /api/v1/changes?after={sequence}</c>.
/// Everything is read inside one snapshot transaction, and streamed row by row, so memory stays flat
/// whatever the catalog's size.
/// </summary>
public static class ExportSnapshot
{
    public sealed record Query : IRequest<IAsyncEnumerable<ExportLine>>;

    /// <summary>One NDJSON line: <c>{ "type": "service", "data": {...} }</c>.</summary>
    public sealed record ExportLine(string Type, object Data);

    public sealed record SnapshotHeader(long Sequence, DateTime GeneratedAt);

    public sealed record SnapshotEnd(long Sequence, int Services, int Customers, int Subscriptions, int Agreements);

    internal sealed class Handler(CatalogDbContext db, IMapper mapper, TimeProvider clock) : IRequestHandler<Query, IAsyncEnumerable<ExportLine>>
    {
        public Task<IAsyncEnumerable<ExportLine>> Handle(Query query, CancellationToken cancellationToken) =>
            Task.FromResult(ReadAsync(cancellationToken));

        private async IAsyncEnumerable<ExportLine> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await using var transaction = await db.BeginSnapshotAsync(cancellationToken);
            var sequence = await db.ChangeFeedHeadAsync(cancellationToken);
            var takenAt = clock.GetUtcNow().UtcDateTime;
            yield return new ExportLine("snapshot", new SnapshotHeader(sequence, takenAt));

            var services = 0;
            await foreach (var service in db.Services.AsNoTracking().OrderBy(s => s.Key).ProjectTo<ServiceResponse>(mapper.ConfigurationProvider).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                services++;
                yield return new ExportLine("service", service);
            }

            var customers = 0;
            await foreach (var customer in db.Customers.AsNoTracking().OrderBy(c => c.Key).ProjectTo<CustomerResponse>(mapper.ConfigurationProvider).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                customers++;
                yield return new ExportLine("customer", customer);
            }

            var subscriptions = 0;
            await foreach (var subscription in CustomerLookup.Subscriptions(db, _ => true).OrderBy(s => s.CustomerId).ThenBy(s => s.ServiceId).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                subscriptions++;
                yield return new ExportLine("subscription", subscription);
            }

            var agreements = 0;
            await foreach (var agreement in db.Agreements.AsNoTracking().Include(a => a.Versions).OrderBy(a => a.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                agreements++;
                yield return new ExportLine("agreement", AgreementResponse.From(agreement, takenAt));
            }

            yield return new ExportLine("end", new SnapshotEnd(sequence, services, customers, subscriptions, agreements));
            await transaction.CommitAsync(cancellationToken);
        }
    }
}
