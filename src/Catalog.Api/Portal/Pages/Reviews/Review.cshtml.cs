using Catalog.Api.Features.Reviews;
using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Http;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Catalog.Api.Portal.Pages.Reviews;

/// <summary>
/// One month's service review, in the same words and with the same charts as the API's printable review, a page of
/// agreements at a time: the summary of the whole month on each page, then the agreements in full by service name.
/// </summary>
[Authorize(Roles = Roles.Customer)]
public sealed class ReviewModel(IMediator mediator, Actor actor) : PageModel
{
    public const int AgreementsPerPage = 10;

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public string Title { get; private set; } = string.Empty;

    /// <summary>The review as HTML: Markdown composed by the domain, user text escaped, each chart after its agreement.</summary>
    public string Html { get; private set; } = string.Empty;

    public string? NextCursor { get; private set; }

    /// <summary>Whether this page continues the review rather than starting it.</summary>
    public bool Continued { get; private set; }

    public async Task OnGetAsync(string month, CancellationToken cancellationToken)
    {
        var page = PageRequest.From(AgreementsPerPage, Cursor);
        var review = await mediator.Send(new GetServiceReview.Query(actor.CustomerId!.Value, month, page, "/portal/proposals/new"), cancellationToken);
        Title = review.Title;
        Html = PlainLanguage.Fragment(review.Parts);
        NextCursor = review.Document.NextCursor;
        Continued = Cursor is not null;
    }
}
