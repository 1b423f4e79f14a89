using Catalog.Api.Domain.Agreements;
using Catalog.Api.Features.Customers;
using Catalog.Api.Features.Metrics;
using Microsoft.Extensions.Options;
using Catalog.Api.Infrastructure.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Features.Agreements;

/// <summary>A version as OpenSLO v1 YAML for monitoring tools; a customer key sees only its own agreements.</summary>
public static class GetOpenSloExport
{
    public sealed record Query(Guid AgreementId, int Number) : IRequest<string>;

    internal sealed class Handler(CatalogDbContext db, MetricVocabulary vocabulary, IOptions<CustomerOptions> options) : IRequestHandler<Query, string>
    {
        public async Task<string> Handle(Query query, CancellationToken cancellationToken)
        {
            var agreement = await AgreementLookup.LoadAsync(db, query.AgreementId, forUpdate: false, cancellationToken);
            var version = AgreementLookup.VersionOf(agreement, query.Number);
            var service = await db.Services.AsNoTracking().SingleAsync(s => s.Id == agreement.ServiceId, cancellationToken);
            var consumer = await AgreementConsumers.ReadAsync(db, agreement.Consumer, options.Value.DefaultTimeZone, cancellationToken);
            var metrics = await vocabulary.ReadAsync(db, version.Targets.Select(t => t.Metric), cancellationToken);
            var context = new OpenSloExport.Context(
                agreement.Id, service.Key, service.Name, service.Summary, consumer.Key, consumer.Name, consumer.CostCenter ?? string.Empty, metrics, consumer.TimeZone, consumer.IsService);
            return OpenSloExport.Yaml(version, context);
        }
    }
}
