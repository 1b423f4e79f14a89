using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Http;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Catalog.Api.Features.Customers;

public static class CustomersEndpoints
{
    public static IEndpointRouteBuilder MapCustomers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/customers").WithTags("Customers");

        group.MapGet("/", ListAsync).WithName("ListCustomers")
            .WithSummary("List customers (a customer key sees only its own)")
            .ProducesValidationProblem();
        group.MapPost("/", CreateAsync).WithName("CreateCustomer")
            .WithSummary("Register a business unit")
            .RequireAuthorization(Policies.Administer)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id:guid}", GetAsync).WithName("GetCustomer")
            .WithSummary("Read a customer")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateCustomer")
            .WithSummary("Replace a customer's name, cost centre and contact (If-Match required)")
            .RequireAuthorization(Policies.Administer)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        group.MapGet("/{id:guid}/subscriptions", ListSubscriptionsAsync).WithName("ListSubscriptions")
            .WithSummary("The services a customer consumes, with units")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{id:guid}/subscriptions", PutSubscriptionAsync).WithName("PutSubscription")
            .WithSummary("Start a subscription (201) or change its units (200, If-Match required)")
            .RequireAuthorization(Policies.Administer)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        group.MapGet("/{id:guid}/subscriptions/{serviceId:guid}", GetSubscriptionAsync).WithName("GetSubscription")
            .WithSummary("Read one subscription")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/charges", GetChargesAsync).WithName("GetCharges")
            .WithSummary("What the customer pays for a month (`month=YYYY-MM`, default the current one, UTC): units × unit cost per service, each agreement version in force pro rata by day, versions not yet in force apart, totals per currency")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Ok<Page<CustomerResponse>>> ListAsync(
        HttpContext http, IMediator mediator, int? limit, string? cursor, string? key, string? q, DateTimeOffset? updatedSince, CancellationToken cancellationToken)
    {
        var page = await mediator.Send(new ListCustomers.Query(PageRequest.From(limit, cursor), key, q, updatedSince?.UtcDateTime), cancellationToken);
        return TypedResults.Ok(page.WithNextLink(http));
    }

    private static async Task<Created<CustomerResponse>> CreateAsync(IMediator mediator, CustomerInput body, CancellationToken cancellationToken)
    {
        var customer = await mediator.Send(new CreateCustomer.Command(body), cancellationToken);
        return TypedResults.Created($"/api/v1/customers/{customer.Id}", customer);
    }

    private static async Task<Ok<CustomerResponse>> GetAsync(IMediator mediator, Guid id, CancellationToken cancellationToken)
    {
        var customer = await mediator.Send(new GetCustomer.Query(id), cancellationToken);
        return TypedResults.Ok(customer);
    }

    private static async Task<Ok<CustomerResponse>> UpdateAsync(HttpContext http, IMediator mediator, Guid id, CustomerInput body, CancellationToken cancellationToken)
    {
        var customer = await mediator.Send(new UpdateCustomer.Command(id, body, IfMatch.From(http)), cancellationToken);
        return TypedResults.Ok(customer);
    }

    private static async Task<Ok<Page<SubscriptionResponse>>> ListSubscriptionsAsync(
        HttpContext http, IMediator mediator, Guid id, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var page = await mediator.Send(new ListSubscriptions.Query(id, PageRequest.From(limit, cursor)), cancellationToken);
        return TypedResults.Ok(page.WithNextLink(http));
    }

    private static async Task<Results<Created<SubscriptionResponse>, Ok<SubscriptionResponse>>> PutSubscriptionAsync(
        HttpContext http, IMediator mediator, Guid id, PutSubscription.SubscriptionInput body, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new PutSubscription.Command(id, body, IfMatch.From(http)), cancellationToken);
        var subscription = result.Subscription;
        return result.Created
            ? TypedResults.Created($"/api/v1/customers/{id}/subscriptions/{subscription.ServiceId}", subscription)
            : TypedResults.Ok(subscription);
    }

    private static async Task<Ok<SubscriptionResponse>> GetSubscriptionAsync(
        IMediator mediator, Guid id, Guid serviceId, CancellationToken cancellationToken)
    {
        var subscription = await mediator.Send(new GetSubscription.Query(id, serviceId), cancellationToken);
        return TypedResults.Ok(subscription);
    }

    private static async Task<Ok<GetCharges.ChargesResponse>> GetChargesAsync(
        IMediator mediator, Guid id, string? month, CancellationToken cancellationToken)
    {
        var charges = await mediator.Send(new GetCharges.Query(id, month), cancellationToken);
        return TypedResults.Ok(charges);
    }
}
