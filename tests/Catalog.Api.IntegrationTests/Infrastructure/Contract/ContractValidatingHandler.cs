using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace Catalog.Api.IntegrationTests.Infrastructure.Contract;

/// <summary>
/// Sits between every test client and the API and holds each exchange to the committed OpenAPI document, as a
/// strict validating proxy would: the request (a documented path and method, parameters, content type and body)
/// and the response (a documented status, content type, body and required headers). A violation fails the call
/// with a <see cref="ContractViolationException"/> naming each broken rule. A request that breaks the document is a
/// violation unless the API refused it with a 4xx problem (what the many tests of bad input send on purpose); a test
/// whose request the document cannot describe at all says so with <see cref="ContractValidation.ExpectInvalidRequest"/>.
/// Responses are always checked.
/// </summary>
public sealed class ContractValidatingHandler : DelegatingHandler
{
    // Served beside the API and described elsewhere: the document itself and the UI that renders it.
    private static readonly string[] OutsideTheDocument = ["/openapi/", "/swagger"];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (OutsideTheDocument.Any(p => path.StartsWith(p, StringComparison.Ordinal)))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var found = OpenApiContract.Find(request.Method, path);
        var exchange = $"{request.Method} {request.RequestUri.PathAndQuery}";
        if (found is null)
        {
            // A method the path does not have: the API must refuse it (405) as a problem, whatever the test meant.
            var refused = await base.SendAsync(request, cancellationToken);
            await refused.Content.LoadIntoBufferAsync(cancellationToken);
            if (!(OpenApiContract.HasPath(path) || ContractValidation.RequestExempt) || !IsRefusal(refused))
            {
                throw new ContractViolationException($"{exchange} -> {(int)refused.StatusCode}", [$"the document has no operation {request.Method} for this path"]);
            }

            return refused;
        }

        var (template, operation, pathValues) = found.Value;
        var requestViolations = new List<string>();
        if (!ContractValidation.RequestExempt)
        {
            await CheckRequestAsync(request, template, operation, pathValues, requestViolations, cancellationToken);
        }

        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var violations = new List<string>();
        // A request the document forbids must be refused with a problem; one the API accepts means the document is
        // stricter than the API, and a client generated from it could not send what the API takes.
        if (requestViolations.Count > 0 && !IsRefusal(response))
        {
            violations.AddRange(requestViolations);
        }

        await CheckResponseAsync(request.Method, operation, response, violations, cancellationToken);
        if (violations.Count > 0)
        {
            throw new ContractViolationException($"{exchange} -> {(int)response.StatusCode} (operation {operation["operationId"]})", violations);
        }

