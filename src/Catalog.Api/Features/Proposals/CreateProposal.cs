using Catalog.Api.Domain.ApiKeys;
using Catalog.Api.Domain.Negotiation;
using Catalog.Api.Features.Metrics;
using Catalog.Api.Features.Services;
using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.Infrastructure.Problems;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Catalog.Api.Infrastructure.ChangeFeed;

namespace Catalog.Api.Features.Proposals;

/// <summary>A customer proposes the targets it needs for a live service (an admin may open one on a customer's behalf).</summary>
public static class CreateProposal
{
    /// <param name="CustomerId">Implied for customer keys; required when an admin proposes on a customer's behalf.</param>
    /// <param name="Submit">Submit at once instead of keeping a draft.</param>
    public sealed record ProposalInput(Guid? ServiceId, Guid? CustomerId, string? Title, string? BusinessJustification, IReadOnlyList<TargetInput>? Targets, bool? Submit);

    public sealed record Command(ProposalInput Input) : IRequest<ProposalResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Input.ServiceId).NotNull().NotEqual(Guid.Empty);
            RuleFor(c => c.Input.Title).NotEmpty().MaximumLength(200);
            RuleFor(c => c.Input.BusinessJustification).NotEmpty().MaximumLength(4000);
            RuleFor(c => c.Input.Targets).NotNull().SetValidator(new TargetListValidator()!);
        }
    }

    internal sealed class Handler(CatalogDbContext db, MetricVocabulary vocabulary, Actor actor, TimeProvider clock) : IRequestHandler<Command, ProposalResponse>
    {
        public async Task<ProposalResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var input = command.Input;
            var customerId = actor.Role == ApiRole.Customer
                ? input.CustomerId is { } named && named != actor.CustomerId ? throw new NotFoundException("customer", named) : actor.CustomerId!.Value
                : input.CustomerId ?? throw new InvalidInputException("customerId", "An admin proposing on a customer's behalf must name the customer.");
            if (actor.Role != ApiRole.Customer && input.Submit == true)
            {
                throw new InvalidInputException("submit", "Only the customer submits its proposal; one opened on its behalf stays a draft until the customer submits it.");
            }

            // A customer key names its customer, which exists: keys reference it and customers are never deleted.
            if (actor.Role != ApiRole.Customer && !await db.Customers.AnyAsync(c => c.Id == customerId, cancellationToken))
            {
                throw new InvalidInputException("customerId", $"No customer with id '{customerId}' exists.");
            }

            var service = await ServiceLookup.FindAsync(db, input.ServiceId!.Value, cancellationToken)
                ?? throw new InvalidInputException("serviceId", $"No service with id '{input.ServiceId}' exists.");
            var targets = input.Targets!.ToTargets();
            await TargetInputs.EnsureValidAsync(vocabulary, db, targets, "targets", cancellationToken);

            var now = clock.GetUtcNow().UtcDateTime;
            var proposal = Proposal.Open(service, customerId, input.Title!.Trim(), input.BusinessJustification!.Trim(), targets, input.Submit ?? false, actor.Ref, now);
            db.Proposals.Add(proposal);
            db.Record(ChangeTypes.ProposalCreated, SubjectTypes.Proposal, proposal.Id, actor.Ref, now, ProposalResponse.From(proposal));
            await db.SaveChangesAsync(cancellationToken);
            return ProposalResponse.From(proposal);
        }
    }
}
