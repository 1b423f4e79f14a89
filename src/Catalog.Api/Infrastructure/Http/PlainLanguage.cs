using System.Net;
using System.Security.Cryptography;
using System.Text;
using Catalog.Api.Infrastructure.Problems;
using Markdig;
using Markdig.Syntax;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Catalog.Api.Infrastructure.Http;

/// <summary>
/// The plain-language views (the agreement document, a proposal's timeline, a diff between versions): composed
/// as Markdown in the domain, served as <c>text/markdown</c> or as a styled, printable HTML page, chosen by
/// <c>Accept</c>. Views that also have a data form offer JSON too, as their default.
/// </summary>
public static class PlainLanguage
{
    public const string Json = "application/json";
    public const string Markdown = "text/markdown";
    public const string Html = "text/html";

    // One small stylesheet inside the page. The page loads nothing, so the policy allows nothing but this exact
    // stylesheet, by its hash.
    private const string Stylesheet =
        "body{font:16px/1.55 Georgia,'Times New Roman',serif;color:#1f2328;background:#fff;max-width:44em;margin:2.5em auto;padding:0 1.5em}"
        + "h1,h2,h3{font-family:system-ui,'Segoe UI',Helvetica,Arial,sans-serif;line-height:1.25;color:#0b3b5c}"
        + "h1{font-size:1.7em;margin:0 0 .7em;padding-bottom:.3em;border-bottom:3px solid #0b3b5c}"
        + "h2{font-size:1.2em;margin:1.8em 0 .5em;padding-bottom:.15em;border-bottom:1px solid #c9d3dc}"
        + "ul{padding-left:1.3em}li{margin:.3em 0}p,li{orphans:3;widows:3}figure{margin:1em 0}figure svg{max-width:100%;height:auto}"
        + "@media print{body{margin:0;max-width:none;font-size:11pt}h1,h2{break-after:avoid}ul{break-inside:avoid}}";

