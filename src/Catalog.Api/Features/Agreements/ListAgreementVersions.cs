using Catalog.Api.Infrastructure.Http;
using Catalog.Api.Infrastructure.Persistence;
using MediatR;

namespace Catalog.Api.Features.Agreements;

/// <summary>The whole history of an agreement, version 1 first.</summary>
public static class ListAgreementVersions
{
    public sealed record Query(Guid AgreementId, PageRequest Page) : IRequest<Page<AgreementVersionResponse>>;

    internal sealed class Handler(CatalogDbContext db) : IRequestHandler<Query, Page<AgreementVersionResponse>>
    {
        public async Task<Page<AgreementVersionResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            var agreement = await AgreementLookup.LoadAsync(db, query.AgreementId, forUpdate: false, cancellationToken);
            return agreement.Versions.OrderBy(v => v.Number).Select(AgreementVersionResponse.From)
                .ToPage(query.Page, v => v.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
