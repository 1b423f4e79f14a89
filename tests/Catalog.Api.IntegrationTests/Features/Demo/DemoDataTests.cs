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

        Assert.Equal(4, agreements.Count);
        var ola = agreements.Single(a => a["consumerServiceId"] is not null);
        Assert.Equal((email.Id(), services.Single(s => s["key"].Value<string>() == "storage").Id()), (ola["consumerServiceId"].Value<Guid>(), ola["serviceId"].Value<Guid>()));
        Assert.Null(ola["customerId"]);
        var trading = agreements.Single(a => a["serviceId"].Value<string>() == services.Single(s => s["key"].Value<string>() == "trading-platform").Id().ToString());
        Assert.Equal(2, trading["versionCount"].Value<int>());
        var history = await (await admin.GetAsync($"/api/v1/agreements/{trading.Id()}/versions")).ExpectItemsAsync(HttpStatusCode.OK);
        Assert.Equal("counter-offer", history[0]!["provenance"]!["option"].Value<string>());
        Assert.Equal("proposed", history[1]!["provenance"]!["option"].Value<string>());

        // Version 1 has been in force for over a year, with its Saturday night window; version 2 takes effect soon, after it.
        var (first, second) = (history[0]!["effectiveFrom"].Value<DateTime>().ToUniversalTime(), history[1]!["effectiveFrom"].Value<DateTime>().ToUniversalTime());
        Assert.True(first < DateTime.UtcNow.AddMonths(-13), $"Version 1 takes effect {first:O}.");
        Assert.InRange(second, DateTime.UtcNow, DateTime.UtcNow.AddDays(30));
        Assert.Equal("every Saturday 22:00–02:00, Europe/Berlin time (patching)", history[0]!["maintenanceWindows"]![0]!["inPlainWords"].Value<string>());
        Assert.All(agreements, a => Assert.Equal("active", a["status"].Value<string>()));
    }

    [SkippableFact]
    public async Task SeedDemo_CustomerAttainmentThreeMonthsAgo_StorageFailureMissesAvailabilityAndRestoresLate()
    {
        using var factory = new CatalogApiFactory(null, Seed);
        var admin = factory.ClientWithKey();
        var customers = await ItemsAsync(admin, "/api/v1/customers?limit=200");
        var desk = customers.Single(c => c["key"].Value<string>() == "trading-desk");
        var sales = customers.Single(c => c["key"].Value<string>() == "sales-division");
        var deskKey = new Scenario(factory).ClientForAsync("customer", desk.Id());
        var month = BerlinMonth(-3);

        var view = await (await (await deskKey).GetAsync($"/api/v1/customers/{desk.Id()}/attainment?month={month}")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("closed", view["status"].Value<string>());
        var trading = Assert.Single(view["agreements"]!.AsArray())!;
        Assert.Equal("Trading Platform", trading["serviceName"].Value<string>());
        var targets = trading["attainment"]!["versions"]![0]!["targets"]!.AsArray();
        var availability = targets.Single(t => t!["metric"].Value<string>() == "availability")!;
        Assert.False(availability["met"].Value<bool>());
        var counted = availability["availability"]!["outages"]!.AsArray().Single()!;
        Assert.Equal("Storage", counted["attributedServiceName"].Value<string>());
        Assert.Equal(210m, counted["countedMinutes"].Value<decimal>());
        var restore = targets.Single(t => t!["metric"].Value<string>() == "time-to-restore")!;
        Assert.False(restore["met"].Value<bool>());
        Assert.False(restore["timeToRestore"]!["incidents"]![0]!["inTime"].Value<bool>());
        Assert.Equal(2, view["summary"]!["missed"].Value<int>());

        // The same failure reaches both of Sales' agreements through Storage, each judged by its own terms.
        var salesView = await (await admin.GetAsync($"/api/v1/customers/{sales.Id()}/attainment?month={month}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["Corporate Email", "Online Ordering"], salesView["agreements"]!.AsArray().Select(a => a!["serviceName"].Value<string>()));
        Assert.All(salesView["agreements"]!.AsArray(), a => Assert.False(a!["attainment"]!["versions"]![0]!["targets"]!.AsArray()
            .Single(t => t!["metric"].Value<string>() == "availability")!["met"].Value<bool>()));
    }

    [SkippableFact]
    public async Task SeedDemo_AYearOfAttainment_OneBreachMonthPlannedWorkExcludedInsideTheWindowAndCountedOutside()
    {
        using var factory = new CatalogApiFactory(null, Seed);
        var admin = factory.ClientWithKey();
        var trading = (await ItemsAsync(admin, "/api/v1/agreements?limit=200"))
            .Single(a => a["versionCount"].Value<int>() == 2);

        var attainment = await (await admin.GetAsync($"/api/v1/agreements/{trading.Id()}/attainment?from={BerlinMonth(-12)}&to={BerlinMonth(-1)}")).ExpectAsync(HttpStatusCode.OK);

        var months = attainment["months"]!.AsArray().ToDictionary(m => m!["month"].Value<string>(), m => m!["versions"]![0]!["targets"]!.AsArray());
        Assert.Equal(12, months.Count);
        var missed = months.Where(m => m.Value.Any(t => t!["met"]?.GetValue<bool>() == false)).Select(m => m.Key).ToList();
        Assert.Equal([BerlinMonth(-3)], missed);
        JsonNode Availability(int monthsAgo) => months[BerlinMonth(monthsAgo)].Single(t => t!["metric"].Value<string>() == "availability")!["availability"]!;
        Assert.Equal(120m, Availability(-4)["excludedMaintenanceMinutes"].Value<decimal>());
        Assert.Equal(0m, Availability(-4)["countedDowntimeMinutes"].Value<decimal>());
        Assert.Equal(15m, Availability(-9)["countedDowntimeMinutes"].Value<decimal>());
    }

    [SkippableFact]
    public async Task SeedDemo_BreachMonth_TheReviewTellsSalesWhatFailedAndWhatTheMissCostIT()
    {
        using var factory = new CatalogApiFactory(null, Seed);
        var admin = factory.ClientWithKey();
        var sales = (await ItemsAsync(admin, "/api/v1/customers?limit=200")).Single(c => c["key"].Value<string>() == "sales-division");
        var client = await new Scenario(factory).ClientForAsync("customer", sales.Id());

        var review = await (await client.GetAsync($"/api/v1/customers/{sales.Id()}/reviews/{BerlinMonth(-3)}")).ExpectAsync(HttpStatusCode.OK);
        var charges = await (await client.GetAsync($"/api/v1/customers/{sales.Id()}/charges?month={BerlinMonth(-3)}")).ExpectAsync(HttpStatusCode.OK);

        var shop = review["agreements"]!.AsArray().Single(a => a!["service"].Value<string>() == "Online Ordering")!;
        Assert.Contains("Storage, which Online Ordering relies on, was down for 3 hours 30 minutes", shop["outages"]![0]!["inPlainWords"].Value<string>(), StringComparison.Ordinal);
        Assert.Equal(120m, shop["credit"]!["amount"].Value<decimal>());
        var credit = charges["credits"]!.AsArray().Single()!;
        Assert.Equal(120m, credit["amount"].Value<decimal>());
    }

    [SkippableFact]
    public async Task SeedDemo_FinanceAsksAboveWhatStoragePromisesMail_FeasibilityShowsTheCeilingOfTheOla()
    {
        using var factory = new CatalogApiFactory(null, Seed);
        var admin = factory.ClientWithKey();
        var proposal = (await ItemsAsync(admin, "/api/v1/proposals?limit=200")).Single(p => p["title"].Value<string>() == "Stricter mail availability for month-end closing");

        var feasibility = await (await admin.GetAsync($"/api/v1/proposals/{proposal.Id()}/feasibility")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("Storage", feasibility["ceiling"]!["limitedBy"]!["name"].Value<string>());
        Assert.Equal(("ola", 99.95m), (feasibility["ceiling"]!["limitedBy"]!["basis"].Value<string>(), feasibility["ceiling"]!["limitedBy"]!["availability"].Value<decimal>()));
        Assert.True(feasibility["ceiling"]!["proposedAbove"].Value<decimal>() > 0);
        Assert.Contains("The proposed 99.99% is", feasibility["inPlainWords"].Value<string>(), StringComparison.Ordinal);
    }

    private static string BerlinMonth(int offset) =>
        TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTime.UtcNow, "Europe/Berlin").AddMonths(offset).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

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

            // What seeding recorded; the attainment watcher adds its notices (a demo month closing, its credit) whenever it runs.
            feed["items"]!.AsArray().LongCount(e => e!["type"].Value<string>() is not ("agreement.at-risk" or "agreement.target-missed" or "attainment.month-closed" or "credit.earned")));
    }

    private static async Task<List<JsonObject>> ItemsAsync(HttpClient client, string path) =>
        (await (await client.GetAsync(path)).ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
}
