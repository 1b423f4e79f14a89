using Catalog.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Catalog.Api.Portal.Forms;

/// <summary>
/// A page whose form sends a use case. A refusal (bad input, a rule of the negotiation, a conflict) goes through the
/// API's one exception-to-problem mapping and is shown beside the form, with what the person typed kept and the
/// problem's status on the response; the use case stored nothing. An id that leads nowhere, or to another customer's
/// affairs, is still the portal's 404 page.
/// </summary>
public abstract class FormPage : PageModel
{
    public FormErrors Errors { get; } = new();

    /// <summary>Sends the use case; false, with the problem in <see cref="Errors"/>, when it refused.</summary>
    /// <param name="fieldOf">Maps a field the API names (<c>targets[0].value</c>) to the form's own, where they differ.</param>
    protected async Task<bool> TryAsync(Func<Task> send, Func<string, string>? fieldOf = null)
    {
        if (Errors.Any)
        {
            // The form itself could not be read (a number that is not one): the use case is not asked.
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return false;
        }

        try
        {
            await send();
            return true;
        }
        catch (Exception exception) when (Refusal(exception) is { } status)
        {
            Errors.Add(ProblemDetailsExceptionHandler.ToProblem(exception), fieldOf);
            Response.StatusCode = status;
            return false;
        }
    }

    // A refusal the person can act on by changing the form; a 404 is the portal's not-found page, a failure the API's.
    private static int? Refusal(Exception exception) =>
        ProblemDetailsExceptionHandler.ToProblem(exception).Status is { } status and (400 or 409 or 412 or 422) ? status : null;
}
