using Catalog.Api.Infrastructure.Persistence;
using MediatR;

namespace Catalog.Api.Features.Proposals;

public static class GetProposal
{
    public sealed record Query(Guid Id) : IRequest<ProposalResponse>;

    internal sealed class Handler(CatalogDbContext db) : IRequestHandler<Query, ProposalResponse>
    {
        public async Task<ProposalResponse> Handle(Query query, CancellationToken cancellationToken) =>
            ProposalResponse.From(await ProposalLookup.LoadAsync(db, query.Id, forUpdate: false, cancellationToken));
    }
}
