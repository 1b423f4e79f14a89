using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Catalog.Api.IntegrationTests.Infrastructure.Contract;

/// <summary>
/// The committed OpenAPI document read as a contract: finds the operation a request is for and checks values
/// against the document's JSON Schemas (2020-12, as OpenAPI 3.1 uses them, formats asserted as a strict proxy does).
/// </summary>
public static class OpenApiContract
{
    private const string ComponentsPrefix = "#/components/schemas/";

    private static readonly Lazy<IReadOnlyList<PathTemplate>> Templates = new(() =>
        CommittedOpenApi.Document["paths"]!.AsObject()
            .Select(p => new PathTemplate(p.Key, p.Value!.AsObject()))
            // Literal segments win over parameters, as the server's routing does.
            .OrderBy(t => t.ParameterCount)
            .ToList());

    private static readonly ConcurrentDictionary<string, JsonSchema> Schemas = new(StringComparer.Ordinal);

    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    /// <summary>
    /// The operation for this method and path, with the path's parameter values; null when the document has none.
    /// HEAD is the GET of the same path without its body (RFC 9110, 9.3.2), so the document describes it once, as the GET.
    /// </summary>
    public static (string Template, JsonObject Operation, IReadOnlyDictionary<string, string> PathValues)? Find(HttpMethod method, string path)
    {
        foreach (var template in Templates.Value)
        {
            var match = template.Pattern.Match(path);
            if (!match.Success)
            {
                continue;
            }

            var operation = template.Item[(method == HttpMethod.Head ? HttpMethod.Get : method).Method.ToLowerInvariant()]?.AsObject();
            if (operation is null)
            {
                continue;
            }

            var values = template.Names.ToDictionary(n => n, n => Uri.UnescapeDataString(match.Groups[n].Value), StringComparer.Ordinal);
            return (template.Text, operation, values);
        }

        return null;
    }

    /// <summary>Whether the document has the path at all (under any method).</summary>
    public static bool HasPath(string path) => Templates.Value.Any(t => t.Pattern.IsMatch(path));

    /// <summary>The operation's parameters, the path item's own included.</summary>
    public static IEnumerable<JsonObject> Parameters(string template, JsonObject operation) =>
        (CommittedOpenApi.Document["paths"]![template]!["parameters"]?.AsArray() ?? [])
            .Concat(operation["parameters"]?.AsArray() ?? [])
            .Select(p => Resolve(p!).AsObject());

    /// <summary>Errors of a JSON value against a schema of the document; empty when it is valid.</summary>
    public static IReadOnlyList<string> Check(JsonNode schema, JsonNode? value)
    {
        var compiled = Schemas.GetOrAdd(schema.ToJsonString(), Compile);
        using var instance = JsonDocument.Parse(value?.ToJsonString() ?? "null");
        var results = compiled.Evaluate(instance.RootElement, Evaluation);
        if (results.IsValid)
        {
            return [];
        }

        return (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{(d.InstanceLocation.ToString() is { Length: > 0 } at ? at : "/")}: {e.Value}"))
            .Distinct(StringComparer.Ordinal)
            .DefaultIfEmpty("does not validate")
            .ToList();
    }

    /// <summary>A query, path or header value as the schema would see it: a number or boolean where the schema says so.</summary>
    public static JsonNode? Typed(JsonNode schema, string value)
    {
        var types = Resolve(schema)["type"] switch
        {
            JsonArray array => array.Select(t => t!.GetValue<string>()).ToHashSet(StringComparer.Ordinal),
            JsonValue single => [single.GetValue<string>()],
            _ => new HashSet<string>(StringComparer.Ordinal),
        };
        if (types.Contains("integer") && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return integer;
        }

        if (types.Contains("number") && decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        if (types.Contains("boolean") && bool.TryParse(value, out var boolean))
        {
            return boolean;
        }

        return value;
    }

    /// <summary>Follows a <c>$ref</c> within the document.</summary>
    public static JsonNode Resolve(JsonNode node)
    {
        while (node is JsonObject obj && obj["$ref"]?.GetValue<string>() is { } reference && reference.StartsWith("#/", StringComparison.Ordinal))
        {
            JsonNode current = CommittedOpenApi.Document;
            foreach (var segment in reference[2..].Split('/'))
            {
                current = current[segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)]
                    ?? throw new InvalidOperationException($"The document has no {reference}.");
            }

            node = current;
        }

        return node;
    }

    /// <summary>A standalone schema: the document's component schemas become its definitions.</summary>
    private static JsonSchema Compile(string schema)
    {
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$defs"] = CommittedOpenApi.Document["components"]!["schemas"]!.DeepClone(),
            ["allOf"] = new JsonArray(JsonNode.Parse(schema)),
        };
        var text = root.ToJsonString().Replace(ComponentsPrefix, "#/$defs/", StringComparison.Ordinal);
        return JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    }

    private sealed class PathTemplate
    {
        public PathTemplate(string text, JsonObject item)
        {
            Text = text;
            Item = item;
            Names = Regex.Matches(text, @"\{([^}]+)\}").Select(m => m.Groups[1].Value).ToList();
            var pattern = Regex.Replace(Regex.Escape(text).Replace(@"\{", "{", StringComparison.Ordinal), @"\{([^}]+)}", m => $"(?<{m.Groups[1].Value}>[^/]+)");
            Pattern = new Regex($"^{pattern}$", RegexOptions.CultureInvariant);
        }

        public string Text { get; }

        public JsonObject Item { get; }

        public List<string> Names { get; }

        public int ParameterCount => Names.Count;

        public Regex Pattern { get; }
    }
}
