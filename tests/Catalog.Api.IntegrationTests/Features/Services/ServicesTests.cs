using System.Net;
using System.Text.Json.Nodes;
using Catalog.Api.IntegrationTests.Infrastructure;

namespace Catalog.Api.IntegrationTests.Features.Services;

public sealed class ServicesTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private readonly Scenario _scenario = new(factory);

    private HttpClient Admin => _scenario.Admin;

    [Fact]
    public async Task CreateService_ValidBody_Returns201WithLocationETagAndBody()
    {
        var key = TestApi.Unique("email");
        var response = await Admin.PostJsonAsync("/api/v1/services", Scenario.ServiceBody(key));

        var body = await response.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/services/{body.Id()}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.ETag());
        Assert.Equal(key, body["key"].Value<string>());
        Assert.Equal("Corporate Email", body["name"].Value<string>());
        Assert.Equal("business", body["kind"].Value<string>());
        Assert.Equal("pipeline", body["lifecycle"].Value<string>());
        Assert.Equal("Workplace Services", body["owner"]!["team"].Value<string>());
        Assert.Equal("mailbox", body["cost"]!["unit"].Value<string>());
        Assert.Equal(4.5m, body["cost"]!["unitCostPerMonth"].Value<decimal>());
        Assert.Equal("EUR", body["cost"]!["currency"].Value<string>());
        Assert.Equal("Hosted email", body["alternatives"]![0]!["name"].Value<string>());
        Assert.Empty(body["dependsOn"]!.AsArray());
        Assert.EndsWith("Z", body["createdAt"].Value<string>(), StringComparison.Ordinal);

        var read = await Admin.GetAsync(response.Headers.Location!.OriginalString);
        var readBody = await read.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(body.ToJsonString(), readBody.ToJsonString());
        Assert.Equal("\"1\"", read.ETag());
    }
}
