using Catalog.Api.Domain.Agreements;
using Catalog.Api.Features.Agreements;
using Catalog.Api.Features.Services;
using Catalog.Api.Infrastructure.Http;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Catalog.Api.Portal.Pages.Agreements;

/// <summary>The business unit's agreements, paged like the API's list.</summary>
public sealed class AgreementsModel(IMediator mediator) : PageModel
{
    public const int PageSize = 25;

    public sealed record Row(AgreementResponse Agreement, string ServiceName);

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public IReadOnlyList<Row> Agreements { get; private set; } = [];

    public string? NextCursor { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var page = await mediator.Send(new ListAgreements.Query(PageRequest.From(PageSize, Cursor)), cancellationToken);
        var rows = new List<Row>();
        foreach (var agreement in page.Items)
        {
            var service = await mediator.Send(new GetService.Query(agreement.ServiceId), cancellationToken);
            rows.Add(new Row(agreement, service.Name));
        }

        (Agreements, NextCursor) = (rows, page.NextCursor);
    }

    public static string Describe(AgreementResponse agreement) => agreement.Status switch
    {
        AgreementStatus.Terminated => "ended",
        _ when agreement.InForce is null => "signed, not yet in force",
        _ when agreement.InForce.Number != agreement.Current.Number => $"version {agreement.Current.Number} takes effect {Show.Date(agreement.Current.EffectiveFrom)}",
        _ => "in force",
    };
}
