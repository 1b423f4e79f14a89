using Catalog.Api.Domain.Agreements;
using Catalog.Api.Domain.Negotiation;
using Catalog.Api.Domain.Services;
using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.Infrastructure.Problems;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Features.Proposals;

internal static class ProposalLookup
{
    /// <summary>
    /// The whole proposal (rounds, analyses, timeline), or 404; another customer's is not found either (the
    /// tenancy filter). Tracked when <paramref name="forUpdate"/>.
    /// </summary>
    public static async Task<Proposal> LoadAsync(CatalogDbContext db, Guid id, bool forUpdate, CancellationToken cancellationToken)
    {
        var proposals = db.Proposals.Include(p => p.Rounds).Include(p => p.Analyses).Include(p => p.Events).AsSplitQuery();
        return await (forUpdate ? proposals : proposals.AsNoTracking()).SingleOrDefaultAsync(p => p.Id == id, cancellationToken)
            ?? throw new NotFoundException("proposal", id);
    }

    /// <summary>Where the agreement this proposal would extend stands: what the analysis prices an option against.</summary>
    public static async Task<AgreementStanding> StandingAsync(CatalogDbContext db, Proposal proposal, CancellationToken cancellationToken)
    {
        var agreement = await db.Agreements.AsNoTracking().Include(a => a.Versions)
            .SingleOrDefaultAsync(a => a.ServiceId == proposal.ServiceId && a.CustomerId == proposal.CustomerId, cancellationToken);
        return agreement?.Standing ?? AgreementStanding.None;
    }

    /// <summary>The proposal's service, untracked: the domain decides whether it still takes work.</summary>
    public static Task<Service> ServiceOfAsync(CatalogDbContext db, Proposal proposal, CancellationToken cancellationToken) =>
        db.Services.AsNoTracking().SingleAsync(s => s.Id == proposal.ServiceId, cancellationToken);
}
