using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Catalog.Api.Infrastructure.Idempotency;

namespace Catalog.Api.IntegrationTests.Infrastructure;

/// <summary>Small helpers to talk to the API as a client would: JSON in, JSON out, keys and ETags in headers.</summary>
public static class TestApi
{
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";

    public static async Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body) =>
        await client.PostAsync(path, JsonContent.Create(body));

    /// <summary>A POST with an <c>Idempotency-Key</c> (sent as given, so a malformed one reaches the API).</summary>
    public static async Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body, string idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation(IdempotencyMiddleware.Header, idempotencyKey);
        return await client.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string path, object body, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> GetAsync(this HttpClient client, string path, string? ifNoneMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Sends any method, with the body as JSON when there is one.</summary>
    public static async Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string path, object? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Every item of a list, following <c>nextCursor</c>.</summary>
    public static async Task<List<JsonObject>> ReadAllAsync(this HttpClient client, string firstPage)
    {
        var items = new List<JsonObject>();
        string? next = firstPage;
        for (var pages = 0; next is not null; pages++)
        {
            Assert.True(pages < 100, "Paging did not end.");
            var page = await (await client.GetAsync(next)).ExpectAsync(HttpStatusCode.OK);
            items.AddRange(page["items"]!.AsArray().Select(i => i!.AsObject()));
            var cursor = page["nextCursor"]?.GetValue<string>();
            next = cursor is null ? null : $"{firstPage}{(firstPage.Contains('?', StringComparison.Ordinal) ? '&' : '?')}cursor={Uri.EscapeDataString(cursor)}";
        }

        return items;
    }

    /// <summary>The change feed's current last sequence, read to the end as an integrator does.</summary>
    public static async Task<long> FeedPositionAsync(this HttpClient client)
    {
        var after = 0L;
        while (true)
        {
            var page = await (await client.GetAsync($"/api/v1/changes?after={after}&limit=1000")).ExpectAsync(HttpStatusCode.OK);
            var last = page["lastSequence"].Value<long>();
            if (last == after)
            {
                return last;
            }

            after = last;
        }
    }

    public static async Task<JsonObject> JsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    /// <summary>Asserts the status and returns the JSON body.</summary>
    public static async Task<JsonObject> ExpectAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status} but got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Asserts the status and returns the items of a list page.</summary>
    public static async Task<JsonArray> ExpectItemsAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var page = await response.ExpectAsync(status);
        Assert.True(page.ContainsKey("nextCursor"), "A list answers { items, nextCursor }.");
        return page["items"]!.AsArray();
    }

    /// <summary>Asserts an RFC 9457 problem with the given status and type suffix; returns it for further checks.</summary>
    public static async Task<JsonObject> ExpectProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string? type = null)
    {
        var problem = await response.ExpectAsync(status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(problem["title"]?.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(problem["traceId"]?.GetValue<string>()));
        Assert.StartsWith("https://catalog.example/problems/", problem["type"]!.GetValue<string>(), StringComparison.Ordinal);
        if (type is not null)
        {
            Assert.Equal("https://catalog.example/problems/" + type, problem["type"]!.GetValue<string>());
        }

        Assert.DoesNotContain("   at ", problem.ToJsonString(), StringComparison.Ordinal);
        return problem;
    }

    /// <summary>Asserts a 400 validation problem naming exactly these fields.</summary>
    public static async Task<JsonObject> ExpectValidationAsync(this HttpResponseMessage response, params string[] fields)
    {
        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation");
        var errors = problem["errors"]!.AsObject();
        Assert.Equal(fields.Order(StringComparer.Ordinal), errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        return problem;
    }

    public static string ETag(this HttpResponseMessage response) =>
        response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("The response has no ETag.");

    public static string? NextLink(this HttpResponseMessage response) =>
        response.Headers.TryGetValues("Link", out var values)
            ? values.Select(v => LinkValue.Parse(v)).FirstOrDefault(l => l.Rel == "next")?.Uri
            : null;

    public static T Value<T>(this JsonNode? node) => node!.GetValue<T>();

    public static Guid Id(this JsonObject body) => Guid.Parse(body["id"]!.GetValue<string>());

    private sealed record LinkValue(string Uri, string Rel)
    {
        public static LinkValue Parse(string header)
        {
            var parts = header.Split(';', StringSplitOptions.TrimEntries);
            var rel = parts.Skip(1).Select(p => p.Split('=', 2)).Where(p => p[0] == "rel").Select(p => p[1].Trim('"')).FirstOrDefault() ?? string.Empty;
            return new LinkValue(parts[0].Trim('<', '>'), rel);
        }
    }
}
