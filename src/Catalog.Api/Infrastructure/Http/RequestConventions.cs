using System.Text;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Http.Features;
using KestrelServerOptions = Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions;

namespace Catalog.Api.Infrastructure.Http;

/// <summary>HTTP rules that hold for every route, applied once at the front of the pipeline rather than per endpoint.</summary>
public static class RequestConventions
{
    /// <summary>The longest request target (path and query) the API reads; Kestrel's own default.</summary>
    public const int MaxRequestTargetLength = 8 * 1024;

    /// <summary>The most header bytes (names and values) a request may carry; Kestrel's own default.</summary>
    public const int MaxHeaderBytes = 32 * 1024;

    /// <summary>Header values are decoded without failing (invalid UTF-8 becomes U+FFFD) so that the application, not the server, refuses them.</summary>
    private static readonly Encoding LenientUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>
    /// Kestrel answers what it refuses itself (bad header bytes, an over-long request line or header block) with a
    /// bare status and no way to add a body. So it is made to let those requests through, within backstops four times
    /// the API's limits that bound memory, and <see cref="UseRequestRules"/> refuses them with a problem. Requests past
    /// the backstops still get Kestrel's bare status.
    /// </summary>
    public static IServiceCollection AddCatalogRequestRules(this IServiceCollection services) =>
        services.Configure<KestrelServerOptions>(options =>
        {
            options.Limits.MaxRequestLineSize = 4 * MaxRequestTargetLength;
            options.Limits.MaxRequestHeadersTotalSize = 4 * MaxHeaderBytes;
            options.RequestHeaderEncodingSelector = _ => LenientUtf8;
        });

    /// <summary>
    /// The limits and byte rules Kestrel would otherwise enforce with a bare status: a request target over
    /// <see cref="MaxRequestTargetLength"/> is a 414, headers over <see cref="MaxHeaderBytes"/> a 431, and a header
    /// value with control characters or bytes that are not UTF-8 a 400, each a problem. Must run inside the
    /// exception handler and before anything reads the headers.
    /// </summary>
    public static IApplicationBuilder UseRequestRules(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path + context.Request.QueryString;
        if (target.Length > MaxRequestTargetLength)
        {
            throw new BadHttpRequestException(
                $"The request target is {target.Length} characters long; the API reads at most {MaxRequestTargetLength}. Send long filters in fewer, shorter parameters.",
                StatusCodes.Status414UriTooLong);
        }

        var headerBytes = 0;
        foreach (var (name, values) in context.Request.Headers)
        {
            foreach (var value in values)
            {
                headerBytes += name.Length + (value?.Length ?? 0);
                if (value is not null && value.Any(c => (char.IsControl(c) && c != '\t') || c == '\uFFFD'))
                {
                    throw new BadHttpRequestException(
                        $"The header '{name}' holds a control character or bytes that are not UTF-8; header values are visible text.",
                        StatusCodes.Status400BadRequest);
                }
            }
        }

        if (headerBytes > MaxHeaderBytes)
        {
            throw new BadHttpRequestException(
                $"The request's headers take {headerBytes} bytes; the API reads at most {MaxHeaderBytes}.",
                StatusCodes.Status431RequestHeaderFieldsTooLarge);
        }

        await next(context);
    });

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
