using Catalog.Api.Domain.Services;
using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Caching;
using Catalog.Api.Infrastructure.ChangeFeed;
using Catalog.Api.Infrastructure.Http;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Catalog.Api.Features.Services;

public static class ServicesEndpoints
{
    public static IEndpointRouteBuilder MapServices(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/services").WithTags("Services");

        group.MapGet("/", ListAsync).WithName("ListServices")
            .WithSummary("List services, filtered and paged by cursor")
            .ProducesValidationProblem()
            .CacheListUntilChanged(SubjectTypes.Service);
        group.MapPost("/", CreateAsync).WithName("CreateService")
            .WithSummary("Add a service to the catalog (it starts in the pipeline)")
            .RequireAuthorization(Policies.Curate)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id:guid}", GetAsync).WithName("GetService")
            .WithSummary("Read a service")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .CacheUntilChanged(SubjectTypes.Service);
        group.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateService")
            .WithSummary("Replace a service's description, cost, alternatives and dependencies (If-Match required)")
            .RequireAuthorization(Policies.Curate)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        group.MapPost("/{id:guid}/lifecycle", ChangeLifecycleAsync).WithName("ChangeServiceLifecycle")
            .WithSummary("Move a service from pipeline to live to retired (retired is final)")
            .RequireAuthorization(Policies.Curate)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapGet("/{id:guid}/impact", GetImpactAsync).WithName("GetServiceImpact")
            .WithSummary("Every service, customer and agreement affected if this service fails")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/cost-comparison", GetCostComparisonAsync).WithName("GetServiceCostComparison")
            .WithSummary("The service's unit cost against each external alternative, for a number of units")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Ok<Page<ServiceResponse>>> ListAsync(
        HttpContext http,
        IMediator mediator,
        int? limit,
        string? cursor,
        string? key,
        string? lifecycle,
        string? kind,
        string? category,
        string? q,
        DateTimeOffset? updatedSince,
        CancellationToken cancellationToken)
    {
        var query = new ListServices.Query(
            PageRequest.From(limit, cursor),
            key,
            QueryValues.Enum<Lifecycle>(lifecycle, nameof(lifecycle)),
            QueryValues.Enum<ServiceKind>(kind, nameof(kind)),
            category,
            q,
            updatedSince?.UtcDateTime);
        var page = await mediator.Send(query, cancellationToken);
        return TypedResults.Ok(page.WithNextLink(http));
    }

    private static async Task<Created<ServiceResponse>> CreateAsync(IMediator mediator, ServiceInput body, CancellationToken cancellationToken)
    {
        var service = await mediator.Send(new CreateService.Command(body), cancellationToken);
        return TypedResults.Created($"/api/v1/services/{service.Id}", service);
    }

    private static async Task<Ok<ServiceResponse>> GetAsync(IMediator mediator, Guid id, CancellationToken cancellationToken)
    {
        var service = await mediator.Send(new GetService.Query(id), cancellationToken);
        return TypedResults.Ok(service);
    }

    private static async Task<Ok<ServiceResponse>> UpdateAsync(HttpContext http, IMediator mediator, Guid id, ServiceInput body, CancellationToken cancellationToken)
    {
        var service = await mediator.Send(new UpdateService.Command(id, body, IfMatch.From(http)), cancellationToken);
        return TypedResults.Ok(service);
    }

    private static async Task<Ok<ServiceResponse>> ChangeLifecycleAsync(
        HttpContext http, IMediator mediator, Guid id, ChangeServiceLifecycle.LifecycleInput body, CancellationToken cancellationToken)
    {
        var service = await mediator.Send(new ChangeServiceLifecycle.Command(id, body.Lifecycle, IfMatch.From(http)), cancellationToken);
        return TypedResults.Ok(service);
    }

    private static async Task<Ok<GetServiceImpact.ImpactResponse>> GetImpactAsync(
        IMediator mediator, Guid id, CancellationToken cancellationToken)
    {
        var impact = await mediator.Send(new GetServiceImpact.Query(id), cancellationToken);
        return TypedResults.Ok(impact);
    }

    private static async Task<Ok<GetCostComparison.CostComparisonResponse>> GetCostComparisonAsync(
        IMediator mediator, Guid id, int? units, CancellationToken cancellationToken)
    {
        var comparison = await mediator.Send(new GetCostComparison.Query(id, units), cancellationToken);
        return TypedResults.Ok(comparison);
    }
}
