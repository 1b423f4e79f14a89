using System.Globalization;
using System.Text.Json.Nodes;

namespace Catalog.Api.IntegrationTests.Infrastructure;

/// <summary>The committed <c>api-specs/catalog.v1.json</c>, and real responses checked against what it documents.</summary>
public static class CommittedOpenApi
{
    private static readonly Lazy<JsonObject> Loaded = new(() =>
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Catalog.sln")))
        {
            directory = directory.Parent;
        }

        var path = Path.Combine(directory?.FullName ?? throw new InvalidOperationException("Catalog.sln not found above the test binaries."), "api-specs", "catalog.v1.json");
        return JsonNode.Parse(File.ReadAllText(path))!.AsObject();
    });

    public static JsonObject Document => Loaded.Value;

    /// <summary>Asserts that the document lists the response's status for the operation and that its body validates against the documented schema.</summary>
    public static async Task ExpectDocumentedAsync(string method, string template, HttpResponseMessage response)
    {
        var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        var body = await response.Content.ReadAsStringAsync();
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "application/json";
        var documented = Document["paths"]![template]![method]!["responses"]![status];
        Assert.True(documented is not null, $"{method.ToUpperInvariant()} {template} answered {status}, which its description does not list: {body}");
        var schemaNode = documented!["content"]?[mediaType]?["schema"];
        Assert.True(schemaNode is not null, $"{method.ToUpperInvariant()} {template} {status} documents no {mediaType} body");

        var schema = await SchemaFor(schemaNode!);
        var errors = schema.Validate(body);
        Assert.True(errors.Count == 0, $"{method.ToUpperInvariant()} {template} {status}: {string.Join("; ", errors.Select(e => $"{e.Path} {e.Kind}"))} in {body}");
    }

    /// <summary>A standalone JSON Schema for one response: the document's component schemas become its definitions.</summary>
    private static Task<NJsonSchema.JsonSchema> SchemaFor(JsonNode responseSchema)
    {
        var root = new JsonObject
        {
            ["definitions"] = Document["components"]!["schemas"]!.DeepClone(),
            ["allOf"] = new JsonArray(responseSchema.DeepClone()),
        };
        return NJsonSchema.JsonSchema.FromJsonAsync(root.ToJsonString().Replace("#/components/schemas/", "#/definitions/", StringComparison.Ordinal));
    }
}
