using AutoMapper;
using AutoMapper.QueryableExtensions;
using Catalog.Api.Infrastructure.Http;
using Catalog.Api.Infrastructure.Persistence;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Features.Customers;

public static class ListCustomers
{
    /// <summary>Customers in key order; a customer key sees only its own customer.</summary>
    public sealed record Query(PageRequest Page, string? Key = null, string? Q = null, DateTime? UpdatedSince = null) : IRequest<Page<CustomerResponse>>;

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Q).MaximumLength(200);
            RuleFor(q => q.Key).MaximumLength(64);
        }
    }

    internal sealed class Handler(CatalogDbContext db, IMapper mapper) : IRequestHandler<Query, Page<CustomerResponse>>
    {
        public Task<Page<CustomerResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            var customers = db.Customers.AsNoTracking();

            if (query.Key is not null)
            {
                customers = customers.Where(c => c.Key == query.Key);
            }

            if (!string.IsNullOrWhiteSpace(query.Q))
            {
                var q = query.Q.Trim().ToLowerInvariant();
                customers = customers.Where(c => c.SearchText.Contains(q));
            }

            if (query.UpdatedSince is { } since)
            {
                customers = customers.Where(c => c.UpdatedAt >= since);
            }

            if (query.Page.After is { } after)
            {
                customers = customers.Where(c => string.Compare(c.Key, after) > 0);
            }

            return customers.OrderBy(c => c.Key)
                .ProjectTo<CustomerResponse>(mapper.ConfigurationProvider)
                .ToPageAsync(query.Page.Limit, c => c.Key, cancellationToken);
        }
    }
}
