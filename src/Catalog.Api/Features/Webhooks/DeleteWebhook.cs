using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.Infrastructure.Webhooks;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Features.Webhooks;

/// <summary>
/// Deletes a subscription the way everything here is deleted: it is disabled ("deleted by …") and stays
/// readable with its delivery log. Nothing more is queued or retried for it. Deleting a disabled one changes nothing.
/// </summary>
public static class DeleteWebhook
{
    public sealed record Command(Guid Id) : IRequest<Unit>;

    internal sealed class Handler(CatalogDbContext db, Actor actor, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await WebhookLookup.EnsureVisibleAsync(db, actor, command.Id, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var reason = WebhookSubscription.Truncate($"deleted by {actor.Ref.Name}");

            // A conditional update, not a tracked one: the dispatcher may be disabling it for failures at the same time.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var disabled = await db.Set<WebhookSubscription>()
                .Where(s => s.Id == command.Id && s.Status == WebhookStatus.Active)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(x => x.Status, WebhookStatus.Disabled)
                        .SetProperty(x => x.DisabledReason, reason)
                        .SetProperty(x => x.DisabledAt, now)
                        .SetProperty(x => x.UpdatedAt, now)
                        .SetProperty(x => x.Version, x => x.Version + 1),
                    cancellationToken);
            if (disabled == 1)
            {
                await WebhookQueue.UnscheduleAsync(db, command.Id, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
