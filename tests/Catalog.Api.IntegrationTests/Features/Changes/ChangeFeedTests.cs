using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Catalog.Api.Domain.Customers;
using Catalog.Api.Domain.Negotiation;
using Catalog.Api.Infrastructure.ChangeFeed;
using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Api.IntegrationTests.Features.Changes;

public sealed class ChangeFeedTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private readonly Scenario _scenario = new(factory);

    [SkippableFact]
    public async Task ListChanges_AfterWrites_CarriesEachResourceAsItNowStands()
    {
        var integrator = await _scenario.ClientForAsync("integrator");
        var start = await integrator.FeedPositionAsync();

        var service = await _scenario.CreateServiceAsync();
        var live = await _scenario.MoveAsync(service.Id(), "live");
        var customer = await _scenario.CreateCustomerAsync();
        await _scenario.SubscribeAsync(customer.Id(), service.Id(), 12);

        var response = await integrator.GetAsync($"/api/v1/changes?after={start}");
        var page = await response.ExpectAsync(HttpStatusCode.OK);
        var items = page["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        Assert.Equal(["service.created", "service.lifecycle-changed", "customer.created", "subscription.created"], items.Select(i => i["type"].Value<string>()));
        Assert.Equal(Enumerable.Range(0, 4).Select(i => start + 1 + i), items.Select(i => i["sequence"].Value<long>()));
        Assert.Equal(start + 4, page["lastSequence"].Value<long>());

        Assert.Equal("service", items[0]["subject"]!["type"].Value<string>());
        Assert.Equal(service.Id(), Guid.Parse(items[0]["subject"]!["id"].Value<string>()));
        Assert.Equal("bootstrap-admin", items[0]["actor"]!["name"].Value<string>());
        Assert.Equal("admin", items[0]["actor"]!["role"].Value<string>());
        Assert.True(JsonNode.DeepEquals(service, items[0]["data"]), "service.created carries the service as created");
        Assert.True(JsonNode.DeepEquals(live, items[1]["data"]), "service.lifecycle-changed carries the service as it now stands");
        var current = await (await _scenario.Admin.GetAsync($"/api/v1/customers/{customer.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(JsonNode.DeepEquals(current, items[2]["data"]));
        Assert.Equal(12, items[3]["data"]!["units"].Value<int>());
    }

    [SkippableFact]
    public async Task ListChanges_PagesAndTypes_FollowAfterWithoutGapsOrRepeats()
    {
        var integrator = await _scenario.ClientForAsync("integrator");
        var start = await integrator.FeedPositionAsync();
        var created = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var service = await _scenario.CreateServiceAsync();
            created.Add(service.Id());
            await _scenario.MoveAsync(service.Id(), "live");
        }

        var seen = new List<JsonObject>();
        var next = $"/api/v1/changes?after={start}&limit=3&types=service.created";
        while (next is not null)
        {
            var response = await integrator.GetAsync(next);
            var page = await response.ExpectAsync(HttpStatusCode.OK);
            seen.AddRange(page["items"]!.AsArray().Select(i => i!.AsObject()));
            next = response.NextLink() is { } link ? new Uri(link).PathAndQuery : null;
        }

        Assert.All(seen, e => Assert.Equal("service.created", e["type"].Value<string>()));
        Assert.Equal(created, seen.Select(e => Guid.Parse(e["subject"]!["id"].Value<string>())));
        var sequences = seen.Select(e => e["sequence"].Value<long>()).ToList();
        Assert.Equal(sequences.Order(), sequences);
    }

    [SkippableFact]
    public async Task ListChanges_ParallelWriters_AReaderFollowingAfterSeesEveryEventExactlyOnce()
    {
        var integrator = await _scenario.ClientForAsync("integrator");
        var start = await integrator.FeedPositionAsync();
        var written = new ConcurrentBag<Guid>();
        var writersDone = false;

        async Task WriteAsync(int writer)
        {
            var client = factory.ClientWithKey();
            for (var i = 0; i < 15; i++)
            {
                var response = await client.PostJsonAsync("/api/v1/services", Scenario.ServiceBody(TestApi.Unique($"w{writer}")));
                written.Add((await response.ExpectAsync(HttpStatusCode.Created)).Id());
            }
        }

        var seen = new List<(long Sequence, string Type, Guid Subject)>();
        async Task ReadAsync()
        {
            var after = start;
            while (true)
            {
                var finished = Volatile.Read(ref writersDone);
                var page = await (await integrator.GetAsync($"/api/v1/changes?after={after}&limit=7")).ExpectAsync(HttpStatusCode.OK);
                var items = page["items"]!.AsArray();
                seen.AddRange(items.Select(i => (i!["sequence"].Value<long>(), i["type"].Value<string>(), Guid.Parse(i["subject"]!["id"].Value<string>()))));
                after = page["lastSequence"].Value<long>();
                if (finished && items.Count == 0)
                {
                    return;
                }
            }
        }

        var reader = ReadAsync();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(WriteAsync));
        Volatile.Write(ref writersDone, true);
        await reader;

        var mine = seen.Where(e => e.Type == "service.created" && written.Contains(e.Subject)).ToList();
        Assert.Equal(written.Count, mine.Count);
        Assert.Equal(written.ToHashSet(), mine.Select(e => e.Subject).ToHashSet());
        Assert.Equal(seen.Count, seen.Select(e => e.Sequence).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, seen.Count).Select(i => start + i), seen.Select(e => e.Sequence));
    }

    [SkippableFact]
    public async Task ListChanges_RefusedWrite_RecordsNothing()
    {
        var integrator = await _scenario.ClientForAsync("integrator");
        var service = await _scenario.CreateServiceAsync();
        var start = await integrator.FeedPositionAsync();

        await (await _scenario.Admin.PutJsonAsync($"/api/v1/services/{service.Id()}", Scenario.ServiceBody(service["key"].Value<string>()), "\"9\""))
            .ExpectProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await _scenario.Admin.PostJsonAsync($"/api/v1/services/{service.Id()}/lifecycle", new { lifecycle = "pipeline" })).ExpectProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal(start, await integrator.FeedPositionAsync());
    }

    [SkippableFact]
    public async Task ListChanges_WriteTheDatabaseRefusesAtSave_RecordsNothingAndLeavesNoGap()
    {
        var integrator = await _scenario.ClientForAsync("integrator");
        var taken = await _scenario.CreateCustomerAsync();
        var start = await integrator.FeedPositionAsync();

        // A customer with a key already taken, saved with its event: only the unique index refuses it, after the
        // event's number was drawn where the provider draws numbers before writing the rows.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
            var now = DateTime.UtcNow;
            var duplicate = Customer.Create(taken["key"].Value<string>()!, new CustomerDetails("Duplicate", "CC-1", "dup@example.com", "UTC"), now);
            db.Customers.Add(duplicate);
            db.Record(ChangeTypes.CustomerCreated, SubjectTypes.Customer, duplicate.Id, new ActorRef(Guid.Empty, "test", "admin"), now, new { duplicate.Id });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        Assert.Equal(start, await integrator.FeedPositionAsync());
        var next = await _scenario.CreateCustomerAsync();
        var page = await (await integrator.GetAsync($"/api/v1/changes?after={start}")).ExpectAsync(HttpStatusCode.OK);
        var item = Assert.Single(page["items"]!.AsArray())!;
        Assert.Equal(start + 1, item["sequence"].Value<long>());
        Assert.Equal(next.Id(), Guid.Parse(item["subject"]!["id"].Value<string>()));
    }

    [SkippableFact]
    public async Task ListChanges_Negotiation_RecordsEveryMoveAndTheAgreementVersion()
    {
        var integrator = await _scenario.ClientForAsync("integrator");
        var n = await NegotiationScenario.StartAsync(factory);
        var start = await integrator.FeedPositionAsync();

        var version = await n.AgreeAsync();

        var page = await (await integrator.GetAsync($"/api/v1/changes?after={start}&types=proposal.created,proposal.analysed,proposal.agreed,agreement.version-created")).ExpectAsync(HttpStatusCode.OK);
        var items = page["items"]!.AsArray();
        Assert.Equal(["proposal.created", "proposal.analysed", "proposal.agreed", "agreement.version-created"], items.Select(i => i!["type"].Value<string>()));
        Assert.Equal("agreed", items[2]!["data"]!["status"].Value<string>());
        Assert.Equal(version["agreementId"].Value<string>(), items[3]!["subject"]!["id"].Value<string>());
        Assert.Equal(1, items[3]!["data"]!["current"]!["number"].Value<int>());
        Assert.Equal("customer", items[3]!["actor"]!["role"].Value<string>());
    }

    [SkippableTheory]
    [InlineData("after=-1", "after")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("types=service.deleted", "types[0]")]
    public async Task ListChanges_InvalidQuery_Returns400(string query, string field)
    {
        await (await _scenario.Admin.GetAsync($"/api/v1/changes?{query}")).ExpectValidationAsync(field);
    }

    [SkippableFact]
    public async Task ListChanges_CustomerKey_Returns403()
    {
        var customer = await _scenario.ClientForAsync("customer");

        await (await customer.GetAsync("/api/v1/changes")).ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [SkippableTheory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Changes_WriteMethods_AreNotOffered(string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "/api/v1/changes");

        await (await _scenario.Admin.SendAsync(request)).ExpectProblemAsync(HttpStatusCode.MethodNotAllowed);
    }
}
