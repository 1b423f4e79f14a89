using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Catalog.Api.Features.Attainment;

public static class AttainmentEndpoints
{
    public static IEndpointRouteBuilder MapAttainment(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/agreements/{id:guid}/attainment", GetForAgreementAsync).WithTags("Delivered service").WithName("GetAgreementAttainment")
            .WithSummary("What was delivered, month by month in the customer's time zone, against the version in force")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Ok<AttainmentResponse>> GetForAgreementAsync(IMediator mediator, Guid id, string? from, string? to, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetAgreementAttainment.Query(id, from, to), cancellationToken));
}
