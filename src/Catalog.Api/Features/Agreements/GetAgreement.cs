using Catalog.Api.Infrastructure.Persistence;
using MediatR;

namespace Catalog.Api.Features.Agreements;

public static class GetAgreement
{
    /// <param name="At">The instant whose version in force the answer names; null for now.</param>
    public sealed record Query(Guid Id, DateTime? At = null) : IRequest<AgreementResponse>;

    internal sealed class Handler(CatalogDbContext db, TimeProvider clock) : IRequestHandler<Query, AgreementResponse>
    {
        public async Task<AgreementResponse> Handle(Query query, CancellationToken cancellationToken) =>
            AgreementResponse.From(
                await AgreementLookup.LoadAsync(db, query.Id, forUpdate: false, cancellationToken),
                query.At ?? clock.GetUtcNow().UtcDateTime);
    }
}
