using Catalog.Api.Features.Attainment;
using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.Infrastructure.Problems;
using MediatR;
using NodaTime;

namespace Catalog.Api.Features.Proposals;

public static class GetAnalysis
{
    public sealed record Query(Guid ProposalId, Guid AnalysisId) : IRequest<AnalysisResponse>;

    internal sealed class Handler(CatalogDbContext db, AttainmentReader reader, TimeProvider clock) : IRequestHandler<Query, AnalysisResponse>
    {
        public async Task<AnalysisResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            var proposal = await ProposalLookup.LoadAsync(db, query.ProposalId, forUpdate: false, cancellationToken);
            var analysis = proposal.Analyses.SingleOrDefault(a => a.Id == query.AnalysisId) ?? throw new NotFoundException("analysis", query.AnalysisId);
            var standing = await ProposalLookup.StandingAsync(db, proposal, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;

            // The facts as they stood when IT answered: like the analysis, they read the same tomorrow unless the record of
            // that past is corrected. What stands now is the proposal's feasibility.
            return AnalysisResponse.From(analysis, proposal.CurrentRound, standing, now) with
            {
                Evidence = await GetFeasibility.AssessAsync(db, reader, proposal, Instant.FromDateTimeUtc(analysis.PublishedAt), cancellationToken, analysis.Round),
            };
        }
    }
}
