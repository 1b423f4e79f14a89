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
        app.MapGet("/api/v1/customers/{id:guid}/attainment", GetForCustomerAsync).WithTags("Delivered service").WithName("GetCustomerAttainment")
            .WithSummary("A customer's month across all its agreements, in its time zone, with how many targets were met, missed, at risk or not measured")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/api/v1/services/{id:guid}/attainment", GetForServiceAsync).WithTags("Delivered service").WithName("GetServiceAttainment")
            .WithSummary("A service's month across all its customers, each agreement in its customer's time zone, with how many targets were met, missed, at risk or not measured")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Ok<AttainmentResponse>> GetForAgreementAsync(IMediator mediator, Guid id, string? from, string? to, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetAgreementAttainment.Query(id, from, to), cancellationToken));

    private static async Task<Ok<GetCustomerAttainment.CustomerAttainmentResponse>> GetForCustomerAsync(IMediator mediator, Guid id, string? month, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetCustomerAttainment.Query(id, month), cancellationToken));

    private static async Task<Ok<GetServiceAttainment.ServiceAttainmentResponse>> GetForServiceAsync(IMediator mediator, Guid id, string? month, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetServiceAttainment.Query(id, month), cancellationToken));
}
