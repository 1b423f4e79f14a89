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

            // The dispatcher may be disabling it for failures at the same time; DisableAsync is safe against that.
            await using var transaction = await db.BeginWriteAsync(cancellationToken);
            await WebhookQueue.DisableAsync(db, command.Id, reason, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
