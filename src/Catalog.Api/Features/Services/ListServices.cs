using AutoMapper;
using AutoMapper.QueryableExtensions;
using Catalog.Api.Domain.Services;
using Catalog.Api.Infrastructure.Http;
using Catalog.Api.Infrastructure.Persistence;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Features.Services;

public static class ListServices
{
    /// <summary>Services in key order, filtered; <paramref name="Q"/> matches key, name, summary and category, ignoring case.</summary>
    public sealed record Query(
        PageRequest Page,
        string? Key = null,
        Lifecycle? Lifecycle = null,
        ServiceKind? Kind = null,
        string? Category = null,
        string? Q = null,
        DateTime? UpdatedSince = null) : IRequest<Page<ServiceResponse>>;

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Q).MaximumLength(200);
            RuleFor(q => q.Category).MaximumLength(100);
            RuleFor(q => q.Key).MaximumLength(64);
        }
    }

    internal sealed class Handler(CatalogDbContext db, IMapper mapper) : IRequestHandler<Query, Page<ServiceResponse>>
    {
        public Task<Page<ServiceResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            var services = db.Services.AsNoTracking();
            if (query.Key is not null)
            {
                services = services.Where(s => s.Key == query.Key);
            }

            if (query.Lifecycle is { } lifecycle)
            {
                services = services.Where(s => s.Lifecycle == lifecycle);
            }

            if (query.Kind is { } kind)
            {
                services = services.Where(s => s.Kind == kind);
            }

            if (query.Category is not null)
            {
                services = services.Where(s => s.Category == query.Category);
            }

            if (!string.IsNullOrWhiteSpace(query.Q))
            {
                var q = query.Q.Trim().ToLowerInvariant();
                services = services.Where(s => s.SearchText.Contains(q));
            }

            if (query.UpdatedSince is { } since)
            {
                services = services.Where(s => s.UpdatedAt >= since);
            }

            if (query.Page.After is { } after)
            {
                services = services.Where(s => string.Compare(s.Key, after) > 0);
            }

            return services.OrderBy(s => s.Key)
                .ProjectTo<ServiceResponse>(mapper.ConfigurationProvider)
                .ToPageAsync(query.Page.Limit, s => s.Key, cancellationToken);
        }
    }
}
