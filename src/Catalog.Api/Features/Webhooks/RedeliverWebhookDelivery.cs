using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.Infrastructure.Problems;
using Catalog.Api.Infrastructure.Webhooks;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Features.Webhooks;

/// <summary>
/// Queues a delivery again, with the same <c>webhook-id</c> and body, and a fresh retry schedule. It goes out
/// before the subscription's later deliveries (feed order). On a disabled subscription it is sent all the same,
/// as an explicit request for that one event, but the subscription stays disabled: a success does not turn
/// it back on, and nothing else is queued for it.
/// </summary>
public static class RedeliverWebhookDelivery
{
    public sealed record Command(Guid WebhookId, Guid DeliveryId) : IRequest<WebhookDeliveryResponse>;

    internal sealed class Handler(CatalogDbContext db, Actor actor, WebhookSignal signal, TimeProvider clock) : IRequestHandler<Command, WebhookDeliveryResponse>
    {
        public async Task<WebhookDeliveryResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var current = await WebhookLookup.ReadDeliveryAsync(db, actor, command.WebhookId, command.DeliveryId, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;

            // Only one that is not already waiting for its next attempt; the condition holds against the dispatcher too.
            // The answer is read in the same transaction, so it shows the delivery as queued even when the
            // dispatcher sends it the moment the transaction commits.
            await using var transaction = await db.BeginWriteAsync(cancellationToken);
            var queued = await db.Set<WebhookDelivery>()
                .Where(d => d.Id == command.DeliveryId && (d.Status != WebhookDeliveryStatus.Pending || d.NextAttemptAt == null))
                .ExecuteUpdateAsync(
                    s => s.SetProperty(d => d.Status, WebhookDeliveryStatus.Pending)
                        .SetProperty(d => d.Failures, 0)
                        .SetProperty(d => d.NextAttemptAt, now)
                        .SetProperty(d => d.CompletedAt, (DateTime?)null),
                    cancellationToken);
            if (queued == 0)
            {
                throw new ConflictException(
                    "delivery-already-queued",
                    $"Delivery {command.DeliveryId} is already queued; its next attempt is due at {current.NextAttemptAt:O}.");
            }

            var redelivery = await WebhookLookup.ReadDeliveryAsync(db, actor, command.WebhookId, command.DeliveryId, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            signal.Notify();
            return redelivery;
        }
    }
}
