using AutoMapper;
using Catalog.Api.Infrastructure.Persistence;
using MediatR;

namespace Catalog.Api.Features.Customers;

public static class GetCustomer
{
    public sealed record Query(Guid Id) : IRequest<CustomerResponse>;

    internal sealed class Handler(CatalogDbContext db, IMapper mapper) : IRequestHandler<Query, CustomerResponse>
    {
        public Task<CustomerResponse> Handle(Query query, CancellationToken cancellationToken) =>
            CustomerLookup.ReadAsync(db, mapper, query.Id, cancellationToken);
    }
}
