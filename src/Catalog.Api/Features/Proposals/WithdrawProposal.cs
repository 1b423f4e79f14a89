using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Persistence;
using FluentValidation;
using MediatR;

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
            var proposal = await ProposalLookup.LoadAsync(db, actor, command.Id, forUpdate: true, cancellationToken);
            proposal.Withdraw(command.Input.Reason!.Trim(), actor.Ref, clock.GetUtcNow().UtcDateTime);
            await db.SaveActionAsync("proposal", cancellationToken);
            return ProposalResponse.From(proposal);
        }
    }
}
