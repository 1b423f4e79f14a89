using System.Net;
using System.Text.Json.Nodes;
using Catalog.Api.IntegrationTests.Infrastructure;

namespace Catalog.Api.IntegrationTests.Features.Proposals;

/// <summary>
/// Corporate Email relies on Storage (which relies on Disks) and on Network. Storage is watched and was down for six
/// hours, through a Disks outage, a month ago; nothing was ever reported about Network.
/// </summary>
public sealed class FeasibilityTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private readonly Scenario _scenario = new(factory);

    private HttpClient Admin => _scenario.Admin;

    [SkippableFact]
    public async Task GetFeasibility_ProposalAboveWhatStorageDelivered_ShowsTheCeilingTheLimitAndTheUnknown()
    {
        var world = await StartAsync();
        var proposal = await ProposeAsync(world, 99.99m);

        var feasibility = await (await world.Customer.GetAsync($"/api/v1/proposals/{proposal.Id()}/feasibility")).ExpectAsync(HttpStatusCode.OK);

        // Six hours of the twelve months before now, around the clock.
        var now = DateTime.UtcNow;
        var expected = Math.Round(100m * (1m - (360m / (decimal)(now - now.AddMonths(-12)).TotalMinutes)), 4);
        var ceiling = feasibility["ceiling"]!;
        Assert.Equal(expected, ceiling["availability"].Value<decimal>());
        Assert.Equal("Storage", ceiling["limitedBy"]!["name"].Value<string>());
        Assert.Equal("measured", ceiling["limitedBy"]!["basis"].Value<string>());
        Assert.Equal(99.99m - expected, ceiling["proposedAbove"].Value<decimal>());
        Assert.Equal(99.99m, feasibility["proposedAvailability"].Value<decimal>());
        Assert.Equal(["Network", "Storage"], feasibility["dependencies"]!.AsArray().Select(d => d!["name"].Value<string>()));
        Assert.Null(feasibility["dependencies"]!.AsArray().Single(d => d!["name"].Value<string>() == "Network")!["availability"]);
        Assert.Equal("Network", feasibility["unknown"]!.AsArray().Single()!["name"].Value<string>());
        Assert.Empty(feasibility["delivered"]!.AsArray());
        Assert.Null(feasibility["current"]);
        var words = feasibility["inPlainWords"].Value<string>();
        Assert.Contains("Storage limits it most", words, StringComparison.Ordinal);
        Assert.Contains("Nothing is known yet about how available Network is", words, StringComparison.Ordinal);
        Assert.Contains("The proposed 99.99% is", words, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task GetFeasibility_ProposalWithinWhatIsKnown_IsNotSaidToBeAboveAndTheUnknownIsNamed()
    {
        var world = await StartAsync();
        var proposal = await ProposeAsync(world, 99m);

        var feasibility = await (await Admin.GetAsync($"/api/v1/proposals/{proposal.Id()}/feasibility")).ExpectAsync(HttpStatusCode.OK);

        // Within what Storage delivered; Network, never reported on, could still put it above.
        Assert.Null(feasibility["ceiling"]!["proposedAbove"]);
        Assert.DoesNotContain("above what", feasibility["inPlainWords"].Value<string>(), StringComparison.Ordinal);
        Assert.Contains("Whether the proposed 99% can be kept depends on it.", feasibility["inPlainWords"].Value<string>(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task GetFeasibility_AskedAgainWithItsETag_Returns304()
    {
        var world = await StartAsync();
        var proposal = await ProposeAsync(world, 99.9m);
        var path = $"/api/v1/proposals/{proposal.Id()}/feasibility";

        // The assessment holds for the minute it was made in; asked again across a minute's turn, the second try is within one.
        HttpResponseMessage again = null!;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var first = await world.Customer.GetAsync(path);
            first.EnsureSuccessStatusCode();
            again = await world.Customer.GetAsync(path, first.Headers.ETag!.Tag);
            if (again.StatusCode == HttpStatusCode.NotModified)
            {
                break;
            }
        }

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
    }

    [SkippableFact]
    public async Task GetAnalysis_AsRead_CarriesTheDependencyCeilingAsAConsequence()
    {
        var world = await StartAsync();
        var proposal = await ProposeAsync(world, 99.99m);
        var published = await (await world.ItLead.PostJsonAsync($"/api/v1/proposals/{proposal.Id()}/analyses", Analysis())).ExpectAsync(HttpStatusCode.Created);

        var analysis = await (await world.Customer.GetAsync($"/api/v1/proposals/{proposal.Id()}/analyses/{published.Id()}")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("Storage", analysis["evidence"]!["ceiling"]!["limitedBy"]!["name"].Value<string>());
        Assert.Equal(published["publishedAt"].Value<DateTime>(), analysis["evidence"]!["to"].Value<DateTime>());
        Assert.Equal(published["evidence"]!.ToJsonString(), analysis["evidence"]!.ToJsonString());
        Assert.True(analysis["evidence"]!["ceiling"]!["proposedAbove"].Value<decimal>() > 0);
    }

    [SkippableFact]
    public async Task GetFeasibility_ServiceAlreadyAgreed_ShowsTheCurrentPromiseAndWhatWasDeliveredThisMonth()
    {
        var world = await StartAsync();
        var first = await ProposeAsync(world, 99.5m);
        var analysis = await (await world.ItLead.PostJsonAsync($"/api/v1/proposals/{first.Id()}/analyses", Analysis())).ExpectAsync(HttpStatusCode.Created);
        var charge = NegotiationScenario.Option(analysis, "proposed")["monthlyCharge"]!.GetValue<decimal>();
        await (await world.Customer.PostJsonAsync($"/api/v1/proposals/{first.Id()}/acceptance", new
        {
            analysisId = analysis.Id(), option = "proposed", monthlyCharge = charge, signedBy = new { name = "Dana Ruiz" },
        })).ExpectAsync(HttpStatusCode.Created);
        var stricter = await ProposeAsync(world, 99.9m);

        var feasibility = await (await world.Customer.GetAsync($"/api/v1/proposals/{stricter.Id()}/feasibility")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(1, feasibility["current"]!["version"].Value<int>());
        Assert.Equal(200m, feasibility["current"]!["monthlyCharge"].Value<decimal>());
        Assert.Equal(99.5m, feasibility["current"]!["targets"]![0]!["value"].Value<decimal>());
        var month = feasibility["delivered"]!.AsArray().Single()!;
        Assert.Equal(DateTime.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), month["month"].Value<string>());
        Assert.Equal("in-progress", month["status"].Value<string>());
        var target = month["targets"]!.AsArray().Single()!;
        Assert.Equal("availability", target["metric"].Value<string>());
        Assert.Equal(99.5m, target["target"].Value<decimal>());
        Assert.Equal(1, target["version"].Value<int>());
    }

    [SkippableFact]
    public async Task GetFeasibility_AnotherCustomersProposal_Returns404()
    {
        var world = await StartAsync();
        var proposal = await ProposeAsync(world, 99.9m);
        var other = await _scenario.CreateCustomerAsync();
        var client = await _scenario.ClientForAsync("customer", other.Id());

        await (await client.GetAsync($"/api/v1/proposals/{proposal.Id()}/feasibility")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await Admin.GetAsync($"/api/v1/proposals/{Guid.NewGuid()}/feasibility")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    private static object Analysis() => new
    {
        oneOffCost = 1_000m, monthlyCostDelta = 200m, currency = "EUR", labourDays = 2m, leadTimeDays = 0, feasibility = "feasible",
        consequences = Array.Empty<object>(), tradeOffs = new[] { "A second storage array." },
    };

    private async Task<World> StartAsync()
    {
        var disks = await _scenario.CreateLiveServiceAsync(Scenario.ServiceBody(kind: "supporting", name: "Disks"));
        var storage = await _scenario.CreateLiveServiceAsync(Scenario.ServiceBody(kind: "supporting", name: "Storage", dependsOn: [disks.Id()]));
        var network = await _scenario.CreateLiveServiceAsync(Scenario.ServiceBody(kind: "supporting", name: "Network"));
        var email = await _scenario.CreateLiveServiceAsync(Scenario.ServiceBody(dependsOn: [storage.Id(), network.Id()], name: "Corporate Email"));
        var customer = await _scenario.CreateCustomerAsync();
        await _scenario.SubscribeAsync(customer.Id(), email.Id(), 100);

        var started = DateTime.UtcNow.AddDays(-30);
        await (await Admin.PostJsonAsync("/api/v1/outages", new
        {
            serviceId = disks.Id(), kind = "outage", priority = "P1", startedAt = started, restoredAt = started.AddHours(6),
            summary = "Mailboxes could not be opened.", source = new { system = "monitoring", reference = TestApi.Unique("alert") },
        })).ExpectAsync(HttpStatusCode.Created);
        return new World(email.Id(), await _scenario.ClientForAsync("customer", customer.Id()), await _scenario.ClientForAsync("it-lead"));
    }

    private static async Task<JsonObject> ProposeAsync(World world, decimal availability) =>
        await (await world.Customer.PostJsonAsync("/api/v1/proposals", new
        {
            serviceId = world.EmailId,
            title = "Mail for the field sales force",
            businessJustification = "Mail outages lose orders.",
            targets = new object[] { new { metric = "availability", value = availability } },
            submit = true,
        })).ExpectAsync(HttpStatusCode.Created);

    private sealed record World(Guid EmailId, HttpClient Customer, HttpClient ItLead);
}
