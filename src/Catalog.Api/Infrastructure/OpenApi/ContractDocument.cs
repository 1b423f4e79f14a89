using System.Globalization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Catalog.Api.Infrastructure.OpenApi;

/// <summary>
/// What every operation can answer whatever its handler says (limits, failures, unreadable input), the health
/// endpoints (mapped outside the API description, so read from the routing table), and the tags in reading order:
/// the negotiation first.
/// </summary>
internal static class ContractDocument
{
    private const string ProblemSchema = "ProblemDetails";
    private const string ProblemJson = "application/problem+json";

    /// <summary>Tags a reader should meet first, in this order; the others follow as mapped.</summary>
    private static readonly string[] LeadingTags = ["Proposals", "Agreements"];

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Proposals"] = "The negotiation: a business unit proposes service levels, IT answers with cost and consequences, the business unit decides.",
        ["Agreements"] = "What was agreed: immutable, versioned agreements, their differences, a plain-language document and an OpenSLO export.",
        ["Services"] = "The service catalog: what IT offers, at what unit cost, depending on what.",
        ["Customers"] = "Business units, what they consume and what it costs them.",
        ["Metrics"] = "The vocabulary of service-level targets.",
        ["API keys"] = "Keys and the roles they carry.",
        ["Changes"] = "The change feed, in commit order, for integrators.",
        ["Export"] = "A consistent snapshot of the catalog, for loading once.",
        ["Webhooks"] = "Signed deliveries of change events to a subscriber's URL.",
        ["Health"] = "Liveness and readiness probes, without an API key.",
    };

    public static void AddCommonResponses(OpenApiOperation operation, OpenApiDocument document, bool hasInput)
    {
        if (hasInput)
        {
            AddProblem(operation, document, "400", "The request is malformed: unreadable JSON, a wrong type, or a value out of range.");
        }

        AddProblem(operation, document, "429", "Too many requests; Retry-After says when to try again.", RetryAfter());
        AddProblem(operation, document, "500", "An unexpected failure; the problem's traceId identifies it in the logs.");
        AddProblem(operation, document, "503", "The database cannot be reached right now; Retry-After says when to try again.", RetryAfter());
    }

    public static Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ContractSchemas.RequiredNotNull(document);
        AddHealthEndpoints(document, context.ApplicationServices);
        var used = document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []).SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(t => t.Name!).Distinct(StringComparer.Ordinal).ToList();
        var ordered = LeadingTags.Where(used.Contains).Concat(used.Where(t => !LeadingTags.Contains(t)));
        document.Tags = new HashSet<OpenApiTag>(ordered.Select(name => new OpenApiTag
        {
            Name = name,
            Description = TagDescriptions.GetValueOrDefault(name),
        }));
        return Task.CompletedTask;
    }

    private static void AddHealthEndpoints(OpenApiDocument document, IServiceProvider services)
    {
        var endpoints = services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.DisplayName == "Health checks" && e.RoutePattern.RawText is not null);
        foreach (var endpoint in endpoints)
        {
            var path = endpoint.RoutePattern.RawText!;
            var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var item = new OpenApiPathItem();
            foreach (var method in methods)
            {
                var name = string.Concat(path.Split('/', '-').Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
                var operation = new OpenApiOperation
                {
                    OperationId = (method == "GET" ? "Get" : CultureInfo.InvariantCulture.TextInfo.ToTitleCase(method.ToLowerInvariant())) + name,
                    Summary = path.EndsWith("ready", StringComparison.Ordinal)
                        ? "Readiness: whether this instance can serve requests (its database answers)"
                        : "Liveness: whether the process is up",
                    Tags = new HashSet<OpenApiTagReference> { new("Health", document) },
                    Security = [],
                    Responses = new OpenApiResponses
                    {
                        ["200"] = HealthStatus("Healthy.", "Healthy", "Degraded"),
                        ["503"] = HealthStatus("Unhealthy: a check failed.", "Unhealthy"),
                    },
                };
                AddCommonResponses(operation, document, hasInput: false);
                operation.Responses.Remove("503");
                operation.Responses["503"] = HealthStatus("Unhealthy: a check failed (the database does not answer).", "Unhealthy");
                item.AddOperation(HttpMethod.Parse(method), operation);
            }

            document.Paths[path] = item;
        }
    }

    private static OpenApiResponse HealthStatus(string description, params string[] values) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["text/plain"] = new()
            {
                // A plain string rather than an enum: generated clients read text/plain enums badly (NSwag's cannot compile them).
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    MaxLength = 16,
                    Description = $"The health status as text: {string.Join(" or ", values)}.",
                },
            },
        },
    };

    private static Dictionary<string, IOpenApiHeader> RetryAfter() => new()
    {
        ["Retry-After"] = new OpenApiHeader
        {
            Required = true,
            Description = "Seconds to wait before trying again.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "0", Format = "int32" },
        },
    };

    private static void AddProblem(OpenApiOperation operation, OpenApiDocument document, string status, string description, Dictionary<string, IOpenApiHeader>? headers = null)
    {
        operation.Responses ??= [];
        if (operation.Responses.TryGetValue(status, out var existing))
        {
            // Declared by the endpoint: keep its schema, add what every such answer carries.
            if (headers is not null && existing is OpenApiResponse declared)
            {
                declared.Headers ??= new Dictionary<string, IOpenApiHeader>();
                foreach (var (name, header) in headers)
                {
                    declared.Headers.TryAdd(name, header);
                }
            }

            return;
        }

        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Headers = headers,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProblemJson] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) },
            },
        };
    }
}
