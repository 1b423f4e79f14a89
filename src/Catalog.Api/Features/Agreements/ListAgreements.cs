using Catalog.Api.Domain.Agreements;
using Catalog.Api.Infrastructure.Http;
using Catalog.Api.Infrastructure.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Features.Agreements;

public static class ListAgreements
{
    /// <summary>Agreements in the order they were opened, filtered; a customer key sees only its own.</summary>
    public sealed record Query(PageRequest Page, Guid? ServiceId = null, Guid? CustomerId = null, AgreementStatus? Status = null, Guid? ConsumerServiceId = null) : IRequest<Page<AgreementResponse>>;

    internal sealed class Handler(CatalogDbContext db, TimeProvider clock) : IRequestHandler<Query, Page<AgreementResponse>>
    {
        public async Task<Page<AgreementResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            var agreements = db.Agreements.AsNoTracking();

            if (query.ServiceId is { } serviceId)
            {
                agreements = agreements.Where(a => a.ServiceId == serviceId);
            }

            if (query.CustomerId is { } customerId)
            {
                agreements = agreements.Where(a => a.CustomerId == customerId);
            }

            if (query.ConsumerServiceId is { } consumerServiceId)
            {
                agreements = agreements.Where(a => a.ConsumerServiceId == consumerServiceId);
            }

            if (query.Status is { } status)
            {
                agreements = agreements.Where(a => a.Status == status);
            }

            if (query.Page.AfterId() is { } after)
            {
                agreements = agreements.Where(a => a.Id.CompareTo(after) > 0);
            }

            var page = await agreements.OrderBy(a => a.Id).Include(a => a.Versions).ToPageAsync(query.Page.Limit, a => a.Id.ToString(), cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            return new Page<AgreementResponse>(page.Items.Select(a => AgreementResponse.From(a, now)).ToList(), page.NextCursor);
        }
    }
}
