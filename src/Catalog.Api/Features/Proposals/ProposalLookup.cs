using Catalog.Api.Domain.Agreements;
using Catalog.Api.Domain.Negotiation;
using Catalog.Api.Domain.Services;
using Catalog.Api.Infrastructure.Auth;
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

    /// <summary>
    /// Refuses a decision (submit, revise, accept, withdraw) by anyone the proposal does not name as its decider: an IT
    /// lead on a customer's proposal, another IT lead on an operational level agreement's.
    /// </summary>
    public static void EnsureMayDecide(Proposal proposal, Actor actor)
    {
        if (!proposal.MayBeDecidedBy(actor.Ref))
        {
            var who = $"An API key with the role '{Roles.Name(actor.Role)}' may not decide this proposal";
            throw new ForbiddenException(proposal.ConsumerServiceId is null
                ? $"{who}: only the customer submits, revises, accepts or withdraws its own proposal."
                : $"{who}: between services, the key that opened it decides, or an admin.");
        }
    }

    /// <summary>Where the agreement this proposal would extend stands: what the analysis prices an option against.</summary>
    public static async Task<AgreementStanding> StandingAsync(CatalogDbContext db, Proposal proposal, CancellationToken cancellationToken)
    {
        var agreement = await AgreementOfAsync(db, proposal, cancellationToken);
        return agreement?.Standing ?? AgreementStanding.None;
    }

    /// <summary>The agreement between the proposal's service and its consumer, untracked, with its versions; null before the first.</summary>
    public static Task<Agreement?> AgreementOfAsync(CatalogDbContext db, Proposal proposal, CancellationToken cancellationToken) =>
        AgreementsOf(db, proposal).AsNoTracking().Include(a => a.Versions).SingleOrDefaultAsync(cancellationToken);

    /// <summary>The agreement (at most one) for the same service and the same consumer, customer or service.</summary>
    public static IQueryable<Agreement> AgreementsOf(CatalogDbContext db, Proposal proposal) =>
        db.Agreements.Where(a => a.ServiceId == proposal.ServiceId && a.CustomerId == proposal.CustomerId && a.ConsumerServiceId == proposal.ConsumerServiceId);

    /// <summary>The proposal's service, untracked: the domain decides whether it still takes work.</summary>
    public static Task<Service> ServiceOfAsync(CatalogDbContext db, Proposal proposal, CancellationToken cancellationToken) =>
        db.Services.AsNoTracking().SingleAsync(s => s.Id == proposal.ServiceId, cancellationToken);
}
