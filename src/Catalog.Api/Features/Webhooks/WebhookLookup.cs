using AutoMapper;
using AutoMapper.QueryableExtensions;
using Catalog.Api.Domain.ApiKeys;
using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.Infrastructure.Problems;
using Catalog.Api.Infrastructure.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Features.Webhooks;

internal static class WebhookLookup
{
    /// <summary>The subscriptions the caller may see: an admin all, an integrator those of its own key.</summary>
    public static IQueryable<WebhookSubscription> Visible(CatalogDbContext db, Actor actor)
    {
        var subscriptions = db.Set<WebhookSubscription>().AsNoTracking();
        if (actor.Role != ApiRole.Admin)
        {
            var keyId = actor.KeyId;
            subscriptions = subscriptions.Where(s => s.OwnerKeyId == keyId);
        }

        return subscriptions;
    }

    /// <summary>Checks the subscription exists and the caller may see it; otherwise 404, whether it exists or not.</summary>
    public static async Task EnsureVisibleAsync(CatalogDbContext db, Actor actor, Guid id, CancellationToken cancellationToken)
    {
        if (!await Visible(db, actor).AnyAsync(s => s.Id == id, cancellationToken))
        {
            throw new NotFoundException("webhook", id);
        }
    }

    public static async Task<WebhookResponse> ReadAsync(CatalogDbContext db, IMapper mapper, Actor actor, Guid id, CancellationToken cancellationToken) =>
        await Visible(db, actor).Where(s => s.Id == id).ProjectTo<WebhookResponse>(mapper.ConfigurationProvider).SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("webhook", id);

    /// <summary>Deliveries with their attempts, in the order given.</summary>
    public static async Task<List<WebhookDeliveryResponse>> WithAttemptsAsync(CatalogDbContext db, IReadOnlyList<WebhookDelivery> deliveries, CancellationToken cancellationToken)
    {
        var ids = deliveries.Select(d => d.Id).ToList();
        var attempts = (await db.Set<WebhookAttempt>().AsNoTracking()
                .Where(a => ids.Contains(a.DeliveryId))
                .ToListAsync(cancellationToken))
            .OrderBy(a => a.At).ThenBy(a => a.Id)
            .ToLookup(a => a.DeliveryId, a => new WebhookAttemptResponse(a.At, a.StatusCode, a.Error, a.LatencyMs));
        return deliveries.Select(d => new WebhookDeliveryResponse
        {
            Id = d.Id,
            WebhookId = d.SubscriptionId,
            Sequence = d.Sequence,
            EventType = d.EventType,
            Status = d.Status,
            Attempts = [.. attempts[d.Id]],
            NextAttemptAt = d.NextAttemptAt,
            CreatedAt = d.CreatedAt,
            CompletedAt = d.CompletedAt,
        }).ToList();
    }

    public static async Task<WebhookDeliveryResponse> ReadDeliveryAsync(CatalogDbContext db, Actor actor, Guid webhookId, Guid deliveryId, CancellationToken cancellationToken)
    {
        await EnsureVisibleAsync(db, actor, webhookId, cancellationToken);
        var delivery = await db.Set<WebhookDelivery>().AsNoTracking()
            .SingleOrDefaultAsync(d => d.Id == deliveryId && d.SubscriptionId == webhookId, cancellationToken)
            ?? throw new NotFoundException("webhook delivery", deliveryId);
        return (await WithAttemptsAsync(db, [delivery], cancellationToken)).Single();
    }
}
