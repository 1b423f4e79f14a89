using Catalog.Api.Features.Agreements;
using Catalog.Api.Infrastructure.Http;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Catalog.Api.Portal.Pages.Agreements;

/// <summary>
/// One agreement: the document of a version (the newest unless <c>?version=</c> names another) in the same words
/// as the API's document, every version, and what changed from the one before, in words.
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

    public async Task OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        Agreement = await mediator.Send(new GetAgreement.Query(id), cancellationToken);
        Number = Version ?? Agreement.Current.Number;
        Document = await mediator.Send(new GetAgreementDocument.Query(id, Number), cancellationToken);
        DocumentHtml = PlainLanguage.Fragment([new PlainPart(Document.Markdown)], headingLevelsDown: 1);
        Versions = (await mediator.Send(new ListAgreementVersions.Query(id, new PageRequest(PageRequest.MaxLimit, null)), cancellationToken)).Items;
        if (Number > 1)
        {
            var diff = await mediator.Send(new GetVersionDiff.Query(id, Number, null), cancellationToken);
            Diff = PlainLanguage.Fragment([new PlainPart(diff.Markdown)], headingLevelsDown: 2);
        }
    }
}
