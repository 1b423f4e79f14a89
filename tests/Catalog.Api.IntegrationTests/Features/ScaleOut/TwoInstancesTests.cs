using System.Collections.Concurrent;
using System.Net;
using Catalog.Api.Infrastructure.Idempotency;
using Catalog.Api.IntegrationTests.Features.Webhooks;
using Catalog.Api.IntegrationTests.Infrastructure;

namespace Catalog.Api.IntegrationTests.Features.ScaleOut;

/// <summary>
/// Two API instances on one database, as behind a load balancer: each request goes to one or the other, and
/// both run the webhook dispatcher. On PostgreSQL this is the scale-out setup; on SQLite, two processes on one file.
/// </summary>
public sealed class TwoInstancesTests(TwoInstancesTests.Instances instances) : IClassFixture<TwoInstancesTests.Instances>
{
    private HttpClient A => instances.First.ClientWithKey();

    private HttpClient B => instances.Second.ClientWithKey();

    [SkippableFact]
    public async Task Update_SameETagThroughEachInstance_OneWinsAndTheOtherGets412()
    {
        var scenario = new Scenario(instances.First);
        for (var round = 0; round < 8; round++)
        {
            var service = await scenario.CreateServiceAsync();
            var key = service["key"].Value<string>();
            var path = $"/api/v1/services/{service.Id()}";

            var responses = await Task.WhenAll(
                A.PutJsonAsync(path, Scenario.ServiceBody(key, name: "Written through A"), "\"1\""),
                B.PutJsonAsync(path, Scenario.ServiceBody(key, name: "Written through B"), "\"1\""));

            var winner = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
            var loser = Assert.Single(responses, r => r.StatusCode != HttpStatusCode.OK);
            await loser.ExpectProblemAsync(HttpStatusCode.PreconditionFailed, "precondition-failed");
            var kept = await (await B.GetAsync(path)).ExpectAsync(HttpStatusCode.OK);
            Assert.Equal((await winner.JsonAsync())["name"].Value<string>(), kept["name"].Value<string>());
            Assert.Equal(2, kept["version"].Value<int>());
        }
    }

