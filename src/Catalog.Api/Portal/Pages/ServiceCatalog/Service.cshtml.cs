using Catalog.Api.Features.Services;
using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Catalog.Api.Portal.Pages.ServiceCatalog;

/// <summary>One service: what it is, what it costs the reader, what else could be bought, and what it depends on.</summary>
public sealed class ServiceModel(IMediator mediator) : PageModel
{
    public ServiceResponse Service { get; private set; } = null!;

    public async Task OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        Service = await mediator.Send(new GetService.Query(id), cancellationToken);
    }
}
