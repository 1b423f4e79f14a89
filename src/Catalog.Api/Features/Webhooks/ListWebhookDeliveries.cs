using System.Globalization;
using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Http;
using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.Infrastructure.Webhooks;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Features.Webhooks;

public static class ListWebhookDeliveries
{
    /// <summary>A subscription's delivery log, newest event first, each delivery with its attempts.</summary>
    public sealed record Query(Guid WebhookId, PageRequest Page, WebhookDeliveryStatus? Status = null) : IRequest<Page<WebhookDeliveryResponse>>;

    internal sealed class Handler(CatalogDbContext db, Actor actor) : IRequestHandler<Query, Page<WebhookDeliveryResponse>>
    {
        public async Task<Page<WebhookDeliveryResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            await WebhookLookup.EnsureVisibleAsync(db, actor, query.WebhookId, cancellationToken);
            var deliveries = db.Set<WebhookDelivery>().AsNoTracking().Where(d => d.SubscriptionId == query.WebhookId);
            if (query.Status is { } status)
            {
                deliveries = deliveries.Where(d => d.Status == status);
            }

            if (query.Page.After is { } after)
            {
                var before = long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) ? sequence : throw Cursor.Invalid();
                deliveries = deliveries.Where(d => d.Sequence < before);
            }

            var page = await deliveries.OrderByDescending(d => d.Sequence)
                .ToPageAsync(query.Page.Limit, d => d.Sequence.ToString(CultureInfo.InvariantCulture), cancellationToken);
            return new Page<WebhookDeliveryResponse>(await WebhookLookup.WithAttemptsAsync(db, page.Items.ToList(), cancellationToken), page.NextCursor);
        }
    }
}
