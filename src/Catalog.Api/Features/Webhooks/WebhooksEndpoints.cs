using Catalog.Api.Infrastructure.Http;
using Catalog.Api.Infrastructure.Webhooks;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Catalog.Api.Features.Webhooks;

public static class WebhooksEndpoints
{
    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/webhooks").WithTags("Webhooks").RequireAuthorization(WebhookSetup.ManagePolicy);

        group.MapGet("/", ListAsync).WithName("ListWebhooks")
            .WithSummary("List webhook subscriptions (an integrator sees its own key's; never their secrets)")
            .ProducesValidationProblem();
        group.MapPost("/", CreateAsync).WithName("CreateWebhook")
            .WithSummary("Subscribe a URL to change event types; the signing secret is in this response only")
            .ProducesValidationProblem();
        group.MapGet("/{id:guid}", GetAsync).WithName("GetWebhook")
            .WithSummary("Read a webhook subscription")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteWebhook")
            .WithSummary("Delete a subscription: it is disabled and kept, with its delivery log")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/deliveries", ListDeliveriesAsync).WithName("ListWebhookDeliveries")
            .WithSummary("The delivery log, newest event first: status, attempts with status codes and latency, next attempt")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/deliveries/{deliveryId:guid}", GetDeliveryAsync).WithName("GetWebhookDelivery")
            .WithSummary("Read one delivery with its attempts")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/redelivery", RedeliverAsync).WithName("RedeliverWebhookDelivery")
            .WithSummary("Send a delivery again, with the same webhook-id; a disabled subscription stays disabled")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Ok<Page<WebhookResponse>>> ListAsync(
        HttpContext http, IMediator mediator, int? limit, string? cursor, string? status, CancellationToken cancellationToken)
    {
        var query = new ListWebhooks.Query(PageRequest.From(limit, cursor), QueryValues.Enum<WebhookStatus>(status, nameof(status)));
        var page = await mediator.Send(query, cancellationToken);
        return TypedResults.Ok(page.WithNextLink(http));
    }

    private static async Task<Created<CreatedWebhookResponse>> CreateAsync(
        HttpContext http, IMediator mediator, CreateWebhook.WebhookInput body, CancellationToken cancellationToken)
    {
        var webhook = await mediator.Send(new CreateWebhook.Command(body), cancellationToken);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/api/v1/webhooks/{webhook.Id}", webhook);
    }

    private static async Task<Ok<WebhookResponse>> GetAsync(IMediator mediator, Guid id, CancellationToken cancellationToken)
    {
        var webhook = await mediator.Send(new GetWebhook.Query(id), cancellationToken);
        return TypedResults.Ok(webhook);
    }

    private static async Task<NoContent> DeleteAsync(IMediator mediator, Guid id, CancellationToken cancellationToken)
    {
        await mediator.Send(new DeleteWebhook.Command(id), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<Page<WebhookDeliveryResponse>>> ListDeliveriesAsync(
        HttpContext http, IMediator mediator, Guid id, int? limit, string? cursor, string? status, CancellationToken cancellationToken)
    {
        var query = new ListWebhookDeliveries.Query(id, PageRequest.From(limit, cursor), QueryValues.Enum<WebhookDeliveryStatus>(status, nameof(status)));
        var page = await mediator.Send(query, cancellationToken);
        return TypedResults.Ok(page.WithNextLink(http));
    }

    private static async Task<Ok<WebhookDeliveryResponse>> GetDeliveryAsync(
        IMediator mediator, Guid id, Guid deliveryId, CancellationToken cancellationToken)
    {
        var delivery = await mediator.Send(new GetWebhookDelivery.Query(id, deliveryId), cancellationToken);
        return TypedResults.Ok(delivery);
    }

    private static async Task<Accepted<WebhookDeliveryResponse>> RedeliverAsync(IMediator mediator, Guid id, Guid deliveryId, CancellationToken cancellationToken)
    {
        var delivery = await mediator.Send(new RedeliverWebhookDelivery.Command(id, deliveryId), cancellationToken);
        return TypedResults.Accepted($"/api/v1/webhooks/{id}/deliveries/{deliveryId}", delivery);
    }
}
