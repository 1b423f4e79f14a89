using Catalog.Api.Domain.Negotiation;
using Catalog.Api.Infrastructure.Http;
using Catalog.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;

namespace Catalog.Api.Infrastructure.OpenApi;

public static class OpenApiSetup
{
    private const string SchemeId = "ApiKey";
    private const string ProblemSchema = "ProblemDetails";

    public static IServiceCollection AddCatalogOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi("v1", options =>
        {
            // Two types under one schema name would silently share a description; refuse that at build time.
            var schemaOwners = new System.Collections.Concurrent.ConcurrentDictionary<string, Type>();
            options.CreateSchemaReferenceId = typeInfo =>
            {
                var type = Nullable.GetUnderlyingType(typeInfo.Type) ?? typeInfo.Type;
                if (type == typeof(System.Text.Json.JsonElement))
                {
                    // Arbitrary JSON (a change event's resource) is described inline as "any", not as a named type.
                    return null;
                }

                var id = OpenApiOptions.CreateDefaultSchemaReferenceId(typeInfo);
                if (id is not null && schemaOwners.GetOrAdd(id, type) != type)
                {
                    throw new InvalidOperationException($"Schema name '{id}' is used by both {schemaOwners[id]} and {type}; rename one.");
                }

                return id;
            };

            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Catalog API",
                    Version = "v1",
                    Description = "Service catalog and SLA negotiation: business units propose service levels, IT answers with cost and consequences, "
                        + "the business unit decides, and the result is kept as an immutable, versioned agreement.",
                };

                // No server list: the document is the same wherever it is served, and clients use the address they called.
                document.Servers = [];
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[SchemeId] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "An API key issued by an admin, sent as 'Authorization: Bearer <key>'.",
                };
                return Task.CompletedTask;
            });

            options.AddSchemaTransformer(ContractSchemas.TransformAsync);
            options.AddDocumentTransformer(ContractDocument.TransformAsync);

            options.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                operation.Responses ??= [];
                ContractDocument.AddCommonResponses(operation, context.Document!, hasInput: context.Description.ParameterDescriptions.Count > 0);
                if (metadata.OfType<IAllowAnonymous>().Any())
                {
                    return Task.CompletedTask;
                }

                if (string.Equals(context.Description.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase))
                {
                    operation.Parameters ??= [];
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = "Idempotency-Key",
                        In = ParameterLocation.Header,
                        Required = false,
                        Description = "Makes the request safe to retry: the same key and body within 24 hours replay the first response (marked Idempotent-Replayed: true).",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 255 },
                    });
                    operation.Responses ??= [];
                    AddProblem(operation, context, StatusCodes.Status422UnprocessableEntity, "The Idempotency-Key was already used for a different request.");
                    AddProblem(operation, context, StatusCodes.Status409Conflict, "A conflict with the current state, or a request with the same Idempotency-Key is still running.");
                }

                // A GET that answers one resource through the ETag filter answers 304 to a matching If-None-Match.
                var answers = context.Description.SupportedResponseTypes.FirstOrDefault(r => r.StatusCode == StatusCodes.Status200OK)?.Type;
                if (metadata.OfType<ETagged>().Any() && string.Equals(context.Description.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase)
                    && ETagFilter.MayAnswerNotModified(answers))
                {
                    operation.Responses ??= [];
                    operation.Responses.TryAdd("304", new OpenApiResponse { Description = "Not modified: If-None-Match names the current ETag." });
                }

                if (metadata.OfType<PlainLanguageAlternatives>().FirstOrDefault() is { } alternatives
                    && operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse { Content: { } content })
                {
                    foreach (var mediaType in alternatives.MediaTypes)
                    {
                        content.TryAdd(mediaType, new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } });
                    }
                }

                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeId, context.Document)] = [] }];
                operation.Responses ??= [];
                AddProblem(operation, context, StatusCodes.Status401Unauthorized, "No API key, or an unknown or revoked one.");
                if (metadata.OfType<IAuthorizeData>().Any(a => a.Policy is not null))
                {
                    AddProblem(operation, context, StatusCodes.Status403Forbidden, "The key's role may not do this.");
                }

                return Task.CompletedTask;
            });
        });
        return services;
    }

    private static void AddProblem(OpenApiOperation operation, OpenApiOperationTransformerContext context, int status, string description)
    {
        operation.Responses!.TryAdd(status.ToString(System.Globalization.CultureInfo.InvariantCulture), new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, context.Document) },
            },
        });
    }
}
