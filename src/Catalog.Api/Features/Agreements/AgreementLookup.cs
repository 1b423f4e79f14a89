using Catalog.Api.Domain.Agreements;
using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.Infrastructure.Problems;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Features.Agreements;

internal static class AgreementLookup
{
    /// <summary>The agreement with its versions, or 404; another customer's is not found either (the tenancy filter).</summary>
    public static async Task<Agreement> LoadAsync(CatalogDbContext db, Guid id, bool forUpdate, CancellationToken cancellationToken)
    {
        var agreements = db.Agreements.Include(a => a.Versions);
        return await (forUpdate ? agreements : agreements.AsNoTracking()).SingleOrDefaultAsync(a => a.Id == id, cancellationToken)
            ?? throw new NotFoundException("agreement", id);
    }

    /// <summary>The current version of every active agreement, for views that list what is agreed (impact).</summary>
    public static IQueryable<CurrentVersion> CurrentVersions(CatalogDbContext db) =>
        db.Agreements.AsNoTracking()
            .Where(a => a.Status == AgreementStatus.Active)
            .SelectMany(
                a => a.Versions.Where(v => v.Number == a.CurrentVersion),
                (a, v) => new CurrentVersion
                {
                    AgreementId = a.Id,
                    ServiceId = a.ServiceId,
                    CustomerId = a.CustomerId,
                    ConsumerServiceId = a.ConsumerServiceId,
                    Number = v.Number,
                    MonthlyCharge = v.MonthlyCharge,
                    Currency = v.Currency,
                });

    /// <summary>Built by member initialisation, not a constructor, so that EF Core can filter and join on it further.</summary>
    public sealed record CurrentVersion
    {
        public Guid AgreementId { get; init; }

        public Guid ServiceId { get; init; }

        public Guid? CustomerId { get; init; }

        public Guid? ConsumerServiceId { get; init; }

        public int Number { get; init; }

        public decimal MonthlyCharge { get; init; }

        public required string Currency { get; init; }
    }

    public static AgreementVersion VersionOf(Agreement agreement, int number) =>
        agreement.Versions.SingleOrDefault(v => v.Number == number) ?? throw new NotFoundException("agreement version", $"{agreement.Id}/versions/{number}");
}
