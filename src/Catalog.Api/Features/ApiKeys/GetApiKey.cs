using AutoMapper;
using Catalog.Api.Infrastructure.Persistence;
using MediatR;

namespace Catalog.Api.Features.ApiKeys;

public static class GetApiKey
{
    public sealed record Query(Guid Id) : IRequest<ApiKeyResponse>;

    internal sealed class Handler(CatalogDbContext db, IMapper mapper) : IRequestHandler<Query, ApiKeyResponse>
    {
        public Task<ApiKeyResponse> Handle(Query query, CancellationToken cancellationToken) => ApiKeyLookup.ReadAsync(db, mapper, query.Id, cancellationToken);
    }
}
