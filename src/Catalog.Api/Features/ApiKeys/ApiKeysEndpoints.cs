using Catalog.Api.Domain.ApiKeys;
using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Http;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Catalog.Api.Features.ApiKeys;

public static class ApiKeysEndpoints
{
    public static IEndpointRouteBuilder MapApiKeys(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/api-keys").WithTags("API keys").RequireAuthorization(Policies.Administer);

        group.MapGet("/", ListAsync).WithName("ListApiKeys")
            .WithSummary("List API keys (never their secrets)")
            .ProducesValidationProblem();
        group.MapPost("/", CreateAsync).WithName("CreateApiKey")
            .WithSummary("Issue an API key with a role; the secret is in this response only")
            .ProducesValidationProblem();
        group.MapGet("/{id:guid}", GetAsync).WithName("GetApiKey")
            .WithSummary("Read an API key")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id:guid}", RevokeAsync).WithName("RevokeApiKey")
            .WithSummary("Revoke an API key: refused at once by the instance that revokes it, and within Auth:KeyCacheTtl (5 s) by other instances")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Ok<Page<ApiKeyResponse>>> ListAsync(
        HttpContext http, IMediator mediator, int? limit, string? cursor, string? role, bool? active, CancellationToken cancellationToken)
    {
        var query = new ListApiKeys.Query(PageRequest.From(limit, cursor), QueryValues.Enum<ApiRole>(role, nameof(role)), active);
        var page = await mediator.Send(query, cancellationToken);
        return TypedResults.Ok(page.WithNextLink(http));
    }

    private static async Task<Created<IssuedApiKeyResponse>> CreateAsync(HttpContext http, IMediator mediator, CreateApiKey.ApiKeyInput body, CancellationToken cancellationToken)
    {
        var key = await mediator.Send(new CreateApiKey.Command(body), cancellationToken);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/api/v1/api-keys/{key.Id}", key);
    }

    private static async Task<Ok<ApiKeyResponse>> GetAsync(IMediator mediator, Guid id, CancellationToken cancellationToken)
    {
        var key = await mediator.Send(new GetApiKey.Query(id), cancellationToken);
        return TypedResults.Ok(key);
    }

    private static async Task<NoContent> RevokeAsync(IMediator mediator, Guid id, CancellationToken cancellationToken)
    {
        await mediator.Send(new RevokeApiKey.Command(id), cancellationToken);
        return TypedResults.NoContent();
    }
}
