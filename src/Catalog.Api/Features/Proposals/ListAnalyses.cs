using Catalog.Api.Infrastructure.Http;
using Catalog.Api.Infrastructure.Persistence;
using MediatR;

namespace Catalog.Api.Features.Proposals;

/// <summary>Every analysis of the proposal, superseded ones included, oldest first.</summary>
public static class ListAnalyses
{
    public sealed record Query(Guid ProposalId, PageRequest Page) : IRequest<Page<AnalysisResponse>>;

    internal sealed class Handler(CatalogDbContext db, TimeProvider clock) : IRequestHandler<Query, Page<AnalysisResponse>>
    {
        public async Task<Page<AnalysisResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            var proposal = await ProposalLookup.LoadAsync(db, query.ProposalId, forUpdate: false, cancellationToken);
            var standing = await ProposalLookup.StandingAsync(db, proposal, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            return proposal.Analyses.OrderBy(a => a.PublishedAt).ThenBy(a => a.Id).Select(a => AnalysisResponse.From(a, proposal.CurrentRound, standing, now))
                .ToPage(query.Page, a => a.Id.ToString());
        }
    }
}
