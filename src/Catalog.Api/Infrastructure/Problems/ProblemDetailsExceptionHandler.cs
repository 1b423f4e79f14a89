using System.Text.Json;
using Catalog.Api.Domain.Common;
using Catalog.Api.Infrastructure.Http;
using Catalog.Api.Infrastructure.Persistence;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Catalog.Api.Infrastructure.Problems;

/// <summary>The one place where failures become RFC 9457 problem details, in every environment.</summary>
internal sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemDetailsExceptionHandler> logger)
    : IExceptionHandler
{
    /// <summary>How long a client is asked to wait while the database is unreachable.</summary>
    private const int DatabaseRetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception is BadHttpRequestException { InnerException: JsonException json } badRequest
            ? Unreadable(badRequest, json, httpContext)
            : ToProblem(exception);
        httpContext.Response.StatusCode = problem.Status ?? 500;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            logger.LogWarning("The database is unavailable on {Method} {Path}: {Reason}", httpContext.Request.Method, httpContext.Request.Path, exception.GetBaseException().Message);
            httpContext.Response.Headers.RetryAfter = DatabaseRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (problem.Status >= 500)
        {
            logger.LogError(exception, "Unhandled failure on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }

        if (await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception }))
        {
            return true;
        }

        // The writer declines when the client's Accept excludes JSON (a 406, say); the problem is still JSON.
        problem.Type ??= ProblemTypes.ForStatus(httpContext.Response.StatusCode);
        problem.Instance ??= httpContext.Request.Path;
        problem.Extensions["traceId"] = System.Diagnostics.Activity.Current?.Id ?? httpContext.TraceIdentifier;
        await TypedResults.Problem(problem).ExecuteAsync(httpContext);
        return true;
    }

    internal static ProblemDetails ToProblem(Exception exception) => exception switch
    {
        ValidationException validation => Validation(
            validation.Errors
                .GroupBy(e => FieldPath.FromMembers(e.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray())),
        InvalidInputException invalid => Validation(new Dictionary<string, string[]> { [invalid.Field] = [invalid.Message] }),
        BadHttpRequestException badRequest => new ProblemDetails
        {
            Status = badRequest.StatusCode,
            Type = ProblemTypes.ForStatus(badRequest.StatusCode),
            Title = "The request could not be read.",
            Detail = badRequest.Message,
        },
        ForbiddenException => Problem(StatusCodes.Status403Forbidden, ProblemTypes.Forbidden, "Your role may not do this.", exception.Message),
        NotFoundException => Problem(StatusCodes.Status404NotFound, ProblemTypes.NotFound, "Not found.", exception.Message),
        DomainRuleException rule => WithFacts(
            Problem(StatusCodes.Status409Conflict, ProblemTypes.Conflict(rule.Code), "The request conflicts with a business rule.", rule.Message),
            rule.Facts),
        ConflictException conflict => Problem(StatusCodes.Status409Conflict, ProblemTypes.Conflict(conflict.Code), "The request conflicts with the current state.", conflict.Message),
        IdempotencyKeyReusedException => Problem(StatusCodes.Status422UnprocessableEntity, ProblemTypes.Conflict("idempotency-key-reused"), "The Idempotency-Key belongs to another request.", exception.Message),
        NotAcceptableException => Problem(StatusCodes.Status406NotAcceptable, ProblemTypes.ForStatus(StatusCodes.Status406NotAcceptable), "Not acceptable.", exception.Message),
        PreconditionFailedException => Problem(StatusCodes.Status412PreconditionFailed, ProblemTypes.PreconditionFailed, "The resource has changed.", exception.Message),
        PreconditionRequiredException => Problem(StatusCodes.Status428PreconditionRequired, ProblemTypes.PreconditionRequired, "If-Match is required.", exception.Message),
        DbUpdateConcurrencyException => Problem(
            StatusCodes.Status412PreconditionFailed,
            ProblemTypes.PreconditionFailed,
            "The resource has changed.",
            "Another request changed this resource after you read it; read it again and retry with the new ETag."),
        DbUpdateException db when db.IsUniqueViolation() => Problem(
            StatusCodes.Status409Conflict,
            ProblemTypes.ConcurrencyConflict,
            "The request conflicts with the current state.",
            "Another request created the same resource at the same time; read it and retry if needed."),
        _ when exception.IsDatabaseUnavailable() => Problem(
            StatusCodes.Status503ServiceUnavailable,
            ProblemTypes.DatabaseUnavailable,
            "The database is unavailable.",
            $"The API cannot reach its database right now. Retry after {DatabaseRetryAfterSeconds} seconds; a POST retried with the same Idempotency-Key is not applied twice."),
        _ => Problem(StatusCodes.Status500InternalServerError, ProblemTypes.Unexpected, "An unexpected error occurred.", "The failure has been logged; quote the traceId when reporting it."),
    };

    /// <summary>
    /// A body the endpoint could not read: either not JSON at all, or JSON that does not fit the operation (a member
    /// it does not have, a value of the wrong type or outside the choices), which is named as a field error.
    /// </summary>
    private static ProblemDetails Unreadable(BadHttpRequestException badRequest, JsonException json, HttpContext httpContext)
    {
        // The exception handler has cleared the endpoint by now; its feature keeps the one that failed.
        var endpoint = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? httpContext.GetEndpoint();
        var bodyType = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var options = httpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var path = json.Path ?? "$";
        if (JsonInputErrors.Explain(json, bodyType, options) is not { } finding)
        {
            return new ProblemDetails
            {
                Status = badRequest.StatusCode,
                Type = ProblemTypes.MalformedRequest,
                Title = "The request could not be read.",
                Detail = $"The request body is not valid JSON; look at {path} (line {json.LineNumber + 1}, byte {json.BytePositionInLine + 1}).",
            };
        }

        // Still a malformed request (the body cannot be read as this operation's input), with the field named as validation errors name theirs.
        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [finding.Field] = [finding.Message] })
        {
            Status = badRequest.StatusCode,
            Type = ProblemTypes.MalformedRequest,
            Title = "The request body does not fit this operation.",
            Detail = $"The JSON body does not fit this operation at {(finding.Field == "$" ? "$" : "$." + finding.Field)}: {finding.Message}",
        };
    }

    private static ProblemDetails WithFacts(ProblemDetails problem, IReadOnlyDictionary<string, object?> facts)
    {
        foreach (var (name, value) in facts)
        {
            problem.Extensions[name] = value;
        }

        return problem;
    }

    private static ProblemDetails Problem(int status, string type, string title, string detail) =>
        new() { Status = status, Type = type, Title = title, Detail = detail };

    private static HttpValidationProblemDetails Validation(IDictionary<string, string[]> errors) =>
        new(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Type = ProblemTypes.Validation,
            Title = "The request is invalid.",
            Detail = "See errors for the fields that need attention.",
        };
}