    private static readonly string ContentSecurityPolicy =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Stylesheet)))}'";

    // The Markdown holds no links or HTML of its own; what users typed is escaped by the domain, and raw HTML
    // and links are switched off as well, so nothing a customer wrote can become markup or a request.
    private static readonly MarkdownPipeline Pipeline = BuildPipeline();

    /// <summary>
    /// Declares that a JSON view also answers in the text formats. The OpenAPI description lists one body type
    /// per status, so the document generator adds the text media types from this marker.
    /// </summary>
    public static RouteHandlerBuilder AlsoAsPlainLanguage(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new PlainLanguageAlternatives()).Produces(StatusCodes.Status304NotModified).ProducesProblem(StatusCodes.Status406NotAcceptable);

    /// <summary>The format to answer in: the client's preference among those offered; the first offered when it states none; null when it accepts none.</summary>
    public static string? Negotiate(HttpRequest request, params string[] offered)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted) || accepted.Count == 0)
        {
            return offered[0];
        }

        foreach (var media in accepted.OrderByDescending(m => m.Quality ?? 1))
        {
            if (media.Quality == 0)
            {
                continue;
            }

            var type = media.MediaType.Value ?? string.Empty;
            if (offered.FirstOrDefault(o => o.Equals(type, StringComparison.OrdinalIgnoreCase)) is { } exact)
            {
                return exact;
            }

            if (type.Equals("*/*", StringComparison.OrdinalIgnoreCase))
            {
                return offered[0];
            }

            if (type.Equals("text/*", StringComparison.OrdinalIgnoreCase) && offered.Contains(Markdown))
            {
                return Markdown;
            }
        }

        return null;
    }

    /// <summary>Like <see cref="Negotiate"/>, but a 406 problem naming the offered formats when none is acceptable.</summary>
    public static string NegotiateOrThrow(HttpRequest request, string what, params string[] offered) =>
        Negotiate(request, offered) ?? throw new NotAcceptableException($"{what} is available as {string.Join(", ", offered.SkipLast(1))}{(offered.Length > 1 ? " or " : string.Empty)}{offered[^1]}.");

    /// <summary>Answers the Markdown as the negotiated text format, with <c>Vary: Accept</c> and the strict policy (its ETag comes from <see cref="ETagFilter"/>).</summary>
    public static IResult Text(HttpContext http, string format, string title, string markdown) => Text(http, format, title, [new PlainPart(markdown)]);

    /// <summary>
    /// Like the single-Markdown form, for a view with figures: each part's Markdown, and in the HTML page its figure
    /// after it. The text forms have no figures; what a figure shows is also written out in its part.
    /// </summary>
    public static IResult Text(HttpContext http, string format, string title, IReadOnlyList<PlainPart> parts)
    {
        var body = format == Html ? Page(title, parts) : string.Concat(parts.Select(p => p.Markdown));
        http.Response.Headers.Vary = "Accept";
        http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        return TypedResults.Text(body, format + "; charset=utf-8");
    }

    /// <summary>Answers the JSON form of a view that also has text forms: the representation varies by <c>Accept</c>.</summary>
    public static Ok<T> Data<T>(HttpContext http, T body)
    {
        http.Response.Headers.Vary = "Accept";
        return TypedResults.Ok(body);
    }

    /// <summary>
    /// The parts as HTML to place inside another page (the portal's), each figure after its part; headings move
    /// <paramref name="headingLevelsDown"/> levels down so they sit under the page's own.
    /// </summary>
    public static string Fragment(IReadOnlyList<PlainPart> parts, int headingLevelsDown = 0) =>
        string.Concat(parts.Select(p => ToHtml(p.Markdown, headingLevelsDown)
            + (p.Link is { } link ? $"<p class=\"action\"><a href=\"{WebUtility.HtmlEncode(link.Href)}\">{WebUtility.HtmlEncode(link.Text)}</a></p>\n" : string.Empty)
            + (p.Figure is { } figure ? $"<figure>{figure}</figure>\n" : string.Empty)));

    private static string Page(string title, IReadOnlyList<PlainPart> parts) =>
        $"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + $"<title>{WebUtility.HtmlEncode(title)}</title>\n<style>{Stylesheet}</style>\n</head>\n<body>\n"
        + Fragment(parts)
        + "</body>\n</html>\n";

    private static string ToHtml(string markdown, int headingLevelsDown)
    {
        if (headingLevelsDown == 0)
        {
            return Markdig.Markdown.ToHtml(markdown, Pipeline);
        }

        var document = Markdig.Markdown.Parse(markdown, Pipeline);
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            heading.Level = Math.Min(6, heading.Level + headingLevelsDown);
        }

        return document.ToHtml(Pipeline);
    }

    private static MarkdownPipeline BuildPipeline()
    {
        var builder = new MarkdownPipelineBuilder().DisableHtml();
        builder.InlineParsers.RemoveAll(parser => parser is Markdig.Parsers.Inlines.LinkInlineParser or Markdig.Parsers.Inlines.AutolinkInlineParser);
        return builder.Build();
    }
}

/// <summary>
/// A piece of a plain-language page: Markdown, and optionally what follows it in the HTML page: a link the application
/// made (the Markdown itself renders no links) and a figure the application drew (an inline SVG built from numbers,
/// never from text a user typed unescaped).
/// </summary>
public sealed record PlainPart(string Markdown, string? Figure = null, PlainLink? Link = null);

/// <summary>A link in a plain-language page, to a page of the same application; its text is encoded when rendered.</summary>
public sealed record PlainLink(string Href, string Text);

/// <summary>Endpoint metadata: the JSON response is also available as <c>text/markdown</c> and <c>text/html</c>.</summary>
public sealed class PlainLanguageAlternatives
{
    public IReadOnlyList<string> MediaTypes { get; } = [PlainLanguage.Markdown, PlainLanguage.Html];
}
