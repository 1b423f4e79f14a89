using AutoMapper;
using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Persistence;
using MediatR;

namespace Catalog.Api.Features.Webhooks;

public static class GetWebhook
{
    public sealed record Query(Guid Id) : IRequest<WebhookResponse>;

    internal sealed class Handler(CatalogDbContext db, IMapper mapper, Actor actor) : IRequestHandler<Query, WebhookResponse>
    {
        public Task<WebhookResponse> Handle(Query query, CancellationToken cancellationToken) =>
            WebhookLookup.ReadAsync(db, mapper, actor, query.Id, cancellationToken);
    }
}