    [SkippableFact]
    public async Task Accept_SameAnalysisThroughEachInstance_CreatesExactlyOneVersion()
    {
        var n = await NegotiationScenario.StartAsync(instances.First);
        var proposal = await n.ProposeAsync();
        var analysis = await n.AnalyseAsync(proposal.Id());
        var customerKey = await n.Catalog.IssueKeyAsync("customer", n.Customer.Id());

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            n.AcceptAsync(proposal.Id(), analysis.Id(), "proposed", 4_000m, (i % 2 == 0 ? instances.First : instances.Second).ClientWithKey(customerKey))));

        var created = await Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created).ExpectAsync(HttpStatusCode.Created);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await refused.ExpectProblemAsync(HttpStatusCode.Conflict);
        }

        var agreement = await (await B.GetAsync($"/api/v1/agreements/{created["agreementId"].Value<string>()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, agreement["versionCount"].Value<int>());
    }

    [SkippableFact]
    public async Task ChangeFeed_BothInstancesWriting_ReadersOnEitherSeeEveryEventOnceInTheSameOrder()
    {
        var integratorKey = await A.IssueKeyAsync("integrator");
        var start = await A.FeedPositionAsync();
        var written = new ConcurrentBag<Guid>();
        var writersDone = 0;

        async Task WriteAsync(int writer)
        {
            var client = writer % 2 == 0 ? A : B;
            for (var i = 0; i < 15; i++)
            {
                var response = await client.PostJsonAsync("/api/v1/services", Scenario.ServiceBody(TestApi.Unique($"w{writer}")));
                written.Add((await response.ExpectAsync(HttpStatusCode.Created)).Id());
            }
        }

        async Task<List<(long Sequence, Guid Subject)>> ReadAsync(CatalogApiFactory instance)
        {
            var client = instance.ClientWithKey(integratorKey);
            var seen = new List<(long, Guid)>();
            var after = start;
            while (true)
            {
                var finished = Volatile.Read(ref writersDone) == 1;
                var page = await (await client.GetAsync($"/api/v1/changes?after={after}&limit=9")).ExpectAsync(HttpStatusCode.OK);
                var items = page["items"]!.AsArray();
                seen.AddRange(items.Select(i => (i!["sequence"].Value<long>(), Guid.Parse(i["subject"]!["id"].Value<string>()))));
                after = page["lastSequence"].Value<long>();
                if (finished && items.Count == 0)
                {
                    return seen;
                }
            }
        }

        var readers = new[] { ReadAsync(instances.First), ReadAsync(instances.Second) };
        await Task.WhenAll(Enumerable.Range(0, 4).Select(WriteAsync));
        Volatile.Write(ref writersDone, 1);
        var seenThroughA = await readers[0];
        var seenThroughB = await readers[1];

        foreach (var seen in new[] { seenThroughA, seenThroughB })
        {
            Assert.Equal(Enumerable.Range(1, seen.Count).Select(i => start + i), seen.Select(e => e.Sequence));
            Assert.Equal(written.ToHashSet(), seen.Select(e => e.Subject).Where(written.Contains).ToHashSet());
            Assert.Equal(written.Count, seen.Count(e => written.Contains(e.Subject)));
        }

        Assert.Equal(seenThroughA, seenThroughB);
    }

    [SkippableFact]
    public async Task Webhooks_BothInstancesDispatching_EachEventIsSentOncePerAttemptInOrder()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var hook = receiver.NewHook();
        var integratorKey = await A.IssueKeyAsync("integrator");
        var webhook = await instances.First.ClientWithKey(integratorKey).SubscribeAsync(hook, "customer.created");
        hook.FailNext(3);

        var expected = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            expected.AddRange(await (i % 2 == 0 ? A : B).CreateCustomersAsync(2));
        }

        var accepted = await Eventually.WaitAsync(() => hook.Accepted, r => r.Count >= expected.Count, "every delivery through either instance");
        var deliveries = await Eventually.WaitAsync(
            () => instances.Second.ClientWithKey(integratorKey).DeliveriesAsync(webhook.Id()),
            d => d.Count == expected.Count && d.All(x => x["status"].Value<string>() == "succeeded"),
            "the delivery log to show every delivery done");
        await Task.Delay(TimeSpan.FromMilliseconds(500));

        Assert.Equal(expected, hook.Accepted.Select(r => Guid.Parse(System.Text.Json.Nodes.JsonNode.Parse(r.Body)!["subject"]!["id"]!.GetValue<string>())));
        Assert.Equal(hook.Accepted.Select(r => r.Sequence).Order(), hook.Accepted.Select(r => r.Sequence));
        Assert.Equal(expected.Count + 3, hook.Received.Count);
        Assert.Equal(hook.Received.Count, deliveries.Sum(d => d["attempts"]!.AsArray().Count));
        foreach (var delivery in deliveries)
        {
            Assert.Equal(delivery["attempts"]!.AsArray().Count, hook.Received.Count(r => r.Id == delivery["id"].Value<string>()));
        }
    }

    [SkippableFact]
    public async Task IdempotencyKey_SentToEachInstance_CreatesOnceAndReplaysOnTheOther()
    {
        var key = Guid.NewGuid().ToString();
        var body = Scenario.CustomerBody();

        var first = await A.PostJsonAsync("/api/v1/customers", body, key);
        var replay = await B.PostJsonAsync("/api/v1/customers", body, key);

        var created = await first.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(created.ToJsonString(), (await replay.ExpectAsync(HttpStatusCode.Created)).ToJsonString());
        Assert.Equal("true", Assert.Single(replay.Headers.GetValues(IdempotencyMiddleware.ReplayedHeader)));
        Assert.Equal(first.Headers.Location, replay.Headers.Location);

        var concurrentKey = Guid.NewGuid().ToString();
        var customerKey = TestApi.Unique("cust");
        var concurrentBody = Scenario.CustomerBody(customerKey);
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => (i % 2 == 0 ? A : B).PostJsonAsync("/api/v1/customers", concurrentBody, concurrentKey)));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created && !r.Headers.Contains(IdempotencyMiddleware.ReplayedHeader));
        foreach (var response in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await response.ExpectProblemAsync(HttpStatusCode.Conflict, "idempotency-request-in-flight");
        }

        Assert.Single((await (await B.GetAsync($"/api/v1/customers?key={customerKey}")).ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray());
    }

    [SkippableFact]
    public async Task RevokedKey_RefusedAtOnceByTheInstanceThatRevokedIt_AndByTheOtherWithinTheKeyCacheTtl()
    {
        var key = await (await A.PostJsonAsync("/api/v1/api-keys", new { name = TestApi.Unique("short-lived"), role = "integrator" })).ExpectAsync(HttpStatusCode.Created);
        var throughA = instances.First.ClientWithKey(key["key"].Value<string>());
        var throughB = instances.Second.ClientWithKey(key["key"].Value<string>());
        await (await throughA.GetAsync("/api/v1/changes?limit=1")).ExpectAsync(HttpStatusCode.OK);
        await (await throughB.GetAsync("/api/v1/changes?limit=1")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.NoContent, (await A.DeleteAsync($"/api/v1/api-keys/{key.Id()}")).StatusCode);

        await (await throughA.GetAsync("/api/v1/changes?limit=1")).ExpectProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        await Eventually.WaitAsync(
            async () => (await throughB.GetAsync("/api/v1/changes?limit=1")).StatusCode,
            status => status == HttpStatusCode.Unauthorized,
            "the other instance to refuse the key",
            TimeSpan.FromSeconds(10));
    }

    [SkippableFact]
    public async Task Metric_DefinedThroughOneInstance_IsUsableThroughTheOtherAtOnce()
    {
        var n = await NegotiationScenario.StartAsync(instances.First);
        var customerThroughB = instances.Second.ClientWithKey(await n.Catalog.IssueKeyAsync("customer", n.Customer.Id()));
        var metric = TestApi.Unique("queue-depth");
        object[] targets = [new { metric, value = 100 }];
        object Proposal() => new { serviceId = n.Service.Id(), title = "Queue depth", businessJustification = "Orders back up.", targets };

        // B reads the vocabulary while the metric does not exist yet, and refuses it.
        await (await customerThroughB.PostJsonAsync("/api/v1/proposals", Proposal())).ExpectValidationAsync("targets[0].metric");
        await (await A.PostJsonAsync("/api/v1/metrics", new { key = metric, name = "Queue depth", unit = "messages", direction = "lower-is-stricter" }))
            .ExpectAsync(HttpStatusCode.Created);

        var proposal = await (await customerThroughB.PostJsonAsync("/api/v1/proposals", Proposal())).ExpectAsync(HttpStatusCode.Created);

        var target = Assert.Single(proposal["targets"]!.AsArray());
        Assert.Equal(metric, target!["metric"].Value<string>());
    }

    public sealed class Instances : TwoInstances;
}
