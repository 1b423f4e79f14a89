namespace Catalog.Api.Infrastructure.Problems;

/// <summary>The resource does not exist, or the caller may not know that it does.</summary>
public sealed class NotFoundException(string resource, object id)
    : Exception($"No {resource} with id '{id}' exists, or it is not visible to you.");

/// <summary>Input that is well-formed but names things that do not exist (a field error, 400).</summary>
public sealed class InvalidInputException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>
/// The caller's role may use the endpoint but not on this resource (403): an IT lead deciding a customer's proposal,
/// a customer key opening a proposal between services. Refused like a policy refusal, with the reason.
/// </summary>
public sealed class ForbiddenException(string message) : Exception(message);

/// <summary>A uniqueness or state conflict found by a handler (409).</summary>
public sealed class ConflictException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>The <c>If-Match</c> header names a version that is no longer current (412).</summary>
public sealed class PreconditionFailedException(string message) : Exception(message);

/// <summary>An update came without <c>If-Match</c> (428).</summary>
public sealed class PreconditionRequiredException()
    : Exception("This update needs an If-Match header with the ETag of the version you read.");

/// <summary>The client accepts none of the representations the resource has (406).</summary>
public sealed class NotAcceptableException(string message) : Exception(message);

/// <summary>An Idempotency-Key was used again for a different request (422).</summary>
public sealed class IdempotencyKeyReusedException(string key)
    : Exception($"Idempotency-Key '{key}' was already used for a different request; use a new key for a new request.");
