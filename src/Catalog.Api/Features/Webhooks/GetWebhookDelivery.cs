using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Persistence;
using MediatR;

namespace Catalog.Api.Features.Webhooks;

public static class GetWebhookDelivery
{
    public sealed record Query(Guid WebhookId, Guid DeliveryId) : IRequest<WebhookDeliveryResponse>;

    internal sealed class Handler(CatalogDbContext db, Actor actor) : IRequestHandler<Query, WebhookDeliveryResponse>
    {
        public Task<WebhookDeliveryResponse> Handle(Query query, CancellationToken cancellationToken) =>
            WebhookLookup.ReadDeliveryAsync(db, actor, query.WebhookId, query.DeliveryId, cancellationToken);
    }
}
