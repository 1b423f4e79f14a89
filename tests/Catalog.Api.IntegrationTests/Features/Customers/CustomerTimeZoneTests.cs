using System.Net;
using Catalog.Api.IntegrationTests.Infrastructure;

namespace Catalog.Api.IntegrationTests.Features.Customers;

/// <summary>A customer's months (attainment, reviews, credits) are counted in its own IANA time zone.</summary>
public sealed class CustomerTimeZoneTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private readonly Scenario _scenario = new(factory);

    private HttpClient Admin => _scenario.Admin;

    [SkippableFact]
    public async Task CreateCustomer_WithoutTimeZone_TakesTheConfiguredDefault()
    {
        var customer = await _scenario.CreateCustomerAsync();

        Assert.Equal("UTC", customer["timeZone"].Value<string>());
    }

    [SkippableFact]
    public async Task CreateCustomer_WithTimeZone_KeepsItAndAnUpdateWithoutOneLeavesIt()
    {
        var created = await (await Admin.PostJsonAsync("/api/v1/customers", new
        {
            key = TestApi.Unique("cust"), name = "Sales Division", costCenter = "CC-4711", contactEmail = "sales-it@example.com", timeZone = "Europe/Berlin",
        })).ExpectAsync(HttpStatusCode.Created);

        var updated = await (await Admin.PutJsonAsync($"/api/v1/customers/{created.Id()}", new
        {
            name = "Sales", costCenter = "CC-4711", contactEmail = "sales-it@example.com",
        }, "\"1\"")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("Europe/Berlin", created["timeZone"].Value<string>());
        Assert.Equal("Europe/Berlin", updated["timeZone"].Value<string>());
    }

    [SkippableTheory]
    [InlineData("Berlin")]
    [InlineData("CET+1")]
    public async Task CreateCustomer_UnknownTimeZone_Returns400NamingIt(string timeZone)
    {
        var response = await Admin.PostJsonAsync("/api/v1/customers", new
        {
            key = TestApi.Unique("cust"), name = "Sales Division", costCenter = "CC-4711", contactEmail = "sales-it@example.com", timeZone,
        });

        var problem = await response.ExpectValidationAsync("timeZone");
        Assert.Contains("IANA", problem["errors"]!["timeZone"]![0].Value<string>(), StringComparison.Ordinal);
    }
}
