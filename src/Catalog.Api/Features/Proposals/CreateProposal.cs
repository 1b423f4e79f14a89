using Catalog.Api.Domain.ApiKeys;
using Catalog.Api.Domain.Negotiation;
using Catalog.Api.Domain.Services;
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

/// <summary>
/// A customer proposes the targets it needs for a live service (an admin may open one on a customer's behalf); or the
/// owner of a dependent service (an IT lead, or an admin) proposes targets to a service it relies on: an operational
/// level agreement, negotiated the same way.
/// </summary>
public static class CreateProposal
{
    /// <param name="CustomerId">Implied for customer keys; required when an admin proposes on a customer's behalf.</param>
    /// <param name="ConsumerServiceId">The dependent service an operational level agreement is for (IT leads and admins); instead of customerId.</param>
    /// <param name="Submit">Submit at once instead of keeping a draft.</param>
    public sealed record ProposalInput(
        Guid? ServiceId, Guid? CustomerId, string? Title, string? BusinessJustification, IReadOnlyList<TargetInput>? Targets, bool? Submit, Guid? ConsumerServiceId = null);

    public sealed record Command(ProposalInput Input) : IRequest<ProposalResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Input.ServiceId).NotNull().NotEqual(Guid.Empty);
            RuleFor(c => c.Input.Title).NotEmpty().MaximumLength(200);
            RuleFor(c => c.Input.BusinessJustification).NotEmpty().MaximumLength(4000);
            RuleFor(c => c.Input.Targets).NotNull().SetValidator(new TargetListValidator()!);
            RuleFor(c => c.Input.ConsumerServiceId).NotEqual(Guid.Empty);
            RuleFor(c => c.Input.ConsumerServiceId).Null().When(c => c.Input.CustomerId is not null)
                .WithMessage("A proposal is for a customer (customerId) or for a dependent service (consumerServiceId), not both.");
        }
    }

    internal sealed class Handler(CatalogDbContext db, MetricVocabulary vocabulary, Actor actor, TimeProvider clock) : IRequestHandler<Command, ProposalResponse>
    {
        public async Task<ProposalResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var input = command.Input;
            var proposal = input.ConsumerServiceId is { } consumerId
                ? await BetweenServicesAsync(input, consumerId, cancellationToken)
                : await ForCustomerAsync(input, cancellationToken);
            db.Proposals.Add(proposal);
            db.Record(ChangeTypes.ProposalCreated, SubjectTypes.Proposal, proposal.Id, actor.Ref, proposal.CreatedAt, ProposalResponse.From(proposal));
            await db.SaveChangesAsync(cancellationToken);
            return ProposalResponse.From(proposal);
        }

        private async Task<Proposal> ForCustomerAsync(ProposalInput input, CancellationToken cancellationToken)
        {
            if (actor.Role == ApiRole.ItLead)
            {
                throw new ForbiddenException(
                    "An API key with the role 'it-lead' may not propose for a customer: an IT lead proposes only between services, naming the dependent service as consumerServiceId.");
            }

            var customerId = actor.Role == ApiRole.Customer
                ? input.CustomerId is { } named && named != actor.CustomerId ? throw new NotFoundException("customer", named) : actor.CustomerId!.Value
                : input.CustomerId ?? throw new InvalidInputException(
                    "customerId", "An admin must name the customer it proposes for (customerId), or, between services, the dependent service (consumerServiceId).");
            if (actor.Role != ApiRole.Customer && input.Submit == true)
            {
                throw new InvalidInputException("submit", "Only the customer submits its proposal; one opened on its behalf stays a draft until the customer submits it.");
            }

            // A customer key names its customer, which exists: keys reference it and customers are never deleted.
            if (actor.Role != ApiRole.Customer && !await db.Customers.AnyAsync(c => c.Id == customerId, cancellationToken))
            {
                throw new InvalidInputException("customerId", $"No customer with id '{customerId}' exists.");
            }

            var service = await ServiceAsync(input, cancellationToken);
            var targets = await TargetsAsync(input, cancellationToken);
            return Proposal.Open(service, customerId, input.Title!.Trim(), input.BusinessJustification!.Trim(), targets, input.Submit ?? false, actor.Ref, Now);
        }

        private async Task<Proposal> BetweenServicesAsync(ProposalInput input, Guid consumerId, CancellationToken cancellationToken)
        {
            if (actor.Role == ApiRole.Customer)
            {
                throw new ForbiddenException(
                    "An API key with the role 'customer' may not propose between services (consumerServiceId): a business unit proposes for itself; IT leads and admins open operational level agreements.");
            }

            var provider = await ServiceAsync(input, cancellationToken);
            var consumer = await ServiceLookup.FindAsync(db, consumerId, cancellationToken)
                ?? throw new InvalidInputException("consumerServiceId", $"No service with id '{consumerId}' exists.");
            var graph = await ServiceGraph.DependenciesFromAsync(db, [consumer.Id], cancellationToken);
            var reliesOn = ServiceGraph.Reachable(consumer.Id, graph);
            reliesOn.Remove(consumer.Id);
            var targets = await TargetsAsync(input, cancellationToken);
            return Proposal.OpenBetweenServices(
                provider, consumer, reliesOn, input.Title!.Trim(), input.BusinessJustification!.Trim(), targets, input.Submit ?? false, actor.Ref, Now);
        }

        private DateTime Now => clock.GetUtcNow().UtcDateTime;

        private async Task<Service> ServiceAsync(ProposalInput input, CancellationToken cancellationToken) =>
            await ServiceLookup.FindAsync(db, input.ServiceId!.Value, cancellationToken)
            ?? throw new InvalidInputException("serviceId", $"No service with id '{input.ServiceId}' exists.");

        private async Task<IReadOnlyList<Target>> TargetsAsync(ProposalInput input, CancellationToken cancellationToken)
        {
            var targets = input.Targets!.ToTargets();
            await TargetInputs.EnsureValidAsync(vocabulary, db, targets, "targets", cancellationToken);
            return targets;
        }
    }
}
