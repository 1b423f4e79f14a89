using Catalog.Api.Domain.Negotiation;
using Catalog.Api.Features.Agreements;
using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Http;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Catalog.Api.Features.Proposals;

public static class ProposalsEndpoints
{
    public static IEndpointRouteBuilder MapProposals(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/proposals").WithTags("Proposals");

        group.MapGet("/", ListAsync).WithName("ListProposals")
            .WithSummary("List proposals (a customer key sees only its own)")
            .ProducesValidationProblem();
        group.MapPost("/", CreateAsync).WithName("CreateProposal")
            .WithSummary("Propose targets for a live service; draft unless submit is true. With consumerServiceId instead of customerId (IT leads, admins): an operational level agreement between a dependent service and this one")
            .RequireAuthorization(Policies.Propose)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id:guid}", GetAsync).WithName("GetProposal")
            .WithSummary("Read a proposal: status, allowed actions, rounds and the current analysis")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/submission", SubmitAsync).WithName("SubmitProposal")
            .WithSummary("Send a draft to IT (the customer; between services, whoever opened it or an admin): draft → submitted")
            .RequireAuthorization(Policies.Decide)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id:guid}/analyses", ListAnalysesAsync).WithName("ListAnalyses")
            .WithSummary("Every impact analysis of the proposal, superseded ones included, oldest first")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/analyses", PublishAnalysisAsync).WithName("PublishAnalysis")
            .WithSummary("Answer the current round with an impact analysis (IT lead): submitted|analysed → analysed")
            .RequireAuthorization(Policies.Curate)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id:guid}/analyses/{analysisId:guid}", GetAnalysisAsync).WithName("GetAnalysis")
            .WithSummary("Read one impact analysis; current is false once superseded or once the customer revised")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/feasibility", GetFeasibilityAsync).WithName("GetFeasibility")
            .WithSummary("Whether IT can keep the proposed availability: the ceiling the dependencies allow, what limits it, and what the service delivered to this customer over the last 12 months")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/revisions", ReviseAsync).WithName("ReviseProposal")
            .WithSummary("New targets, new round (the customer; between services, whoever opened it or an admin): → submitted (a draft stays a draft)")
            .RequireAuthorization(Policies.Decide)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/acceptance", AcceptAsync).WithName("AcceptProposal")
            .WithSummary("Accept an option of the current analysis, confirming the agreement's resulting monthly charge and naming who signs (the customer; between services, whoever opened it or an admin): analysed → agreed, creates an agreement version")
            .RequireAuthorization(Policies.Decide)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/withdrawal", WithdrawAsync).WithName("WithdrawProposal")
            .WithSummary("Close the negotiation without agreement, with a reason (the customer; between services, whoever opened it or an admin): → withdrawn")
            .RequireAuthorization(Policies.Decide)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id:guid}/timeline", GetTimelineAsync).WithName("GetProposalTimeline")
            .WithSummary("Every round, analysis and decision in order, with actor and time. JSON, or a plain-language story as text/markdown or text/html by Accept")
            .Produces<GetProposalTimeline.TimelineResponse>()
            .AlsoAsPlainLanguage()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Ok<Page<ProposalResponse>>> ListAsync(
        HttpContext http, IMediator mediator, int? limit, string? cursor, string? status, Guid? serviceId, Guid? customerId, Guid? consumerServiceId, CancellationToken cancellationToken)
    {
        var query = new ListProposals.Query(PageRequest.From(limit, cursor), QueryValues.Enum<ProposalStatus>(status, nameof(status)), serviceId, customerId, consumerServiceId);
        var page = await mediator.Send(query, cancellationToken);
        return TypedResults.Ok(page.WithNextLink(http));
    }

    private static async Task<Created<ProposalResponse>> CreateAsync(IMediator mediator, CreateProposal.ProposalInput body, CancellationToken cancellationToken)
    {
        var proposal = await mediator.Send(new CreateProposal.Command(body), cancellationToken);
        return TypedResults.Created($"/api/v1/proposals/{proposal.Id}", proposal);
    }

    private static async Task<Ok<ProposalResponse>> GetAsync(IMediator mediator, Guid id, CancellationToken cancellationToken)
    {
        var proposal = await mediator.Send(new GetProposal.Query(id), cancellationToken);
        return TypedResults.Ok(proposal);
    }

    private static Task<Ok<ProposalResponse>> SubmitAsync(IMediator mediator, Guid id, CancellationToken cancellationToken) =>
        ActAsync(mediator, new SubmitProposal.Command(id), cancellationToken);

    private static Task<Ok<ProposalResponse>> ReviseAsync(IMediator mediator, Guid id, ReviseProposal.RevisionInput body, CancellationToken cancellationToken) =>
        ActAsync(mediator, new ReviseProposal.Command(id, body), cancellationToken);

    private static Task<Ok<ProposalResponse>> WithdrawAsync(IMediator mediator, Guid id, WithdrawProposal.WithdrawalInput body, CancellationToken cancellationToken) =>
        ActAsync(mediator, new WithdrawProposal.Command(id, body), cancellationToken);

    private static async Task<Ok<ProposalResponse>> ActAsync(IMediator mediator, IRequest<ProposalResponse> action, CancellationToken cancellationToken)
    {
        var proposal = await mediator.Send(action, cancellationToken);
        return TypedResults.Ok(proposal);
    }

    private static async Task<Ok<Page<AnalysisResponse>>> ListAnalysesAsync(
        HttpContext http, IMediator mediator, Guid id, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var page = await mediator.Send(new ListAnalyses.Query(id, PageRequest.From(limit, cursor)), cancellationToken);
        return TypedResults.Ok(page.WithNextLink(http));
    }

    private static async Task<Created<AnalysisResponse>> PublishAnalysisAsync(IMediator mediator, Guid id, PublishAnalysis.AnalysisInput body, CancellationToken cancellationToken)
    {
        var analysis = await mediator.Send(new PublishAnalysis.Command(id, body), cancellationToken);
        return TypedResults.Created($"/api/v1/proposals/{id}/analyses/{analysis.Id}", analysis);
    }

    private static async Task<Ok<AnalysisResponse>> GetAnalysisAsync(
        IMediator mediator, Guid id, Guid analysisId, CancellationToken cancellationToken)
    {
        var analysis = await mediator.Send(new GetAnalysis.Query(id, analysisId), cancellationToken);
        return TypedResults.Ok(analysis);
    }

    private static async Task<Ok<FeasibilityResponse>> GetFeasibilityAsync(IMediator mediator, Guid id, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetFeasibility.Query(id), cancellationToken));

    private static async Task<Created<AgreementVersionResponse>> AcceptAsync(IMediator mediator, Guid id, AcceptProposal.AcceptanceInput body, CancellationToken cancellationToken)
    {
        var version = await mediator.Send(new AcceptProposal.Command(id, body), cancellationToken);
        return TypedResults.Created($"/api/v1/agreements/{version.AgreementId}/versions/{version.Number}", version);
    }

    private static async Task<IResult> GetTimelineAsync(HttpContext http, IMediator mediator, Guid id, CancellationToken cancellationToken)
    {
        var format = PlainLanguage.NegotiateOrThrow(http.Request, "The timeline", PlainLanguage.Json, PlainLanguage.Markdown, PlainLanguage.Html);
        var result = await mediator.Send(new GetProposalTimeline.Query(id), cancellationToken);
        return format == PlainLanguage.Json ? PlainLanguage.Data(http, result.Timeline) : PlainLanguage.Text(http, format, result.Title, result.Markdown);
    }
}
