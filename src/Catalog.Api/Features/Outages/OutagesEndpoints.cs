using Catalog.Api.Domain.Delivery;
using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Http;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Catalog.Api.Features.Outages;

public static class OutagesEndpoints
{
    public static IEndpointRouteBuilder MapOutages(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/outages").WithTags("Delivered service");

        group.MapGet("/", ListAsync).WithName("ListOutages")
            .WithSummary("Outages, newest last: of a service, in a period, of a kind, or still ongoing")
            .ProducesValidationProblem();
        group.MapPost("/", RecordAsync).WithName("RecordOutage")
            .WithSummary("Record an outage; the same source (system, reference) again answers the outage already recorded")
            .RequireAuthorization(Policies.RecordDelivery)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id:guid}", GetAsync).WithName("GetOutage")
            .WithSummary("Read an outage with its corrections")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/restoration", RestoreAsync).WithName("RestoreOutage")
            .WithSummary("Close an ongoing outage: the service works again")
            .RequireAuthorization(Policies.RecordDelivery)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/corrections", CorrectAsync).WithName("CorrectOutage")
            .WithSummary("Correct an outage's times or kind, with a reason kept in its history (needs If-Match)")
            .RequireAuthorization(Policies.RecordDelivery)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        return app;
    }

    private static async Task<Ok<Page<OutageResponse>>> ListAsync(
        HttpContext http, IMediator mediator, int? limit, string? cursor, Guid? serviceId, DateTime? from, DateTime? to, OutageKind? kind, bool? ongoing, CancellationToken cancellationToken)
    {
        var page = await mediator.Send(new ListOutages.Query(PageRequest.From(limit, cursor), serviceId, from, to, kind, ongoing), cancellationToken);
        return TypedResults.Ok(page.WithNextLink(http));
    }

    private static async Task<Results<Created<OutageResponse>, Ok<OutageResponse>>> RecordAsync(IMediator mediator, RecordOutage.OutageInput body, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new RecordOutage.Command(body), cancellationToken);
        return result.Created
            ? TypedResults.Created($"/api/v1/outages/{result.Outage.Id}", result.Outage)
            : TypedResults.Ok(result.Outage);
    }

    private static async Task<Ok<OutageResponse>> GetAsync(IMediator mediator, Guid id, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetOutage.Query(id), cancellationToken));

    private static async Task<Ok<OutageResponse>> RestoreAsync(IMediator mediator, Guid id, RestoreOutage.RestorationInput body, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new RestoreOutage.Command(id, body), cancellationToken));

    private static async Task<Ok<OutageResponse>> CorrectAsync(HttpContext http, IMediator mediator, Guid id, CorrectOutage.CorrectionInput body, CancellationToken cancellationToken)
    {
        var outage = await mediator.Send(new CorrectOutage.Command(id, body, IfMatch.From(http)), cancellationToken);
        return TypedResults.Ok(outage);
    }
}
