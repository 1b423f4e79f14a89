namespace Catalog.Api.Infrastructure.Problems;

/// <summary>Stable problem <c>type</c> URIs that clients can match on.</summary>
public static class ProblemTypes
{
    public const string Prefix = "https://catalog.example/problems/";

    public const string Validation = Prefix + "validation";
    public const string MalformedRequest = Prefix + "malformed-request";
    public const string Unauthenticated = Prefix + "unauthenticated";
    public const string Forbidden = Prefix + "forbidden";
    public const string NotFound = Prefix + "not-found";
    public const string ConcurrencyConflict = Prefix + "concurrency-conflict";
    public const string PreconditionFailed = Prefix + "precondition-failed";
    public const string PreconditionRequired = Prefix + "precondition-required";
    public const string RateLimited = Prefix + "rate-limited";
    public const string DatabaseUnavailable = Prefix + "database-unavailable";
    public const string Unexpected = Prefix + "unexpected";

    public static string Conflict(string code) => Prefix + code;

    /// <summary>A problem type for a plain status code with no more specific cause.</summary>
    public static string ForStatus(int status) => status switch
    {
        400 => MalformedRequest,
        401 => Unauthenticated,
        403 => Forbidden,
        404 => NotFound,
        405 => Prefix + "method-not-allowed",
        406 => Prefix + "not-acceptable",
        414 => Prefix + "uri-too-long",
        415 => Prefix + "unsupported-media-type",
        412 => PreconditionFailed,
        428 => PreconditionRequired,
        429 => RateLimited,
        431 => Prefix + "header-fields-too-large",
        _ when status >= 500 => Unexpected,
        _ => Prefix + status,
    };
}
