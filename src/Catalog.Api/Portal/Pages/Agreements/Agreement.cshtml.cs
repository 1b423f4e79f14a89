using Catalog.Api.Domain.Delivery;
using Catalog.Api.Features.Agreements;
using Catalog.Api.Features.Attainment;
using Catalog.Api.Infrastructure.Figures;
using Catalog.Api.Infrastructure.Http;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Catalog.Api.Portal.Pages.Agreements;

/// <summary>
/// One agreement: the document of a version (the newest unless <c>?version=</c> names another) in the same words
/// as the API's document, every version, what changed from the one before, in words, and the last twelve months of
/// availability against the promise.
/// </summary>
public sealed class AgreementModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Version { get; set; }

    public AgreementResponse Agreement { get; private set; } = null!;

    public IReadOnlyList<AgreementVersionResponse> Versions { get; private set; } = [];

    public int Number { get; private set; }

    public GetAgreementDocument.Document Document { get; private set; } = null!;

    /// <summary>The document as HTML: Markdown composed by the domain, user text escaped, raw HTML and links off.</summary>
    public string DocumentHtml { get; private set; } = string.Empty;

    public string? Diff { get; private set; }

    /// <summary>The last twelve months, each judged by its availability promise (months without one are left out).</summary>
    public IReadOnlyList<ReviewGlance> Months { get; private set; } = [];

    /// <summary>The months as a chart, drawn by the review's own chart; null when no month had an availability promise.</summary>
    public string? Chart { get; private set; }

    public async Task OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        Agreement = await mediator.Send(new GetAgreement.Query(id), cancellationToken);
        Number = Version ?? Agreement.Current.Number;
        Document = await mediator.Send(new GetAgreementDocument.Query(id, Number), cancellationToken);
        DocumentHtml = PlainLanguage.Fragment([new PlainPart(Document.Markdown)], headingLevelsDown: 2);
        Versions = (await mediator.Send(new ListAgreementVersions.Query(id, new PageRequest(PageRequest.MaxLimit, null)), cancellationToken)).Items;
        if (Number > 1)
        {
            var diff = await mediator.Send(new GetVersionDiff.Query(id, Number, null), cancellationToken);
            Diff = PlainLanguage.Fragment([new PlainPart(diff.Markdown)], headingLevelsDown: 2);
        }

        var attainment = await mediator.Send(new GetAgreementAttainment.Query(id, null, null), cancellationToken);
        Months = attainment.Months
            .Select(m => ReviewGlance.Of(
                m.Month,
                m.Versions.SelectMany(v => v.Targets).Where(t => t.Metric == AttainmentRules.AvailabilityMetric).Select(t => (t.Target.Number, t.Achieved, t.Met)).ToList()))
            .Where(g => g.Target is not null)
            .ToList();
        Chart = AttainmentChart.Svg(attainment.ServiceName, Months);
    }
}
