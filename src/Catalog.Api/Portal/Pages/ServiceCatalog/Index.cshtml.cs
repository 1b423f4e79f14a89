using Catalog.Api.Domain.Services;
using Catalog.Api.Features.Services;
using Catalog.Api.Infrastructure.Http;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Catalog.Api.Portal.Pages.ServiceCatalog;

/// <summary>The catalog in plain language, paged like the API's list.</summary>
public sealed class CatalogModel(IMediator mediator) : PageModel
{
    public const int PageSize = 24;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public IReadOnlyList<ServiceResponse> Services { get; private set; } = [];

    public string? NextCursor { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var page = await mediator.Send(new ListServices.Query(PageRequest.From(PageSize, Cursor), Q: Q), cancellationToken);
        (Services, NextCursor) = (page.Items, page.NextCursor);
    }

    public static string Describe(ServiceKind kind) => kind == ServiceKind.Business ? "business service" : "supporting service";

    public static string Describe(Lifecycle lifecycle) => lifecycle switch
    {
        Lifecycle.Live => "live",
        Lifecycle.Pipeline => "coming",
        _ => lifecycle.ToString().ToLowerInvariant(),
    };
}
