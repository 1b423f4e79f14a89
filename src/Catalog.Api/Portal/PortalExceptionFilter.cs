using Catalog.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Catalog.Api.Portal;

/// <summary>
/// A page's failure becomes the portal's status page, through the API's one exception-to-problem mapping: an id that
/// does not exist or belongs to another customer is the 404 page, a refused rule a page that says why.
/// </summary>
internal sealed class PortalExceptionFilter : IAsyncPageFilter
{
    /// <summary>The problem the status page shows, kept on the request it re-executes.</summary>
    public const string ProblemItem = "portal-problem";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is not { } exception || executed.ExceptionHandled)
        {
            return;
        }

        var problem = ProblemDetailsExceptionHandler.ToProblem(exception);
        var status = problem.Status ?? StatusCodes.Status500InternalServerError;
        if (status >= StatusCodes.Status500InternalServerError)
        {
            // Logged and answered by the API's own handler, as any other failure.
            return;
        }

        context.HttpContext.Items[ProblemItem] = problem;
        executed.Result = new StatusCodeResult(status);
        executed.ExceptionHandled = true;
    }
}
