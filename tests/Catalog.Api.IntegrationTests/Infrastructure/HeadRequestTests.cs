using System.Net;
using System.Text.RegularExpressions;

namespace Catalog.Api.IntegrationTests.Infrastructure;

/// <summary>HEAD is answered wherever GET is, with the GET's status and headers and no body.</summary>
public sealed partial class HeadRequestTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private readonly Scenario _scenario = new(factory);

    [SkippableFact]
    public async Task Head_EveryDocumentedGetRoute_AnswersAsGetWithoutABody()
    {
        var service = await _scenario.CreateServiceAsync();
        var getPaths = CommittedOpenApi.Document["paths"]!.AsObject()
            .Where(p => p.Value!["get"] is not null)
            .Select(p => Parameter().Replace(p.Key, m => m.Value == "{number}" ? "1" : service.Id().ToString()))
            .Concat(["/openapi/v1.json", "/health/live", "/health/ready", "/api/v1/changes?after=0", "/api/v1/nothing-here"])
            .ToList();
        Assert.True(getPaths.Count > 30, "The document lists the API's GET routes.");

        foreach (var path in getPaths)
        {
            // The unknown route is not in the document, and is not meant to be.
            using var undocumented = path == "/api/v1/nothing-here" ? Contract.ContractValidation.ExpectInvalidRequest() : null;
            var get = await _scenario.Admin.GetAsync(path);
            using var request = new HttpRequestMessage(HttpMethod.Head, path);
            var head = await _scenario.Admin.SendAsync(request);

            Assert.True(get.StatusCode == head.StatusCode, $"GET {path} answered {(int)get.StatusCode}, HEAD {(int)head.StatusCode}.");
            Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
            Assert.Equal(get.Headers.ETag, head.Headers.ETag);
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        }
    }

    [SkippableFact]
    public async Task Head_CurrentETag_Returns304()
    {
        var service = await _scenario.CreateServiceAsync();
        var path = $"/api/v1/services/{service.Id()}";
        var etag = (await _scenario.Admin.GetAsync(path)).ETag();

        using var request = new HttpRequestMessage(HttpMethod.Head, path);
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        var head = await _scenario.Admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, head.StatusCode);
        Assert.Equal(etag, head.ETag());
    }

    [SkippableFact]
    public async Task Head_RouteWithoutGet_Returns405()
    {
        var service = await _scenario.CreateServiceAsync();

        using var request = new HttpRequestMessage(HttpMethod.Head, $"/api/v1/services/{service.Id()}/lifecycle");
        var head = await _scenario.Admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
