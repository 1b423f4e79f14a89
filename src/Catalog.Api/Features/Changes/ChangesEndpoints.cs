using Catalog.Api.Infrastructure.Auth;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Catalog.Api.Infrastructure.Http;

namespace Catalog.Api.Features.Changes;

public static class ChangesEndpoints
{
    public static IEndpointRouteBuilder MapChanges(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/changes", ListAsync).WithTags("Changes").WithName("ListChanges")
            .WithSummary("The append-only change feed after a sequence: follow `after` = lastSequence and nothing is missed or repeated")
            .RequireAuthorization(Policies.ReadFeed)
            .ProducesValidationProblem();
        return app;
    }

    private static async Task<Ok<ListChanges.ChangesResponse>> ListAsync(
        HttpContext http, IMediator mediator, long? after, int? limit, string? types, CancellationToken cancellationToken)
    {
        var typeList = (types ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var query = new ListChanges.Query(after ?? 0, limit ?? ListChanges.DefaultLimit, typeList);
        var page = await mediator.Send(query, cancellationToken);
        if (page.Items.Count == query.Limit)
        {
            PageQueries.AddNextLink(http, "after", page.LastSequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return TypedResults.Ok(page);
    }
}
