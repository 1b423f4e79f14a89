using System.Buffers.Text;
using System.Text;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Catalog.Api.Infrastructure.Http;

namespace Catalog.Api.Infrastructure.Http;

/// <summary>A page of a list: <c>{ "items": [...], "nextCursor": ... }</c>; <c>nextCursor</c> is null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor) : IListResponse;

/// <summary>
/// Keyset pagination: the cursor carries the sort key of the last item sent, and the next page starts after
/// it, so a page costs one index seek whatever its depth, and rows inserted meanwhile neither repeat nor
/// shift what the reader sees.
/// </summary>
public sealed record PageRequest(int Limit, string? After)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static PageRequest From(int? limit, string? cursor)
    {
        if (limit is < 1 or > MaxLimit)
        {
            throw new ValidationException([new ValidationFailure("limit", $"limit must be between 1 and {MaxLimit}.")]);
        }

        return new PageRequest(limit ?? DefaultLimit, Cursor.Decode(cursor));
    }
}

public static class Cursor
{
    private const string Version = "1:";

    public static string Encode(string lastKey) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Version + lastKey));

    public static string? Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            if (text.StartsWith(Version, StringComparison.Ordinal))
            {
                return text[Version.Length..];
            }
        }
        catch (FormatException)
        {
        }

        throw Invalid();
    }

    /// <summary>The error for a cursor that decodes but does not fit the list it was sent to.</summary>
    public static ValidationException Invalid() =>
        new([new ValidationFailure("cursor", "The cursor is not one this API issued for this list; start again without it.")]);

    /// <summary>Reads a cursor whose key is an id.</summary>
    public static Guid? AfterId(this PageRequest page) =>
        page.After is null ? null : Guid.TryParse(page.After, out var id) ? id : throw Invalid();
}

public static class PageQueries
{
    /// <summary>Reads one page from a query already filtered past the cursor and ordered by the cursor key.</summary>
    public static async Task<Page<T>> ToPageAsync<T>(this IQueryable<T> ordered, int limit, Func<T, string> cursorKey, CancellationToken cancellationToken)
    {
        return Trim(await ordered.Take(limit + 1).ToListAsync(cancellationToken), limit, cursorKey);
    }

    /// <summary>Pages a short list that is already in memory (an aggregate's versions or analyses) the same way.</summary>
    public static Page<T> ToPage<T>(this IEnumerable<T> ordered, PageRequest page, Func<T, string> cursorKey)
    {
        var rest = ordered;
        if (page.After is { } after)
        {
            var items = ordered.ToList();
            var index = items.FindIndex(item => cursorKey(item) == after);
            rest = index < 0 ? throw Cursor.Invalid() : items.Skip(index + 1);
        }

        return Trim(rest.Take(page.Limit + 1).ToList(), page.Limit, cursorKey);
    }

    /// <summary>One row more than the limit was read to learn whether another page follows; drop it and point the cursor at the last row sent.</summary>
    private static Page<T> Trim<T>(List<T> rows, int limit, Func<T, string> cursorKey)
    {
        if (rows.Count <= limit)
        {
            return new Page<T>(rows, null);
        }

        rows.RemoveAt(limit);
        return new Page<T>(rows, Cursor.Encode(cursorKey(rows[^1])));
    }

    /// <summary>Sends the next page's address as <c>Link: &lt;…&gt;; rel="next"</c>.</summary>
    public static Page<T> WithNextLink<T>(this Page<T> page, HttpContext http)
    {
        if (page.NextCursor is not null)
        {
            AddNextLink(http, "cursor", page.NextCursor);
        }

        return page;
    }

    /// <summary>Links to this same request with one query parameter (the cursor, or the feed's <c>after</c>) replaced.</summary>
    public static void AddNextLink(HttpContext http, string parameter, string value)
    {
        var query = QueryHelpers.ParseQuery(http.Request.QueryString.Value)
            .Where(q => !string.Equals(q.Key, parameter, StringComparison.OrdinalIgnoreCase))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Append(new KeyValuePair<string, string?>(parameter, value));
        var request = http.Request;
        var next = QueryHelpers.AddQueryString($"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}", query);
        http.Response.Headers.Append("Link", $"<{next}>; rel=\"next\"");
    }
}
