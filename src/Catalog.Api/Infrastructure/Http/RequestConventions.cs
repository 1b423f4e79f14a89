using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Http.Features;

namespace Catalog.Api.Infrastructure.Http;

/// <summary>HTTP rules that hold for every route, applied once at the front of the pipeline rather than per endpoint.</summary>
public static class RequestConventions
{
    /// <summary>
    /// HEAD is answered wherever GET is (RFC 9110 §9.3.2): the request is routed, authorised, limited and cached as
    /// the GET it stands for, and its body is dropped. Endpoints are not mapped for HEAD one by one, so the OpenAPI
    /// document keeps one operation per GET; the method goes back to HEAD for the logs once the response is made.
    /// Must run before routing.
    /// </summary>
    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }

        var body = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null, body));
        context.Request.Method = HttpMethods.Get;
        try
        {
            await next(context);
        }
        finally
        {
            context.Request.Method = HttpMethods.Head;
            context.Features.Set(body);
        }
    });

    /// <summary>
    /// Query parameters follow the same text rule as JSON bodies (<see cref="TextRules"/>): U+0000 is a 400 naming the
    /// parameter, before any handler can hand it to the database. Must run inside the exception handler.
    /// </summary>
    public static IApplicationBuilder UseQueryTextRules(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var refused = context.Request.Query
            .Where(p => !TextRules.IsAcceptable(p.Key) || p.Value.Any(v => !TextRules.IsAcceptable(v)))
            .Select(p => new ValidationFailure(p.Key.Replace("\0", "\\u0000", StringComparison.Ordinal), TextRules.NulMessage))
            .ToList();
        if (refused.Count > 0)
        {
            throw new ValidationException(refused);
        }

        await next(context);
    });
}
