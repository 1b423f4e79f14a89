using Catalog.Api.Domain.Negotiation;
using Catalog.Api.Infrastructure.Http;
using Catalog.Api.Infrastructure.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Features.Proposals;

public static class ListProposals
{
    /// <summary>Proposals newest last (id order, which is the order they were opened in), filtered; a customer key sees only its own.</summary>
    /// <param name="NewestFirst">The other way round, for a reader who looks for what it proposed last (the portal's list).</param>
    public sealed record Query(PageRequest Page, ProposalStatus? Status = null, Guid? ServiceId = null, Guid? CustomerId = null, Guid? ConsumerServiceId = null, bool NewestFirst = false) : IRequest<Page<ProposalResponse>>;

    internal sealed class Handler(CatalogDbContext db) : IRequestHandler<Query, Page<ProposalResponse>>
    {
        public async Task<Page<ProposalResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            var proposals = db.Proposals.AsNoTracking();

            if (query.CustomerId is { } customerId)
            {
                proposals = proposals.Where(p => p.CustomerId == customerId);
            }

            if (query.ConsumerServiceId is { } consumerServiceId)
            {
                proposals = proposals.Where(p => p.ConsumerServiceId == consumerServiceId);
            }

            if (query.ServiceId is { } serviceId)
            {
                proposals = proposals.Where(p => p.ServiceId == serviceId);
            }

            if (query.Status is { } status)
            {
                proposals = proposals.Where(p => p.Status == status);
            }

            if (query.Page.AfterId() is { } after)
            {
                proposals = query.NewestFirst ? proposals.Where(p => p.Id.CompareTo(after) < 0) : proposals.Where(p => p.Id.CompareTo(after) > 0);
            }

            var page = await (query.NewestFirst ? proposals.OrderByDescending(p => p.Id) : proposals.OrderBy(p => p.Id))
                .Include(p => p.Rounds).Include(p => p.Analyses).AsSplitQuery()
                .ToPageAsync(query.Page.Limit, p => p.Id.ToString(), cancellationToken);
            return new Page<ProposalResponse>(page.Items.Select(ProposalResponse.From).ToList(), page.NextCursor);
        }
    }
}
