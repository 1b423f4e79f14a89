using Catalog.Api.Infrastructure.Persistence;
using MediatR;

namespace Catalog.Api.Features.Agreements;

public static class GetAgreementVersion
{
    public sealed record Query(Guid AgreementId, int Number) : IRequest<AgreementVersionResponse>;

    internal sealed class Handler(CatalogDbContext db) : IRequestHandler<Query, AgreementVersionResponse>
    {
        public async Task<AgreementVersionResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            var agreement = await AgreementLookup.LoadAsync(db, query.AgreementId, forUpdate: false, cancellationToken);
            return AgreementVersionResponse.From(AgreementLookup.VersionOf(agreement, query.Number));
        }
    }
}
