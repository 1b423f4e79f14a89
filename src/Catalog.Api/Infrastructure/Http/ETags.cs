using System.Security.Cryptography;
using System.Text;
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
/// <see cref="ETagFilter"/> puts them on the answers.
/// </summary>
public static class ETags
{
    public static string ForVersion(int version) => $"\"{version}\"";

    public static string ForContent<T>(HttpContext http, T body)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return Hash(JsonSerializer.SerializeToUtf8Bytes(body, options));
    }

    /// <summary>
    /// The tag of what an endpoint answers, or null for what carries none (a list, no body): its version when it
    /// has one (<see cref="IVersionTagged"/>), otherwise a hash of its JSON, or of its text and media type.
    /// </summary>
    public static string? For(HttpContext http, IResult answer) => answer switch
    {
        IValueHttpResult { Value: IVersionTagged versioned } => ForVersion(versioned.Version),
        IValueHttpResult { Value: null or IListResponse } => null,
        IValueHttpResult { Value: { } body } => ForContent(http, body),
        ContentHttpResult { ResponseContent: { } text } content => Hash(Encoding.UTF8.GetBytes(content.ContentType + "\n" + text)),
        _ => null,
    };

    /// <summary>Sets the ETag and tells whether the client's If-None-Match already names it (answer 304 then).</summary>
    public static bool IsNotModified(HttpContext http, string etag)
    {
        http.Response.Headers.ETag = etag;
        return EntityTagHeaderValue.TryParseList(http.Request.Headers.IfNoneMatch, out var tags)
            && tags.Any(t => t.Compare(EntityTagHeaderValue.Any, useStrongComparison: false) || t.Tag == etag);
    }

    private static string Hash(byte[] content) => $"\"{Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 16))}\"";
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
