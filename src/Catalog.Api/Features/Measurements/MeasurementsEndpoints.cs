using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Http;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Catalog.Api.Features.Measurements;

public static class MeasurementsEndpoints
{
    public static IEndpointRouteBuilder MapMeasurements(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/services/{serviceId:guid}/measurements").WithTags("Delivered service");

        group.MapGet("/", ListAsync).WithName("ListMeasurements")
            .WithSummary("What integrators measured for the service, month by month")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", RecordAsync).WithName("RecordMeasurement")
            .WithSummary("Report a month's measured value; the same source and month again replaces its value")
            .RequireAuthorization(Policies.RecordDelivery)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Ok<Page<MeasurementResponse>>> ListAsync(HttpContext http, IMediator mediator, Guid serviceId, int? limit, string? cursor, string? metric, string? period, CancellationToken cancellationToken)
    {
        var page = await mediator.Send(new ListMeasurements.Query(serviceId, PageRequest.From(limit, cursor), metric, period), cancellationToken);
        return TypedResults.Ok(page.WithNextLink(http));
    }

    private static async Task<Results<Created<MeasurementResponse>, Ok<MeasurementResponse>>> RecordAsync(IMediator mediator, Guid serviceId, RecordMeasurement.MeasurementInput body, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new RecordMeasurement.Command(serviceId, body), cancellationToken);
        return result.Created
            ? TypedResults.Created($"/api/v1/services/{serviceId}/measurements?period={result.Measurement.Period}&metric={result.Measurement.Metric}", result.Measurement)
            : TypedResults.Ok(result.Measurement);
    }
}
