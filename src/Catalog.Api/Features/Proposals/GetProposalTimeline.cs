using Catalog.Api.Domain.Negotiation;
using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Persistence;
using MediatR;

namespace Catalog.Api.Features.Proposals;

/// <summary>Every round, analysis and decision of the proposal in order, with who and when.</summary>
public static class GetProposalTimeline
{
    public sealed record Query(Guid ProposalId) : IRequest<TimelineResponse>;

    public sealed record TimelineResponse(Guid ProposalId, ProposalStatus Status, IReadOnlyList<TimelineEntry> Entries);

    /// <param name="Note">The revision note, the withdrawal reason, or the accepted option.</param>
    public sealed record TimelineEntry(int Sequence, ProposalEventType Type, int Round, Guid? AnalysisId, string? Note, ActorRef Actor, DateTime OccurredAt);

    internal sealed class Handler(CatalogDbContext db, Actor actor) : IRequestHandler<Query, TimelineResponse>
    {
        public async Task<TimelineResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            var proposal = await ProposalLookup.LoadAsync(db, actor, query.ProposalId, forUpdate: false, cancellationToken);
            var entries = proposal.Events.OrderBy(e => e.Sequence)
                .Select(e => new TimelineEntry(e.Sequence, e.Type, e.Round, e.AnalysisId, e.Note, e.Actor, e.OccurredAt))
                .ToList();
            return new TimelineResponse(proposal.Id, proposal.Status, entries);
        }
    }
}
