using AutoMapper;
using Catalog.Api.Infrastructure.Persistence;
using MediatR;

namespace Catalog.Api.Features.Services;

public static class GetService
{
    public sealed record Query(Guid Id) : IRequest<ServiceResponse>;

    internal sealed class Handler(CatalogDbContext db, IMapper mapper) : IRequestHandler<Query, ServiceResponse>
    {
        public Task<ServiceResponse> Handle(Query query, CancellationToken cancellationToken) =>
            ServiceLookup.ReadAsync(db, mapper, query.Id, cancellationToken);
    }
}
