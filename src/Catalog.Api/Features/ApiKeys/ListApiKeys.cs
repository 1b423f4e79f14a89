using AutoMapper;
using AutoMapper.QueryableExtensions;
using Catalog.Api.Domain.ApiKeys;
using Catalog.Api.Infrastructure.Http;
using Catalog.Api.Infrastructure.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Features.ApiKeys;

public static class ListApiKeys
{
    /// <summary>Keys in the order they were issued, optionally only one role or only active ones.</summary>
    public sealed record Query(PageRequest Page, ApiRole? Role = null, bool? Active = null) : IRequest<Page<ApiKeyResponse>>;

    internal sealed class Handler(CatalogDbContext db, IMapper mapper) : IRequestHandler<Query, Page<ApiKeyResponse>>
    {
        public Task<Page<ApiKeyResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            var keys = db.ApiKeys.AsNoTracking();
            if (query.Role is { } role)
            {
                keys = keys.Where(k => k.Role == role);
            }

            if (query.Active is { } active)
            {
                keys = active ? keys.Where(k => k.RevokedAt == null) : keys.Where(k => k.RevokedAt != null);
            }

            if (query.Page.AfterId() is { } after)
            {
                keys = keys.Where(k => k.Id.CompareTo(after) > 0);
            }

            // Ids are version 7 UUIDs, so id order is issue order.
            return keys.OrderBy(k => k.Id)
                .ProjectTo<ApiKeyResponse>(mapper.ConfigurationProvider)
                .ToPageAsync(query.Page.Limit, k => k.Id.ToString(), cancellationToken);
        }
    }
}
