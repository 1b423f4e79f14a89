using Catalog.Api.Domain.Services;
using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.Infrastructure.Problems;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Features.Services;

/// <summary>What the service costs for a number of units, against what the business could buy instead.</summary>
public static class GetCostComparison
{
    public const int MaxUnits = 10_000_000;

    public sealed record Query(Guid Id, int? Units) : IRequest<CostComparisonResponse>;

    public sealed record CostComparisonResponse(
        Guid ServiceId,
        string ServiceKey,
        string ServiceName,
        string Unit,
        int Units,
        CostComparison.CostLine Own,
        IReadOnlyList<CostComparison.AlternativeLine> Alternatives);

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Units).NotNull().InclusiveBetween(1, MaxUnits).OverridePropertyName("units");
    }

    internal sealed class Handler(CatalogDbContext db) : IRequestHandler<Query, CostComparisonResponse>
    {
        public async Task<CostComparisonResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            var service = await db.Services.AsNoTracking()
                .Where(s => s.Id == query.Id)
                .Select(s => new { s.Id, s.Key, s.Name, s.Cost, s.Alternatives })
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("service", query.Id);
            var comparison = CostComparison.Compare(service.Cost, service.Alternatives, query.Units!.Value);
            return new CostComparisonResponse(service.Id, service.Key, service.Name, service.Cost.Unit, comparison.Units, comparison.Own, comparison.Alternatives);
        }
    }
}
