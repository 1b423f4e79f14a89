using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Catalog.Api.Portal.Pages;

/// <summary>
/// The portal's page for a status: an address that leads nowhere or to another customer's affairs (404), a form
/// without its token (400), a page the role may not open (403), or a refused request, with what the API said.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = string.Empty;

    public string Explanation { get; private set; } = string.Empty;

    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    // The status page answers every method: it is re-executed with the method of the request that failed.
    public void OnGet(int status) => Show(status);

    public void OnPost(int status) => Show(status);

    private void Show(int status)
    {
        Response.StatusCode = status is >= 400 and < 600 ? status : StatusCodes.Status404NotFound;
        var problem = HttpContext.Items[PortalExceptionFilter.ProblemItem] as ProblemDetails;
        Errors = (problem as HttpValidationProblemDetails)?.Errors ?? new Dictionary<string, string[]>();
        (Title, Explanation) = Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => ("Not found", "There is nothing at this address that you can see. It may have been mistyped, or belong to another business unit."),
            StatusCodes.Status403Forbidden => ("Not for your role", "Your key's role may not open this page."),
            StatusCodes.Status400BadRequest when problem is null => ("The form could not be accepted", "The form had expired or did not come from this portal. Go back, reload the page and send it again."),
            StatusCodes.Status429TooManyRequests => ("Too many requests", "Wait a few seconds and try again."),
            _ => (problem?.Title ?? "The request could not be completed", problem?.Detail ?? "Go back and try again."),
        };
        if (problem is not null && Response.StatusCode != StatusCodes.Status404NotFound && problem.Detail is { } detail && Errors.Count == 0)
        {
            Explanation = detail;
        }
    }
}