        return response;
    }

    private static async Task CheckRequestAsync(
        HttpRequestMessage request, string template, JsonObject operation, IReadOnlyDictionary<string, string> pathValues, List<string> violations, CancellationToken cancellationToken)
    {
        var query = QueryHelpers.ParseQuery(request.RequestUri!.Query);
        var parameters = OpenApiContract.Parameters(template, operation).ToList();
        foreach (var parameter in parameters)
        {
            var name = parameter["name"]!.GetValue<string>();
            var location = parameter["in"]!.GetValue<string>();
            var required = parameter["required"]?.GetValue<bool>() == true;
            var values = location switch
            {
                "path" => pathValues.TryGetValue(name, out var value) ? [value] : [],
                "query" => query.TryGetValue(name, out var queried) ? queried.ToArray() : [],
                "header" => HeaderValues(request, name),
                _ => [],
            };
            if (values.Length == 0)
            {
                if (required)
                {
                    violations.Add($"request: required {location} parameter '{name}' is missing");
                }

                continue;
            }

            var schema = parameter["schema"];
            foreach (var value in values.Where(_ => schema is not null))
            {
                violations.AddRange(OpenApiContract.Check(schema!, OpenApiContract.Typed(schema!, value!)).Select(e => $"request: {location} parameter '{name}' = '{value}' {e}"));
            }
        }

        var documentedQuery = parameters.Where(p => p["in"]!.GetValue<string>() == "query").Select(p => p["name"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        violations.AddRange(query.Keys.Where(k => !documentedQuery.Contains(k)).Select(k => $"request: query parameter '{k}' is not documented"));

        var body = operation["requestBody"] is { } declared ? OpenApiContract.Resolve(declared).AsObject() : null;
        var text = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        if (body is null)
        {
            if (text.Length > 0)
            {
                violations.Add("request: a body was sent but the operation takes none");
            }

            return;
        }

        if (text.Length == 0)
        {
            if (body["required"]?.GetValue<bool>() == true)
            {
                violations.Add("request: the operation requires a body");
            }

            return;
        }

        var mediaType = request.Content!.Headers.ContentType?.MediaType ?? string.Empty;
        if (body["content"]?[mediaType] is not { } media)
        {
            violations.Add($"request: content type '{mediaType}' is not documented");
            return;
        }

        CheckBody("request body", media, mediaType, text, violations);
    }

    private static async Task CheckResponseAsync(HttpMethod method, JsonObject operation, HttpResponseMessage response, List<string> violations, CancellationToken cancellationToken)
    {
        var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        var responses = operation["responses"]!.AsObject();
        var documented = responses[status] ?? responses[$"{status[0]}XX"] ?? responses["default"];
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (documented is null)
        {
            violations.Add($"response: status {status} is not documented (documented: {string.Join(", ", responses.Select(r => r.Key))}); body: {Shorten(text)}");
            return;
        }

        var declared = OpenApiContract.Resolve(documented).AsObject();
        foreach (var (name, header) in declared["headers"]?.AsObject() ?? [])
        {
            var resolved = OpenApiContract.Resolve(header!);
            var values = response.Headers.TryGetValues(name, out var found) ? found.ToArray()
                : response.Content.Headers.TryGetValues(name, out var fromContent) ? fromContent.ToArray() : [];
            if (values.Length == 0 && resolved["required"]?.GetValue<bool>() == true)
            {
                violations.Add($"response: required header '{name}' is missing");
            }

            if (resolved["schema"] is not { } schema)
            {
                continue;
            }

            foreach (var value in values)
            {
                violations.AddRange(OpenApiContract.Check(schema, OpenApiContract.Typed(schema, value)).Select(e => $"response: header '{name}' = '{value}' {e}"));
            }
        }

        var content = declared["content"]?.AsObject();
        if (text.Length == 0)
        {
            // A HEAD answer, or a conditional 304, carries only the headers of the body it stands for.
            if (content is { Count: > 0 } && method != HttpMethod.Head && response.StatusCode != System.Net.HttpStatusCode.NotModified)
            {
                violations.Add($"response: status {status} documents a body ({string.Join(", ", content.Select(c => c.Key))}) but none was sent");
            }

            return;
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType ?? string.Empty;
        if (content?[mediaType] is not { } media)
        {
            violations.Add($"response: content type '{mediaType}' is not documented for {status} (documented: {string.Join(", ", content?.Select(c => c.Key) ?? [])})");
            return;
        }

        CheckBody($"response {status} body", media, mediaType, text, violations);
    }

    private static void CheckBody(string what, JsonNode media, string mediaType, string text, List<string> violations)
    {
        if (media["schema"] is not { } schema)
        {
            return;
        }

        IEnumerable<string> documents = mediaType switch
        {
            "application/json" or "text/json" => [text],
            _ when mediaType.EndsWith("+json", StringComparison.Ordinal) => [text],
            // One JSON document a line, each of the documented schema (a stream described only as text is not split).
            "application/x-ndjson" when OpenApiContract.Resolve(schema)["type"]?.GetValueKind() is not System.Text.Json.JsonValueKind.String
                || OpenApiContract.Resolve(schema)["type"]!.GetValue<string>() != "string" => text.Split('\n', StringSplitOptions.RemoveEmptyEntries),
            _ => [],
        };
        foreach (var document in documents)
        {
            JsonNode? value;
            try
            {
                value = JsonNode.Parse(document);
            }
            catch (JsonException e)
            {
                violations.Add($"{what}: not JSON ({e.Message})");
                continue;
            }

            violations.AddRange(OpenApiContract.Check(schema, value).Select(e => $"{what}: {e}; body: {Shorten(document)}"));
        }
    }

    private static bool IsRefusal(HttpResponseMessage response) =>
        (int)response.StatusCode is >= 400 and < 500 && response.Content.Headers.ContentType?.MediaType == "application/problem+json";

    private static string[] HeaderValues(HttpRequestMessage request, string name) =>
        request.Headers.TryGetValues(name, out var values) ? values.ToArray()
        : request.Content?.Headers.TryGetValues(name, out var content) == true ? content.ToArray() : [];

    private static string Shorten(string text) => text.Length <= 600 ? text : text[..600] + "…";
}

/// <summary>An exchange that breaks the committed OpenAPI document.</summary>
public sealed class ContractViolationException(string exchange, IReadOnlyList<string> violations)
    : Exception($"{exchange} breaks api-specs/catalog.v1.json:{Environment.NewLine}  - {string.Join(Environment.NewLine + "  - ", violations)}");

/// <summary>The one way for a test to send a request the document forbids: on purpose, and only for the request side.</summary>
public static class ContractValidation
{
    private static readonly AsyncLocal<bool> Exempt = new();

    internal static bool RequestExempt => Exempt.Value;

    /// <summary>
    /// Until disposed, requests in this flow are not held to the document (they are malformed on purpose: bad JSON,
    /// unknown members, wrong types, missing fields); the responses still are.
    /// </summary>
    public static IDisposable ExpectInvalidRequest()
    {
        var previous = Exempt.Value;
        Exempt.Value = true;
        return new Restore(() => Exempt.Value = previous);
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
