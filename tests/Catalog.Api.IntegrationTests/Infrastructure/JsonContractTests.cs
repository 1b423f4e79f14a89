using System.Text.Json.Serialization.Metadata;
using Catalog.Api.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Api.IntegrationTests.Infrastructure;

public sealed class JsonContractTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    /// <summary>
    /// Every JSON body an endpoint reads or answers has compile-time metadata: without it the start builds the
    /// type's contract by reflection, and a new endpoint would bring that back unnoticed.
    /// </summary>
    [SkippableFact]
    public void Endpoints_EveryJsonBody_HasGeneratedMetadata()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var bodies = endpoints
            .SelectMany(e => e.Metadata.OfType<IProducesResponseTypeMetadata>().Where(p => IsJson(p.ContentTypes)).Select(p => p.Type)
                .Concat(e.Metadata.OfType<IAcceptsMetadata>().Where(a => IsJson(a.ContentTypes)).Select(a => a.RequestType)))
            .OfType<Type>()
            .Where(t => t != typeof(void) && t != typeof(Stream) && !typeof(Microsoft.AspNetCore.Mvc.ProblemDetails).IsAssignableFrom(t))
            .Distinct()
            .ToList();

        Assert.NotEmpty(bodies);
        var missing = bodies.Where(t => ApiJsonContext.Default.GetTypeInfo(t) is null).Select(t => t.FullName).Order().ToList();
        Assert.True(missing.Count == 0, "Add [JsonSerializable] to ApiJsonContext for: " + string.Join(", ", missing));

        static bool IsJson(IEnumerable<string> contentTypes) => contentTypes.Any(c => c.Contains("json", StringComparison.Ordinal));
    }
}
