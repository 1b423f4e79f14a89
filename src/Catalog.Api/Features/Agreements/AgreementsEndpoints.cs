using Catalog.Api.Domain.Agreements;
using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Http;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Catalog.Api.Features.Agreements;

public static class AgreementsEndpoints
{
    public static IEndpointRouteBuilder MapAgreements(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/agreements").WithTags("Agreements");

        group.MapGet("/", ListAsync).WithName("ListAgreements")
            .WithSummary("List agreements, filtered by service, customer, consumer service (operational level agreements) and status (a customer key sees only its own)")
            .ProducesValidationProblem();
        group.MapGet("/{id:guid}", GetAsync).WithName("GetAgreement")
            .WithSummary("Read an agreement: its newest version, and the version in force at `at` (default now; null when none is)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/versions", ListVersionsAsync).WithName("ListAgreementVersions")
            .WithSummary("The agreement's full history, version 1 first")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/versions/{number:int}", GetVersionAsync).WithName("GetAgreementVersion")
            .WithSummary("Read one immutable version")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/versions/{number:int}/diff", GetDiffAsync).WithName("GetAgreementVersionDiff")
            .WithSummary("Per target: added, removed, stricter or looser than version `from` (default the previous; version 1 needs one); and the charge change. JSON, or text/markdown or text/html by Accept")
            .Produces<VersionDiff>()
            .AlsoAsPlainLanguage()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/versions/{number:int}/document", GetDocumentAsync).WithName("GetAgreementDocument")
            .WithSummary("The version as a plain-language document, text/markdown or text/html by Accept")
            .Produces<Stream>(StatusCodes.Status200OK, PlainLanguage.Markdown, PlainLanguage.Html)
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
        HttpContext http, IMediator mediator, int? limit, string? cursor, Guid? serviceId, Guid? customerId, string? status, Guid? consumerServiceId, CancellationToken cancellationToken)
    {
        var query = new ListAgreements.Query(PageRequest.From(limit, cursor), serviceId, customerId, QueryValues.Enum<AgreementStatus>(status, nameof(status)), consumerServiceId);
        var page = await mediator.Send(query, cancellationToken);
        return TypedResults.Ok(page.WithNextLink(http));
    }

    private static async Task<Ok<AgreementResponse>> GetAsync(
        IMediator mediator, Guid id, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        var agreement = await mediator.Send(new GetAgreement.Query(id, at?.UtcDateTime), cancellationToken);

        return TypedResults.Ok(agreement);
    }

    private static async Task<Ok<Page<AgreementVersionResponse>>> ListVersionsAsync(
        HttpContext http, IMediator mediator, Guid id, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var page = await mediator.Send(new ListAgreementVersions.Query(id, PageRequest.From(limit, cursor)), cancellationToken);
        return TypedResults.Ok(page.WithNextLink(http));
    }

    private static async Task<Ok<AgreementVersionResponse>> GetVersionAsync(
        IMediator mediator, Guid id, int number, CancellationToken cancellationToken)
    {
        var version = await mediator.Send(new GetAgreementVersion.Query(id, number), cancellationToken);

        return TypedResults.Ok(version);
    }

    private static async Task<IResult> GetDiffAsync(HttpContext http, IMediator mediator, Guid id, int number, int? from, CancellationToken cancellationToken)
    {
        var format = PlainLanguage.NegotiateOrThrow(http.Request, "The diff", PlainLanguage.Json, PlainLanguage.Markdown, PlainLanguage.Html);
        var result = await mediator.Send(new GetVersionDiff.Query(id, number, from), cancellationToken);
        return format == PlainLanguage.Json ? PlainLanguage.Data(http, result.Diff) : PlainLanguage.Text(http, format, result.Title, result.Markdown);
    }

    private static async Task<IResult> GetDocumentAsync(HttpContext http, IMediator mediator, Guid id, int number, CancellationToken cancellationToken)
    {
        var format = PlainLanguage.NegotiateOrThrow(http.Request, "The document", PlainLanguage.Markdown, PlainLanguage.Html);
        var document = await mediator.Send(new GetAgreementDocument.Query(id, number), cancellationToken);
        return PlainLanguage.Text(http, format, document.Title, document.Markdown);
    }

    private static async Task<Ok<AgreementResponse>> TerminateAsync(IMediator mediator, Guid id, TerminateAgreement.TerminationInput body, CancellationToken cancellationToken)
    {
        var agreement = await mediator.Send(new TerminateAgreement.Command(id, body), cancellationToken);
        return TypedResults.Ok(agreement);
    }
}
