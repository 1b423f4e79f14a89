using System.Security.Cryptography;
using System.Text.Json;
using Catalog.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Catalog.Api.Infrastructure.Http;

/// <summary>
/// Strong entity tags. Resources that can be updated are tagged with their concurrency token (the version),
/// so a GET's ETag is what an update's If-Match must carry; derived views are tagged with a hash of their content.
/// </summary>
public static class ETags
{
    public static string ForVersion(int version) => $"\"{version}\"";

    public static string ForContent<T>(HttpContext http, T body)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var hash = SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(body, options));
        return $"\"{Convert.ToHexStringLower(hash.AsSpan(0, 16))}\"";
    }

    /// <summary>Answers 200 with the body and its ETag, or 304 when the client's If-None-Match already names it.</summary>
    public static Results<Ok<T>, StatusCodeHttpResult> OkOrNotModified<T>(HttpContext http, T body, string etag) =>
        IsNotModified(http, etag) ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : TypedResults.Ok(body);

    /// <summary>Sets the ETag and tells whether the client's If-None-Match already names it (answer 304 then).</summary>
    public static bool IsNotModified(HttpContext http, string etag)
    {
        http.Response.Headers.ETag = etag;
        return EntityTagHeaderValue.TryParseList(http.Request.Headers.IfNoneMatch, out var tags)
            && tags.Any(t => t.Compare(EntityTagHeaderValue.Any, useStrongComparison: false) || t.Tag == etag);
    }
}

/// <summary>The If-Match precondition of an update, checked against the version the handler loaded.</summary>
public readonly record struct IfMatch(string? Header)
{
    public static IfMatch From(HttpContext http) => new(http.Request.Headers.IfMatch.ToString());

    /// <summary>Throws 428 without a header and 412 when no listed tag is the current version; returns the version the client read.</summary>
    public int EnsureMatches(int currentVersion)
    {
        if (string.IsNullOrWhiteSpace(Header))
        {
            throw new PreconditionRequiredException();
        }

        if (!EntityTagHeaderValue.TryParseList([Header], out var tags))
        {
            throw new PreconditionFailedException($"If-Match '{Header}' is not a list of entity tags.");
        }

        var current = ETags.ForVersion(currentVersion);
        if (tags.Any(t => t.Tag == "*" || (!t.IsWeak && t.Tag == current)))
        {
            return currentVersion;
        }

        throw new PreconditionFailedException($"If-Match {Header} does not match the current version {current}; read the resource again.");
    }
}
