using Catalog.Api.Domain.Agreements;
using Catalog.Api.Features.Customers;
using Catalog.Api.Features.Metrics;
using Microsoft.Extensions.Options;
using Catalog.Api.Infrastructure.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Features.Agreements;

/// <summary>A version as a short plain-language document (Markdown; the endpoint also renders it as HTML).</summary>
public static class GetAgreementDocument
{
    public sealed record Query(Guid AgreementId, int Number) : IRequest<Document>;

    public sealed record Document(string Title, string Markdown);

    internal sealed class Handler(CatalogDbContext db, MetricVocabulary vocabulary, IOptions<CustomerOptions> options) : IRequestHandler<Query, Document>
    {
        public async Task<Document> Handle(Query query, CancellationToken cancellationToken)
        {
            var agreement = await AgreementLookup.LoadAsync(db, query.AgreementId, forUpdate: false, cancellationToken);
            var version = AgreementLookup.VersionOf(agreement, query.Number);
            var service = await db.Services.AsNoTracking().SingleAsync(s => s.Id == agreement.ServiceId, cancellationToken);
            var consumer = await AgreementConsumers.ReadAsync(db, agreement.Consumer, options.Value.DefaultTimeZone, cancellationToken);
            var units = await db.Subscriptions.AsNoTracking()
                .Where(s => s.CustomerId == agreement.CustomerId && s.ServiceId == service.Id)
                .Select(s => s.Units)
                .SingleOrDefaultAsync(cancellationToken);
            var metrics = await vocabulary.ReadAsync(db, version.Targets.Select(t => t.Metric), cancellationToken);
            var mentioned = version.Consequences.Where(c => c.ServiceId is not null).Select(c => c.ServiceId!.Value).Distinct().ToList();
            var serviceNames = await db.Services.AsNoTracking().Where(s => mentioned.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
            var context = new AgreementDocument.Context(
                service.Name, service.Summary, consumer.Name, consumer.CostCenter ?? string.Empty, service.Cost.Unit, service.Cost.UnitCostPerMonth, service.Cost.Currency, units, agreement.Status, metrics, serviceNames,
                BetweenServices: consumer.IsService);
            return new Document($"{service.Name} for {consumer.Name}, version {version.Number}", AgreementDocument.Markdown(version, context));
        }
    }
}
