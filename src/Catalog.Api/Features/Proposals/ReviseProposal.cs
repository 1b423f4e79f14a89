using Catalog.Api.Features.Metrics;
using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Persistence;
using FluentValidation;
using MediatR;
using Catalog.Api.Infrastructure.ChangeFeed;

namespace Catalog.Api.Features.Proposals;

/// <summary>The customer changes its targets: a new round, back to submitted. Earlier rounds and analyses are kept.</summary>
public static class ReviseProposal
{
    public sealed record RevisionInput(IReadOnlyList<TargetInput>? Targets, string? Note);

    public sealed record Command(Guid Id, RevisionInput Input) : IRequest<ProposalResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Input.Targets).NotNull().SetValidator(new TargetListValidator()!);
            RuleFor(c => c.Input.Note).MaximumLength(2000);
        }
    }

    internal sealed class Handler(CatalogDbContext db, MetricVocabulary vocabulary, Actor actor, TimeProvider clock) : IRequestHandler<Command, ProposalResponse>
    {
        public async Task<ProposalResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var proposal = await ProposalLookup.LoadAsync(db, command.Id, forUpdate: true, cancellationToken);
            ProposalLookup.EnsureMayDecide(proposal, actor);
            var service = await ProposalLookup.ServiceOfAsync(db, proposal, cancellationToken);
            var targets = command.Input.Targets!.ToTargets();
            await TargetInputs.EnsureValidAsync(vocabulary, db, targets, "targets", cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            proposal.Revise(service, targets, string.IsNullOrWhiteSpace(command.Input.Note) ? null : command.Input.Note.Trim(), actor.Ref, now);
            db.Record(ChangeTypes.ProposalRevised, SubjectTypes.Proposal, proposal.Id, actor.Ref, now, ProposalResponse.From(proposal));
            await db.SaveActionAsync("proposal", cancellationToken);
            return ProposalResponse.From(proposal);
        }
    }
}
