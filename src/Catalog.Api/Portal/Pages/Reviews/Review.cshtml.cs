using Catalog.Api.Features.Reviews;
using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Http;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Catalog.Api.Portal.Pages.Reviews;

/// <summary>One month's service review, in the same words and with the same charts as the API's printable review.</summary>
[Authorize(Roles = Roles.Customer)]
public sealed class ReviewModel(IMediator mediator, Actor actor) : PageModel
{
    public string Title { get; private set; } = string.Empty;

    /// <summary>The review as HTML: Markdown composed by the domain, user text escaped, each chart after its agreement.</summary>
    public string Html { get; private set; } = string.Empty;

    public async Task OnGetAsync(string month, CancellationToken cancellationToken)
    {
        var review = await mediator.Send(new GetServiceReview.Query(actor.CustomerId!.Value, month), cancellationToken);
        Title = review.Title;
        Html = PlainLanguage.Fragment(review.Parts);
    }
}
