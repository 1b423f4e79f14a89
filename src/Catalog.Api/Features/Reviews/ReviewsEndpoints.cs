using Catalog.Api.Domain.Delivery;
using Catalog.Api.Infrastructure.Http;
using MediatR;

namespace Catalog.Api.Features.Reviews;

public static class ReviewsEndpoints
{
    public static IEndpointRouteBuilder MapReviews(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/customers/{id:guid}/reviews/{month}", GetAsync).WithTags("Delivered service").WithName("GetServiceReview")
            .WithSummary("The monthly service review of a customer, in its time zone: what was promised, what was delivered, what went wrong and why, the last 12 months, and what to do next. Every agreement in force, or a page of them by service name with limit and cursor (the summary always covers the month). JSON, or a printable document as text/markdown or text/html by Accept")
            .Produces<ServiceReviewDocument>()
            .AlsoAsPlainLanguage()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> GetAsync(HttpContext http, IMediator mediator, Guid id, string month, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var format = PlainLanguage.NegotiateOrThrow(http.Request, "The review", PlainLanguage.Json, PlainLanguage.Markdown, PlainLanguage.Html);
        var page = limit is null && cursor is null ? null : PageRequest.From(limit, cursor);
        var review = await mediator.Send(new GetServiceReview.Query(id, month, page), cancellationToken);
        if (review.Document.NextCursor is { } next)
        {
            PageQueries.AddNextLink(http, "cursor", next);
        }

        return format == PlainLanguage.Json ? PlainLanguage.Data(http, review.Document) : PlainLanguage.Text(http, format, review.Title, review.Parts);
    }
}
