using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Catalog.Api.Features.Agreements;

public static class OpenSloEndpoints
{
    private const string Yaml = "application/yaml";

    public static IEndpointRouteBuilder MapOpenSlo(this IEndpointRouteBuilder app)
    {
        // A group of its own under the agreements' prefix keeps the operation beside theirs in the OpenAPI document.
        app.MapGroup("/api/v1/agreements").MapGet("/{id:guid}/versions/{number:int}/openslo", GetAsync)
            .WithTags("Agreements")
            .WithName("GetAgreementOpenSlo")
            .WithSummary("The version as OpenSLO v1 YAML for monitoring tools: a Service and one SLO per measurable target; a leading comment lists the targets OpenSLO cannot express")
            .Produces<Stream>(StatusCodes.Status200OK, Yaml)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<ContentHttpResult> GetAsync(IMediator mediator, Guid id, int number, CancellationToken cancellationToken)
    {
        var yaml = await mediator.Send(new GetOpenSloExport.Query(id, number), cancellationToken);
        return TypedResults.Text(yaml, Yaml + "; charset=utf-8");
    }
}
