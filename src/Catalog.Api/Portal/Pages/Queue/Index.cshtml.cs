using Catalog.Api.Domain.Negotiation;
using Catalog.Api.Features.Customers;
using Catalog.Api.Features.Proposals;
using Catalog.Api.Features.Services;
using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Http;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Catalog.Api.Portal.Pages.Queue;

/// <summary>IT's queue: the proposals waiting for an analysis, oldest first, with the business unit and the service; paged like the API.</summary>
[Authorize(Policy = Policies.Curate)]
public sealed class QueueModel(IMediator mediator) : PageModel
{
    public const int PageSize = 25;

    /// <param name="CustomerName">Who asks: the business unit, or for an operational level agreement the service that relies on this one.</param>
    public sealed record Row(ProposalResponse Proposal, string CustomerName, string ServiceName);

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public IReadOnlyList<Row> Proposals { get; private set; } = [];

    public string? NextCursor { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var page = await mediator.Send(new ListProposals.Query(PageRequest.From(PageSize, Cursor), ProposalStatus.Submitted), cancellationToken);
        var services = new Dictionary<Guid, string>();
        var customers = new Dictionary<Guid, string>();
        foreach (var proposal in page.Items)
        {
            foreach (var serviceId in new[] { proposal.ServiceId, proposal.ConsumerServiceId }.OfType<Guid>().Where(id => !services.ContainsKey(id)))
            {
                services[serviceId] = (await mediator.Send(new GetService.Query(serviceId), cancellationToken)).Name;
            }

            if (proposal.CustomerId is { } customerId && !customers.ContainsKey(customerId))
            {
                customers[customerId] = (await mediator.Send(new GetCustomer.Query(customerId), cancellationToken)).Name;
            }
        }

        Proposals = page.Items.Select(p => new Row(p, Asker(p, customers, services), services[p.ServiceId])).ToList();
        NextCursor = page.NextCursor;
    }

    private static string Asker(ProposalResponse proposal, Dictionary<Guid, string> customers, Dictionary<Guid, string> services) =>
        proposal.CustomerId is { } customerId ? customers[customerId] : $"{services[proposal.ConsumerServiceId!.Value]} (a service relying on it)";
}
