using Catalog.Api.Domain.Agreements;
using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.Infrastructure.Problems;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Features.Agreements;

internal static class AgreementLookup
{
    /// <summary>The agreement with its versions, if the caller may see it; another customer's answers 404.</summary>
    public static async Task<Agreement> LoadAsync(CatalogDbContext db, Actor actor, Guid id, bool forUpdate, CancellationToken cancellationToken)
    {
        var agreements = db.Agreements.Include(a => a.Versions);
        var agreement = await (forUpdate ? agreements : agreements.AsNoTracking()).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (agreement is null || !actor.CanSeeCustomer(agreement.CustomerId))
        {
            throw new NotFoundException("agreement", id);
        }

        return agreement;
    }

    public static AgreementVersion VersionOf(Agreement agreement, int number) =>
        agreement.Versions.SingleOrDefault(v => v.Number == number) ?? throw new NotFoundException("agreement version", $"{agreement.Id}/versions/{number}");
}
