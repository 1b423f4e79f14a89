using Catalog.Api.Infrastructure.ChangeFeed;
using Catalog.Api.Infrastructure.Persistence;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Catalog.Api.Infrastructure.Http;

namespace Catalog.Api.Features.Changes;

/// <summary>
/// The change feed in sequence order after a position. A reader that always asks for <c>after</c> = the last
/// sequence it saw never misses an event and never sees one twice (see <see cref="CatalogDbContext.SaveChangesAsync(bool, CancellationToken)"/>).
/// </summary>
public static class ListChanges
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public sealed record Query(long After, int Limit, IReadOnlyList<string> Types) : IRequest<ChangesResponse>;

    /// <param name="LastSequence">Where to continue: the last item's sequence, or <c>after</c> when there was nothing new.</param>
    public sealed record ChangesResponse(IReadOnlyList<ChangeResponse> Items, long LastSequence) : IListResponse;

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.After).GreaterThanOrEqualTo(0).OverridePropertyName("after");
            RuleFor(q => q.Limit).InclusiveBetween(1, MaxLimit).OverridePropertyName("limit");
            RuleForEach(q => q.Types).Must(ChangeTypes.All.Contains)
                .WithMessage(type => $"Unknown event type; known types: {string.Join(", ", ChangeTypes.All.Order(StringComparer.Ordinal))}.")
                .OverridePropertyName("types");
        }
    }

    internal sealed class Handler(CatalogDbContext db) : IRequestHandler<Query, ChangesResponse>
    {
        public async Task<ChangesResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            var events = db.ChangeEvents.AsNoTracking().Where(e => e.Sequence > query.After);
            if (query.Types.Count > 0)
            {
                var types = query.Types.ToList();
                events = events.Where(e => types.Contains(e.Type));
            }

            var rows = await events.OrderBy(e => e.Sequence).Take(query.Limit).ToListAsync(cancellationToken);
            var items = rows.Select(ChangeResponse.From).ToList();
            return new ChangesResponse(items, items.Count == 0 ? query.After : items[^1].Sequence);
        }
    }
}
