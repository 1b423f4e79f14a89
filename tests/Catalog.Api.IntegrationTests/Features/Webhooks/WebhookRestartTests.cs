using System.Net;
using System.Text.Json.Nodes;
using Catalog.Api.IntegrationTests.Infrastructure;
using Catalog.Api.IntegrationTests.Infrastructure.Databases;

namespace Catalog.Api.IntegrationTests.Features.Webhooks;

/// <summary>The API stopped with deliveries still queued, and started again on the same database.</summary>
public sealed class WebhookRestartTests : IDisposable
{
    private readonly TestDatabase _database = TestDatabase.Create();

    public void Dispose() => _database.Dispose();

    [SkippableFact]
    public async Task Deliver_ApiRestartedMidQueue_EveryEventArrivesExactlyOnceInOrder()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var hook = receiver.NewHook();
        hook.Delay = TimeSpan.FromMilliseconds(50);
        string integratorKey;
        Guid webhookId;
        var expected = new List<Guid>();

        await using (var first = WebhookApiFactory.OnDatabase(_database))
        {
            var admin = first.ClientWithKey();
            integratorKey = await admin.IssueKeyAsync("integrator");
            webhookId = (await first.ClientWithKey(integratorKey).SubscribeAsync(hook, "customer.created")).Id();
            expected.AddRange(await admin.CreateCustomersAsync(30));
            await Eventually.WaitAsync(() => hook.Accepted, r => r.Count >= 1, "the first deliveries before the restart");
        }

        var beforeRestart = hook.Received.Count;
        await using var second = WebhookApiFactory.OnDatabase(_database);
        var integrator = second.ClientWithKey(integratorKey);
        expected.AddRange(await second.ClientWithKey().CreateCustomersAsync(5));

        var accepted = await Eventually.WaitAsync(() => hook.Accepted, r => r.Count >= expected.Count, "every delivery after the restart");
        Assert.Equal(expected, accepted.Select(SubjectId));
        Assert.Equal(accepted.Count, hook.Received.Count);
        Assert.Equal(accepted.Count, accepted.Select(r => r.Id).Distinct().Count());
        Assert.True(beforeRestart < expected.Count, $"the restart came with deliveries still queued ({beforeRestart} of {expected.Count} sent)");
        var log = await Eventually.WaitAsync(() => integrator.DeliveriesAsync(webhookId), d => d.All(x => x["status"].Value<string>() == "succeeded"), "the log to settle");
        Assert.Equal(expected.Count, log.Count);
        Assert.All(log, d => Assert.Single(d["attempts"]!.AsArray()));
    }

    [SkippableFact]
    public async Task Deliver_ApiRestartedWhileTheReceiverFails_EveryEventArrivesAtLeastOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var hook = receiver.NewHook();
        hook.FailNext(3);
        string integratorKey;
        Guid webhookId;
        var expected = new List<Guid>();

        await using (var first = WebhookApiFactory.OnDatabase(_database))
        {
            var admin = first.ClientWithKey();
            integratorKey = await admin.IssueKeyAsync("integrator");
            webhookId = (await first.ClientWithKey(integratorKey).SubscribeAsync(hook, "customer.created")).Id();
            expected.AddRange(await admin.CreateCustomersAsync(10));
            await Eventually.WaitAsync(() => hook.Received, r => r.Count >= 2, "failed attempts before the restart");
        }

        await using var second = WebhookApiFactory.OnDatabase(_database);
        expected.AddRange(await second.ClientWithKey().CreateCustomersAsync(3));

        var accepted = await Eventually.WaitAsync(() => hook.Accepted, r => expected.All(id => r.Select(SubjectId).Contains(id)), "every event to arrive");
        var order = accepted.Select(SubjectId).Distinct().ToList();
        Assert.Equal(expected, order);
        var log = await Eventually.WaitAsync(() => second.ClientWithKey(integratorKey).DeliveriesAsync(webhookId), d => d.All(x => x["status"].Value<string>() == "succeeded"), "the log to settle");
        Assert.Equal(expected.Count, log.Count);
    }

    private static Guid SubjectId(ReceivedWebhook received) => Guid.Parse(JsonNode.Parse(received.Body)!["subject"]!["id"]!.GetValue<string>());
}
