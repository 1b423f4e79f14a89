using System.Net;
using Catalog.Api.Domain.Agreements;
using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Http;
using Catalog.Api.Infrastructure.Problems;
using Markdig;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Catalog.Api.Features.Agreements;

public static class AgreementsEndpoints
{
    private const string Markdown = "text/markdown";
    private const string Html = "text/html";

    // Documents contain no links or HTML of their own; text that customers wrote (titles, names) must not
    // become either, so both are switched off and the page may load nothing.
    private static readonly MarkdownPipeline Pipeline = BuildPipeline();

    public static IEndpointRouteBuilder MapAgreements(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/agreements").WithTags("Agreements");

        group.MapGet("/", ListAsync).WithName("ListAgreements")
            .WithSummary("List agreements, filtered by service, customer and status (a customer key sees only its own)")
            .ProducesValidationProblem();
        group.MapGet("/{id:guid}", GetAsync).WithName("GetAgreement")
            .WithSummary("Read an agreement and its current version")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/versions", ListVersionsAsync).WithName("ListAgreementVersions")
            .WithSummary("The agreement's full history, version 1 first")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/versions/{number:int}", GetVersionAsync).WithName("GetAgreementVersion")
            .WithSummary("Read one immutable version")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/versions/{number:int}/diff", GetDiffAsync).WithName("GetAgreementVersionDiff")
            .WithSummary("Per target: added, removed, stricter or looser than version `from` (default the previous); and the charge change")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/versions/{number:int}/document", GetDocumentAsync).WithName("GetAgreementDocument")
            .WithSummary("The version as a plain-language document, text/markdown or text/html by Accept")
            .Produces<Stream>(StatusCodes.Status200OK, Markdown, Html)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status406NotAcceptable);
        group.MapPost("/{id:guid}/termination", TerminateAsync).WithName("TerminateAgreement")
            .WithSummary("End the agreement with a reason (its customer or an admin); the history stays")
            .RequireAuthorization(Policies.Terminate)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Ok<Page<AgreementResponse>>> ListAsync(
        HttpContext http, IMediator mediator, int? limit, string? cursor, Guid? serviceId, Guid? customerId, string? status, CancellationToken cancellationToken)
    {
        var query = new ListAgreements.Query(PageRequest.From(limit, cursor), serviceId, customerId, QueryValues.Enum<AgreementStatus>(status, nameof(status)));
        var page = await mediator.Send(query, cancellationToken);
        return TypedResults.Ok(page.WithNextLink(http));
    }

    private static async Task<Results<Ok<AgreementResponse>, StatusCodeHttpResult>> GetAsync(HttpContext http, IMediator mediator, Guid id, CancellationToken cancellationToken)
    {
        var agreement = await mediator.Send(new GetAgreement.Query(id), cancellationToken);
        return ETags.OkOrNotModified(http, agreement, ETags.ForVersion(agreement.Version));
    }

    private static async Task<Ok<Page<AgreementVersionResponse>>> ListVersionsAsync(
        HttpContext http, IMediator mediator, Guid id, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var page = await mediator.Send(new ListAgreementVersions.Query(id, PageRequest.From(limit, cursor)), cancellationToken);
        return TypedResults.Ok(page.WithNextLink(http));
    }

    private static async Task<Results<Ok<AgreementVersionResponse>, StatusCodeHttpResult>> GetVersionAsync(
        HttpContext http, IMediator mediator, Guid id, int number, CancellationToken cancellationToken)
    {
        var version = await mediator.Send(new GetAgreementVersion.Query(id, number), cancellationToken);

        // Versions never change, so a version's ETag is its number for good.
        return ETags.OkOrNotModified(http, version, ETags.ForVersion(version.Number));
    }

    private static async Task<Results<Ok<VersionDiff>, StatusCodeHttpResult>> GetDiffAsync(
        HttpContext http, IMediator mediator, Guid id, int number, int? from, CancellationToken cancellationToken)
    {
        var diff = await mediator.Send(new GetVersionDiff.Query(id, number, from), cancellationToken);
        return ETags.OkOrNotModified(http, diff, ETags.ForContent(http, diff));
    }

    private static async Task<IResult> GetDocumentAsync(HttpContext http, IMediator mediator, Guid id, int number, CancellationToken cancellationToken)
    {
        var format = Negotiate(http.Request) ?? throw new NotAcceptableException($"The document is available as {Markdown} or {Html}.");
        var document = await mediator.Send(new GetAgreementDocument.Query(id, number), cancellationToken);

        var body = format == Html
            ? $"<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(document.Title)}</title></head>\n<body>\n{Markdig.Markdown.ToHtml(document.Markdown, Pipeline)}</body>\n</html>\n"
            : document.Markdown;
        http.Response.Headers.Vary = "Accept";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'";
        return ETags.IsNotModified(http, ETags.ForContent(http, format + body))
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Text(body, format + "; charset=utf-8");
    }

    private static MarkdownPipeline BuildPipeline()
    {
        var builder = new MarkdownPipelineBuilder().DisableHtml();
        builder.InlineParsers.RemoveAll(parser => parser is Markdig.Parsers.Inlines.LinkInlineParser or Markdig.Parsers.Inlines.AutolinkInlineParser);
        return builder.Build();
    }

    /// <summary>Markdown unless the client prefers HTML; null when it accepts neither.</summary>
    private static string? Negotiate(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted) || accepted.Count == 0)
        {
            return Markdown;
        }

        foreach (var media in accepted.OrderByDescending(m => m.Quality ?? 1))
        {
            if (media.Quality == 0)
            {
                continue;
            }

            if (media.MediaType.Equals(Html, StringComparison.OrdinalIgnoreCase))
            {
                return Html;
            }

            if (media.MediaType.Equals(Markdown, StringComparison.OrdinalIgnoreCase)
                || media.MediaType.Equals("text/*", StringComparison.OrdinalIgnoreCase)
                || media.MediaType.Equals("*/*", StringComparison.OrdinalIgnoreCase))
            {
                return Markdown;
            }
        }

        return null;
    }

    private static async Task<Ok<AgreementResponse>> TerminateAsync(HttpContext http, IMediator mediator, Guid id, TerminateAgreement.TerminationInput body, CancellationToken cancellationToken)
    {
        var agreement = await mediator.Send(new TerminateAgreement.Command(id, body), cancellationToken);
        http.Response.Headers.ETag = ETags.ForVersion(agreement.Version);
        return TypedResults.Ok(agreement);
    }
}
