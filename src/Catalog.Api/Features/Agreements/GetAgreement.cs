using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Persistence;
using MediatR;

namespace Catalog.Api.Features.Agreements;

public static class GetAgreement
{
    public sealed record Query(Guid Id) : IRequest<AgreementResponse>;

    internal sealed class Handler(CatalogDbContext db, Actor actor) : IRequestHandler<Query, AgreementResponse>
    {
        public async Task<AgreementResponse> Handle(Query query, CancellationToken cancellationToken) =>
            AgreementResponse.From(await AgreementLookup.LoadAsync(db, actor, query.Id, forUpdate: false, cancellationToken));
    }
}
