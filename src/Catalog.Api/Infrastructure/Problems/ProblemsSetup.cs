namespace Catalog.Api.Infrastructure.Problems;

public static class ProblemsSetup
{
    public static IServiceCollection AddCatalogProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var status = problem.Status ?? context.HttpContext.Response.StatusCode;

            // Status-code-only failures (unknown route, wrong verb, rate limit) get a stable type as well.
            if (problem.Type is null || problem.Type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal))
            {
                problem.Type = ProblemTypes.ForStatus(status);
            }

            problem.Instance ??= context.HttpContext.Request.Path;
            var request = context.HttpContext.Request;
            problem.Detail ??= status switch
            {
                StatusCodes.Status404NotFound => $"Nothing exists at {request.Path}; check the address and the id.",
                StatusCodes.Status405MethodNotAllowed => $"{request.Path} does not accept {request.Method}; the OpenAPI document at /openapi/v1.json lists what it does accept.",
                StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json.",
                _ => problem.Title,
            };
        });
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }
}
