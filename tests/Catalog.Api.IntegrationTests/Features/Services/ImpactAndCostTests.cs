using System.Net;
using System.Text.Json.Nodes;
using Catalog.Api.IntegrationTests.Infrastructure;

namespace Catalog.Api.IntegrationTests.Features.Services;

public sealed class ImpactAndCostTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private readonly Scenario _scenario = new(factory);

    private HttpClient Admin => _scenario.Admin;

    [SkippableFact]
    public async Task GetServiceImpact_SupportingService_ListsTransitiveDependantsAndTheirCustomers()
    {
        // storage ← warehouse ← reporting; storage ← email; network is unrelated.
        var storage = await _scenario.CreateLiveServiceAsync(Scenario.ServiceBody(kind: "supporting", name: "Storage"));
        var network = await _scenario.CreateLiveServiceAsync(Scenario.ServiceBody(kind: "supporting", name: "Network"));
        var warehouse = await _scenario.CreateLiveServiceAsync(Scenario.ServiceBody(kind: "supporting", name: "Data Warehouse", dependsOn: [storage.Id()]));
        var reporting = await _scenario.CreateLiveServiceAsync(Scenario.ServiceBody(name: "Sales Reporting", dependsOn: [warehouse.Id(), network.Id()]));
        var email = await _scenario.CreateLiveServiceAsync(Scenario.ServiceBody(name: "Corporate Email", dependsOn: [storage.Id()]));
        var sales = await _scenario.CreateCustomerAsync(Scenario.CustomerBody(name: "Sales"));
        var finance = await _scenario.CreateCustomerAsync(Scenario.CustomerBody(name: "Finance"));
        await _scenario.SubscribeAsync(sales.Id(), reporting.Id(), 40);
        await _scenario.SubscribeAsync(sales.Id(), email.Id(), 300);
        await _scenario.SubscribeAsync(finance.Id(), email.Id(), 120);
        await _scenario.SubscribeAsync(finance.Id(), network.Id(), 1);

        var response = await Admin.GetAsync($"/api/v1/services/{storage.Id()}/impact");

        var impact = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.False(string.IsNullOrEmpty(response.ETag()));
        Assert.Equal(storage.Id(), impact["service"]!.AsObject().Id());
        var affected = impact["affectedServices"]!.AsArray().Select(a => a!.AsObject()).ToDictionary(a => a.Id());
        Assert.Equal(new HashSet<Guid> { warehouse.Id(), reporting.Id(), email.Id() }, affected.Keys.ToHashSet());
        Assert.Equal(1, affected[warehouse.Id()]["distance"].Value<int>());
        Assert.Equal(2, affected[reporting.Id()]["distance"].Value<int>());
        Assert.Equal(warehouse.Id().ToString(), affected[reporting.Id()]["via"].Value<string>());
        Assert.Equal(1, affected[email.Id()]["distance"].Value<int>());
        Assert.Equal(sales.Id(), affected[reporting.Id()]["customers"]![0]!.AsObject().Id());
        Assert.Equal(40, affected[reporting.Id()]["customers"]![0]!["units"].Value<int>());
        Assert.Equal(2, affected[email.Id()]["customers"]!.AsArray().Count);

        var customers = impact["customers"]!.AsArray().Select(c => c!.AsObject()).ToDictionary(c => c.Id());
        Assert.Equal(new HashSet<Guid> { sales.Id(), finance.Id() }, customers.Keys.ToHashSet());
        Assert.Equal(
            new HashSet<string> { reporting.Id().ToString(), email.Id().ToString() },
            customers[sales.Id()]["throughServices"]!.AsArray().Select(s => s.Value<string>()).ToHashSet());
        Assert.Equal([email.Id().ToString()], customers[finance.Id()]["throughServices"]!.AsArray().Select(s => s.Value<string>()));
        // Business services are named nearest first: email depends on storage directly, reporting through the warehouse.
        Assert.Equal(
            "If Storage fails, 2 business services (Corporate Email, Sales Reporting) and 2 customers are affected.",
            impact["summary"].Value<string>());
    }

    [SkippableFact]
    public async Task GetServiceImpact_CustomerKey_SeesOnlyItsOwnSubscriptions()
    {
        var storage = await _scenario.CreateLiveServiceAsync(Scenario.ServiceBody(kind: "supporting", name: "Storage"));
        var email = await _scenario.CreateLiveServiceAsync(Scenario.ServiceBody(dependsOn: [storage.Id()]));
        var mine = await _scenario.CreateCustomerAsync();
        var theirs = await _scenario.CreateCustomerAsync();
        await _scenario.SubscribeAsync(mine.Id(), email.Id(), 5);
        await _scenario.SubscribeAsync(theirs.Id(), email.Id(), 9);
        var customerClient = await _scenario.ClientForAsync("customer", mine.Id());

        var impact = await (await customerClient.GetAsync($"/api/v1/services/{storage.Id()}/impact")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal([mine.Id()], impact["customers"]!.AsArray().Select(c => c!.AsObject().Id()));
        Assert.DoesNotContain(theirs.Id().ToString(), impact.ToJsonString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task GetServiceImpact_IfNoneMatch_Returns304UntilSomethingChanges()
    {
        var storage = await _scenario.CreateLiveServiceAsync(Scenario.ServiceBody(kind: "supporting"));
        var first = await Admin.GetAsync($"/api/v1/services/{storage.Id()}/impact");
        var etag = first.ETag();

        Assert.Equal(HttpStatusCode.NotModified, (await Admin.GetAsync($"/api/v1/services/{storage.Id()}/impact", etag)).StatusCode);

        await _scenario.CreateServiceAsync(Scenario.ServiceBody(dependsOn: [storage.Id()]));
        var changed = await Admin.GetAsync($"/api/v1/services/{storage.Id()}/impact", etag);
        await changed.ExpectAsync(HttpStatusCode.OK);
        Assert.NotEqual(etag, changed.ETag());
    }

    [SkippableFact]
    public async Task GetServiceImpact_Unknown_Returns404()
    {
        await (await Admin.GetAsync($"/api/v1/services/{Guid.CreateVersion7()}/impact")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task GetServiceCostComparison_Units_ComparesEachAlternative()
    {
        var email = await _scenario.CreateServiceAsync(Scenario.ServiceBody(unitCost: 4m, alternatives:
        [
            new { name = "Hosted email", unitCostPerMonth = 3.2m, currency = "EUR", note = "Vendor-hosted" },
            new { name = "Premium suite", unitCostPerMonth = 5m, currency = "EUR", note = (string?)null },
            new { name = "US provider", unitCostPerMonth = 3m, currency = "USD", note = (string?)null },
        ]));

        var response = await Admin.GetAsync($"/api/v1/services/{email.Id()}/cost-comparison?units=250");

        var comparison = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.False(string.IsNullOrEmpty(response.ETag()));
        Assert.Equal(250, comparison["units"].Value<int>());
        Assert.Equal("mailbox", comparison["unit"].Value<string>());
        Assert.Equal(4m, comparison["own"]!["unitCostPerMonth"].Value<decimal>());
        Assert.Equal(1000m, comparison["own"]!["monthlyTotal"].Value<decimal>());
        var alternatives = comparison["alternatives"]!.AsArray().Select(a => a!.AsObject()).ToList();

        Assert.Equal("Hosted email", alternatives[0]["name"].Value<string>());
        Assert.Equal(800m, alternatives[0]["cost"]!["monthlyTotal"].Value<decimal>());
        Assert.True(alternatives[0]["comparable"].Value<bool>());
        Assert.Equal(-0.8m, alternatives[0]["differencePerUnit"].Value<decimal>());
        Assert.Equal(-200m, alternatives[0]["monthlyDifference"].Value<decimal>());
        Assert.Equal(-20m, alternatives[0]["differencePercent"].Value<decimal>());

        Assert.Equal(25m, alternatives[1]["differencePercent"].Value<decimal>());
        Assert.Equal(250m, alternatives[1]["monthlyDifference"].Value<decimal>());

        Assert.False(alternatives[2]["comparable"].Value<bool>());
        Assert.Null(alternatives[2]["differencePercent"]);
        Assert.Equal(750m, alternatives[2]["cost"]!["monthlyTotal"].Value<decimal>());
        Assert.Equal("USD", alternatives[2]["cost"]!["currency"].Value<string>());
    }

    [SkippableTheory]
    [InlineData("")]
    [InlineData("?units=0")]
    [InlineData("?units=-3")]
    [InlineData("?units=10000001")]
    public async Task GetServiceCostComparison_MissingOrOutOfRangeUnits_Returns400(string query)
    {
        var email = await _scenario.CreateServiceAsync();

        await (await Admin.GetAsync($"/api/v1/services/{email.Id()}/cost-comparison{query}")).ExpectValidationAsync("units");
    }

    [SkippableFact]
    public async Task GetServiceCostComparison_Unknown_Returns404()
    {
        await (await Admin.GetAsync($"/api/v1/services/{Guid.CreateVersion7()}/cost-comparison?units=1")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }
}
