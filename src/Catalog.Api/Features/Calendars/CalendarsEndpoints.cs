using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Http;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Catalog.Api.Features.Calendars;

public static class CalendarsEndpoints
{
    public static IEndpointRouteBuilder MapCalendars(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/calendars").WithTags("Delivered service");

        group.MapGet("/", ListAsync).WithName("ListCalendars")
            .WithSummary("What each support-hours level means: weekly hours, time zone, holidays");
        group.MapGet("/{key}", GetAsync).WithName("GetCalendar")
            .WithSummary("Read one service-hours calendar")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{key}", UpdateAsync).WithName("UpdateCalendar")
            .WithSummary("Change what a support-hours level means from now on (needs If-Match); agreed versions keep theirs")
            .RequireAuthorization(Policies.Administer)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        return app;
    }

    private static async Task<Ok<CalendarList>> ListAsync(IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(new CalendarList(await mediator.Send(new ListCalendars.Query(), cancellationToken)));

    private static async Task<Ok<CalendarResponse>> GetAsync(IMediator mediator, string key, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetCalendar.Query(key), cancellationToken));

    private static async Task<Ok<CalendarResponse>> UpdateAsync(HttpContext http, IMediator mediator, string key, UpdateCalendar.CalendarInput body, CancellationToken cancellationToken)
    {
        var calendar = await mediator.Send(new UpdateCalendar.Command(key, body, IfMatch.From(http)), cancellationToken);
        return TypedResults.Ok(calendar);
    }

    /// <summary>The calendars, one per support-hours level.</summary>
    public sealed record CalendarList(IReadOnlyList<CalendarResponse> Items) : IListResponse;
}
