using System.Net;
using System.Text.Json.Nodes;
using Catalog.Api.IntegrationTests.Infrastructure;
using Catalog.Api.IntegrationTests.Infrastructure.Databases;

namespace Catalog.Api.IntegrationTests.Features.Demo;

public sealed class DemoDataTests
{
    private static readonly Dictionary<string, string?> Seed = new() { ["Demo:Seed"] = "true" };

    [SkippableFact]
    public async Task SeedDemo_FreshDatabase_LoadsAnOrganisationWithNegotiationsInEveryState()
    {
        using var factory = new CatalogApiFactory(null, Seed);
        var admin = factory.ClientWithKey();

        var services = await ItemsAsync(admin, "/api/v1/services?limit=200");
        var proposals = await ItemsAsync(admin, "/api/v1/proposals?limit=200");
        var agreements = await ItemsAsync(admin, "/api/v1/agreements?limit=200");

        Assert.Superset(
            new HashSet<string> { "storage", "network", "data-warehouse", "corporate-email", "online-ordering", "sales-reporting", "trading-platform" },
            services.Select(s => s["key"].Value<string>()).ToHashSet());
        Assert.All(services, s => Assert.Equal("live", s["lifecycle"].Value<string>()));
        var email = services.Single(s => s["key"].Value<string>() == "corporate-email");
        Assert.Equal("mailbox", email["cost"]!["unit"].Value<string>());
        Assert.Equal("Hosted email", email["alternatives"]![0]!["name"].Value<string>());
        Assert.Equal(
            new HashSet<string> { "draft", "submitted", "analysed", "agreed", "withdrawn" },
            proposals.Select(p => p["status"].Value<string>()).ToHashSet());

        var reports = proposals.Single(p => p["title"].Value<string>() == "Heavy daily production sales reports");
        Assert.Equal("withdrawn", reports["status"].Value<string>());
        var analyses = await (await admin.GetAsync($"/api/v1/proposals/{reports.Id()}/analyses")).ExpectItemsAsync(HttpStatusCode.OK);
        var ordering = services.Single(s => s["key"].Value<string>() == "online-ordering");
        Assert.Contains(analyses[0]!["consequences"]!.AsArray(), c => c!["serviceId"].Value<string>() == ordering.Id().ToString());

        var trading = Assert.Single(agreements)!;
        Assert.Equal(2, trading["versionCount"].Value<int>());
        var history = await (await admin.GetAsync($"/api/v1/agreements/{trading.Id()}/versions")).ExpectItemsAsync(HttpStatusCode.OK);
        Assert.Equal("counter-offer", history[0]!["provenance"]!["option"].Value<string>());
        Assert.Equal("proposed", history[1]!["provenance"]!["option"].Value<string>());
    }

    [SkippableFact]
    public async Task SeedDemo_Twice_DuplicatesNothing()
    {
        using var database = TestDatabase.Create();
        int services, customers, proposals, agreements, versions;
        long sequence;
        using (var first = new CatalogApiFactory(database, Seed))
        {
            (services, customers, proposals, agreements, versions, sequence) = await CountAsync(first.ClientWithKey());
        }

        using var second = new CatalogApiFactory(database, Seed);
        var again = await CountAsync(second.ClientWithKey());

        Assert.Equal((services, customers, proposals, agreements, versions, sequence), again);
    }

    private static async Task<(int, int, int, int, int, long)> CountAsync(HttpClient admin)
    {
        var agreements = await ItemsAsync(admin, "/api/v1/agreements?limit=200");
        var feed = await (await admin.GetAsync("/api/v1/changes?limit=1000")).ExpectAsync(HttpStatusCode.OK);
        return (
            (await ItemsAsync(admin, "/api/v1/services?limit=200")).Count,
            (await ItemsAsync(admin, "/api/v1/customers?limit=200")).Count,
            (await ItemsAsync(admin, "/api/v1/proposals?limit=200")).Count,
            agreements.Count,
            agreements.Sum(a => a["versionCount"].Value<int>()),

            // What seeding recorded; the attainment watcher adds its notices (a demo month closing) whenever it runs.
            feed["items"]!.AsArray().LongCount(e => e!["type"].Value<string>() is not ("agreement.at-risk" or "agreement.target-missed" or "attainment.month-closed")));
    }

    private static async Task<List<JsonObject>> ItemsAsync(HttpClient client, string path) =>
        (await (await client.GetAsync(path)).ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
}
