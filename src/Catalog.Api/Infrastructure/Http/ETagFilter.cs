using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;

namespace Catalog.Api.Infrastructure.Http;

/// <summary>
/// A response whose ETag is a number: the version an update's If-Match must carry, or the number of something
/// that never changes. Any other single resource is tagged with a hash of its content.
/// </summary>
public interface IVersionTagged
{
    int Version { get; }
}

/// <summary>A list (a page, the change feed): any write to the collection moves it, so it carries no ETag.</summary>
public interface IListResponse;

/// <summary>
/// The one place the API's answers get their ETag. After the endpoint, a 200 or 201 that carries one resource is
/// tagged (<see cref="ETags.For"/>); a GET whose If-None-Match already names the tag is answered 304 instead.
/// Endpoints return their resource and never set the header themselves.
/// </summary>
public sealed class ETagFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var http = context.HttpContext;
        var answer = result is INestedHttpResult nested ? nested.Result : result as IResult;
        if (answer is not IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK or StatusCodes.Status201Created or null } || ETags.For(http, answer) is not { } etag)
        {
            return result;
        }

        return ETags.IsNotModified(http, etag) && (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : result;
    }

    /// <summary>
    /// Whether a GET answering <paramref name="body"/> can answer 304, for the OpenAPI document: one resource in
    /// JSON can; a list cannot, nor a stream (which declares its own 304 where it has one).
    /// </summary>
    public static bool MayAnswerNotModified(Type? body) =>
        body is not null && body != typeof(Stream) && !typeof(IListResponse).IsAssignableFrom(body) && !typeof(IResult).IsAssignableFrom(body);
}

/// <summary>Endpoint metadata: the endpoint's answers go through <see cref="ETagFilter"/>.</summary>
public sealed class ETagged
{
    public static readonly ETagged Instance = new();

    private ETagged()
    {
    }
}

public static class ETagConventions
{
    /// <summary>Every endpoint in the group answers with its ETag, and with 304 to a GET that already has it.</summary>
    public static RouteGroupBuilder WithETags(this RouteGroupBuilder group) =>
        group.AddEndpointFilter<ETagFilter>().WithMetadata(ETagged.Instance);
}
