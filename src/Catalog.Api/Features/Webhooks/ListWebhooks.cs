using AutoMapper;
using AutoMapper.QueryableExtensions;
using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Http;
using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.Infrastructure.Webhooks;
using MediatR;

namespace Catalog.Api.Features.Webhooks;

public static class ListWebhooks
{
    /// <summary>Subscriptions in the order they were created; an integrator sees only its own key's.</summary>
    public sealed record Query(PageRequest Page, WebhookStatus? Status = null) : IRequest<Page<WebhookResponse>>;

    internal sealed class Handler(CatalogDbContext db, IMapper mapper, Actor actor) : IRequestHandler<Query, Page<WebhookResponse>>
    {
        public Task<Page<WebhookResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            var subscriptions = WebhookLookup.Visible(db, actor);
            if (query.Status is { } status)
            {
                subscriptions = subscriptions.Where(s => s.Status == status);
            }

            if (query.Page.AfterId() is { } after)
            {
                subscriptions = subscriptions.Where(s => s.Id.CompareTo(after) > 0);
            }

            // Ids are version 7 UUIDs, so id order is creation order.
            return subscriptions.OrderBy(s => s.Id)
                .ProjectTo<WebhookResponse>(mapper.ConfigurationProvider)
                .ToPageAsync(query.Page.Limit, s => s.Id.ToString(), cancellationToken);
        }
    }
}
