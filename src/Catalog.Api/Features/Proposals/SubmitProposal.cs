using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Persistence;
using MediatR;
using Catalog.Api.Infrastructure.ChangeFeed;

namespace Catalog.Api.Features.Proposals;

/// <summary>The customer sends its draft to IT.</summary>
public static class SubmitProposal
{
    public sealed record Command(Guid Id) : IRequest<ProposalResponse>;

    internal sealed class Handler(CatalogDbContext db, Actor actor, TimeProvider clock) : IRequestHandler<Command, ProposalResponse>
    {
        public async Task<ProposalResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var proposal = await ProposalLookup.LoadAsync(db, command.Id, forUpdate: true, cancellationToken);
            ProposalLookup.EnsureMayDecide(proposal, actor);
            var service = await ProposalLookup.ServiceOfAsync(db, proposal, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            proposal.Submit(service, actor.Ref, now);
            db.Record(ChangeTypes.ProposalSubmitted, SubjectTypes.Proposal, proposal.Id, actor.Ref, now, ProposalResponse.From(proposal));
            await db.SaveActionAsync("proposal", cancellationToken);
            return ProposalResponse.From(proposal);
        }
    }
}
