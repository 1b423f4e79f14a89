using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Http;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Catalog.Api.Features.Metrics;

public static class MetricsEndpoints
{
    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/metrics").WithTags("Metrics");

        group.MapGet("/", ListAsync).WithName("ListMetrics")
            .WithSummary("The target vocabulary: built-in and custom metrics")
            .ProducesValidationProblem();
        group.MapPost("/", CreateAsync).WithName("CreateMetric")
            .WithSummary("Add a custom metric with a unit and a direction")
            .RequireAuthorization(Policies.Administer)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id:guid}", GetAsync).WithName("GetMetric")
            .WithSummary("Read a metric")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Ok<Page<MetricResponse>>> ListAsync(HttpContext http, IMediator mediator, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var page = await mediator.Send(new ListMetrics.Query(PageRequest.From(limit, cursor)), cancellationToken);
        return TypedResults.Ok(page.WithNextLink(http));
    }

    private static async Task<Created<MetricResponse>> CreateAsync(IMediator mediator, CreateMetric.MetricInput body, CancellationToken cancellationToken)
    {
        var metric = await mediator.Send(new CreateMetric.Command(body), cancellationToken);
        return TypedResults.Created($"/api/v1/metrics/{metric.Id}", metric);
    }

    private static async Task<Ok<MetricResponse>> GetAsync(IMediator mediator, Guid id, CancellationToken cancellationToken)
    {
        var metric = await mediator.Send(new GetMetric.Query(id), cancellationToken);
        return TypedResults.Ok(metric);
    }
}
