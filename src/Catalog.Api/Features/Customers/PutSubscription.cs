using Catalog.Api.Domain.Customers;
using Catalog.Api.Infrastructure.Http;
using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.Infrastructure.Problems;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Catalog.Api.Infrastructure.ChangeFeed;
using Catalog.Api.Infrastructure.Auth;

namespace Catalog.Api.Features.Customers;

/// <summary>
/// Starts a subscription or changes its units. Changing an existing one is an update and needs If-Match
/// with the subscription's ETag; starting one does not.
/// </summary>
public static class PutSubscription
{
    public const int MaxUnits = 10_000_000;

    public sealed record SubscriptionInput(Guid? ServiceId, int? Units);

    public sealed record Command(Guid CustomerId, SubscriptionInput Input, IfMatch IfMatch) : IRequest<Result>;

    public sealed record Result(SubscriptionResponse Subscription, bool Created);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Input.ServiceId).NotNull().NotEqual(Guid.Empty).OverridePropertyName("serviceId");
            RuleFor(c => c.Input.Units).NotNull().InclusiveBetween(0, MaxUnits).OverridePropertyName("units");
        }
    }

    internal sealed class Handler(CatalogDbContext db, Actor actor, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == command.CustomerId, cancellationToken)
                ?? throw new NotFoundException("customer", command.CustomerId);
            var service = await db.Services.SingleOrDefaultAsync(s => s.Id == command.Input.ServiceId, cancellationToken)
                ?? throw new InvalidInputException("serviceId", $"No service with id '{command.Input.ServiceId}' exists.");
            var now = clock.GetUtcNow().UtcDateTime;

            var subscription = await db.Subscriptions.SingleOrDefaultAsync(s => s.CustomerId == customer.Id && s.ServiceId == service.Id, cancellationToken);
            var created = subscription is null;
            if (subscription is null)
            {
                subscription = Subscription.Start(customer, service, command.Input.Units!.Value, now);
                db.Subscriptions.Add(subscription);
            }
            else
            {
                command.IfMatch.EnsureMatches(subscription.Version + service.Version);
                db.Entry(subscription).Property(s => s.Version).OriginalValue = subscription.Version;
                subscription.ChangeUnits(service, command.Input.Units!.Value, now);
            }

            db.Record(
                created ? ChangeTypes.SubscriptionCreated : ChangeTypes.SubscriptionUpdated, SubjectTypes.Subscription, customer.Id, actor.Ref, now, SubscriptionResponse.From(subscription, service));

            await db.SaveChangesAsync(cancellationToken);
            var read = await CustomerLookup.Subscriptions(db, s => s.CustomerId == customer.Id && s.ServiceId == service.Id).SingleAsync(cancellationToken);
            return new Result(read, created);
        }
    }
}
