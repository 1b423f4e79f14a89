using Catalog.Api.Features.Proposals;
using Catalog.Api.Features.Services;
using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Http;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Catalog.Api.Portal.Pages.Proposals;

/// <summary>The business unit's proposals, newest first, paged like the API's list.</summary>
// The business unit's side of the negotiation; IT leads negotiate between services through the API.
[Authorize(Roles = Roles.Customer)]
public sealed class ProposalsModel(IMediator mediator) : PageModel
{
    public const int PageSize = 25;

    public sealed record Row(ProposalResponse Proposal, string ServiceName);

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public IReadOnlyList<Row> Proposals { get; private set; } = [];

    public string? NextCursor { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var page = await mediator.Send(new ListProposals.Query(PageRequest.From(PageSize, Cursor), NewestFirst: true), cancellationToken);
        var names = new Dictionary<Guid, string>();
        foreach (var serviceId in page.Items.Select(p => p.ServiceId).Distinct())
        {
            names[serviceId] = (await mediator.Send(new GetService.Query(serviceId), cancellationToken)).Name;
        }

        (Proposals, NextCursor) = (page.Items.Select(p => new Row(p, names[p.ServiceId])).ToList(), page.NextCursor);
    }
}
