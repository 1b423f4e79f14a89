using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Persistence;
using FluentValidation;
using MediatR;
using Catalog.Api.Infrastructure.ChangeFeed;

namespace Catalog.Api.Features.Proposals;

/// <summary>The customer closes the negotiation without an agreement, saying why.</summary>
public static class WithdrawProposal
{
    public sealed record WithdrawalInput(string? Reason);

    public sealed record Command(Guid Id, WithdrawalInput Input) : IRequest<ProposalResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Input.Reason).NotEmpty().MaximumLength(2000);
    }

    internal sealed class Handler(CatalogDbContext db, Actor actor, TimeProvider clock) : IRequestHandler<Command, ProposalResponse>
    {
        public async Task<ProposalResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var proposal = await ProposalLookup.LoadAsync(db, command.Id, forUpdate: true, cancellationToken);
            ProposalLookup.EnsureMayDecide(proposal, actor);
            var now = clock.GetUtcNow().UtcDateTime;
            proposal.Withdraw(command.Input.Reason!.Trim(), actor.Ref, now);
            db.Record(ChangeTypes.ProposalWithdrawn, SubjectTypes.Proposal, proposal.Id, actor.Ref, now, ProposalResponse.From(proposal));
            await db.SaveActionAsync("proposal", cancellationToken);
            return ProposalResponse.From(proposal);
        }
    }
}
