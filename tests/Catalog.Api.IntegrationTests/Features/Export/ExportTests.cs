using System.Net;
using System.Text.Json.Nodes;
using Catalog.Api.IntegrationTests.Infrastructure;

namespace Catalog.Api.IntegrationTests.Features.Export;

public sealed class ExportTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private readonly Scenario _scenario = new(factory);

    [SkippableFact]
    public async Task Export_ThenFollowTheFeed_ReproducesAFreshExport()
    {
        var integrator = await _scenario.ClientForAsync("integrator");
        var n = await NegotiationScenario.StartAsync(factory);
        var first = await n.AgreeAsync();
        var service = await _scenario.CreateLiveServiceAsync();
        var customer = await _scenario.CreateCustomerAsync();
        await _scenario.SubscribeAsync(customer.Id(), service.Id(), 3);

        // Writers keep going while the export streams, and after it.
        var writes = Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                await _scenario.CreateServiceAsync();
            }
        });
        var (snapshot, state) = await ExportAsync(integrator);
        await writes;

        var updated = await (await _scenario.Admin.PutJsonAsync($"/api/v1/services/{service.Id()}", Scenario.ServiceBody(service["key"].Value<string>(), name: "Renamed"), $"\"{service["version"].Value<int>()}\""))
            .ExpectAsync(HttpStatusCode.OK);
        var subscription = await (await _scenario.Admin.GetAsync($"/api/v1/customers/{customer.Id()}/subscriptions/{service.Id()}")).ExpectAsync(HttpStatusCode.OK);
        await (await _scenario.Admin.PutJsonAsync($"/api/v1/customers/{customer.Id()}/subscriptions", new { serviceId = service.Id(), units = 9 }, $"\"{subscription["version"].Value<int>()}\""))
            .ExpectAsync(HttpStatusCode.OK);
        await _scenario.CreateCustomerAsync();
        await n.AgreeAsync(monthlyCostDelta: 250m);
        await (await n.CustomerClient.PostJsonAsync($"/api/v1/agreements/{first["agreementId"].Value<string>()}/termination", new { reason = "Moving on." })).ExpectAsync(HttpStatusCode.OK);

        var after = snapshot;
        while (true)
        {
            var page = await (await integrator.GetAsync($"/api/v1/changes?after={after}&limit=50")).ExpectAsync(HttpStatusCode.OK);
            foreach (var change in page["items"]!.AsArray().Select(c => c!.AsObject()))
            {
                Apply(state, change);
            }

            if (page["lastSequence"].Value<long>() == after)
            {
                break;
            }

            after = page["lastSequence"].Value<long>();
        }

        var (_, fresh) = await ExportAsync(integrator);
        Assert.Equal(fresh.Keys.Order(StringComparer.Ordinal), state.Keys.Order(StringComparer.Ordinal));
        foreach (var (id, resource) in fresh)
        {
            Assert.True(JsonNode.DeepEquals(resource, state[id]), $"{id} differs: exported {resource.ToJsonString()}, followed {state[id].ToJsonString()}");
        }

        Assert.Equal("Renamed", fresh[$"service:{service.Id()}"]["name"].Value<string>());
        Assert.Equal(updated["version"].Value<int>(), fresh[$"service:{service.Id()}"]["version"].Value<int>());
        Assert.Equal("terminated", fresh[$"agreement:{first["agreementId"].Value<string>()}"]["status"].Value<string>());
    }

    [SkippableFact]
    public async Task Export_Stream_IsNdjsonWithHeaderCountsAndEnd()
    {
        var integrator = await _scenario.ClientForAsync("integrator");
        await _scenario.CreateServiceAsync();

        var response = await integrator.GetAsync("/api/v1/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.Equal("snapshot", lines[0]["type"].Value<string>());
        Assert.Equal("end", lines[^1]["type"].Value<string>());
        Assert.Equal(lines[0]["data"]!["sequence"].Value<long>(), lines[^1]["data"]!["sequence"].Value<long>());
        Assert.Equal(lines.Count(l => l["type"].Value<string>() == "service"), lines[^1]["data"]!["services"].Value<int>());
        Assert.True(lines[^1]["data"]!["services"].Value<int>() >= 1);
    }

    [SkippableTheory]
    [InlineData("customer")]
    public async Task Export_CustomerKey_Returns403(string role)
    {
        var client = await _scenario.ClientForAsync(role);

        await (await client.GetAsync("/api/v1/export")).ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    private static async Task<(long Sequence, Dictionary<string, JsonNode> State)> ExportAsync(HttpClient client)
    {
        var text = await (await client.GetAsync("/api/v1/export")).Content.ReadAsStringAsync();
        var sequence = -1L;
        var state = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()))
        {
            var type = line["type"].Value<string>();
            var data = line["data"]!;
            switch (type)
            {
                case "snapshot":
                    sequence = data["sequence"].Value<long>();
                    break;
                case "service" or "customer" or "agreement":
                    state[$"{type}:{data["id"].Value<string>()}"] = data.DeepClone();
                    break;
                case "subscription":
                    state[$"subscription:{data["customerId"].Value<string>()}/{data["serviceId"].Value<string>()}"] = data.DeepClone();
                    break;
            }
        }

        Assert.True(sequence >= 0, "The export has no snapshot header.");
        return (sequence, state);
    }

    /// <summary>What a follower does with each event: keep the resource as the event says it now stands.</summary>
    private static void Apply(Dictionary<string, JsonNode> state, JsonObject change)
    {
        var data = change["data"]!;
        switch (change["subject"]!["type"].Value<string>())
        {
            case "service" or "customer" or "agreement":
                state[$"{change["subject"]!["type"].Value<string>()}:{data["id"].Value<string>()}"] = data.DeepClone();
                break;
            case "subscription":
                state[$"subscription:{data["customerId"].Value<string>()}/{data["serviceId"].Value<string>()}"] = data.DeepClone();
                break;
        }
    }
}
