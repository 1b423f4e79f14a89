using System.Net;
using System.Text.Json.Nodes;
using Catalog.Api.Domain.Negotiation;
using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.Infrastructure.Webhooks;
using Catalog.Api.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Api.IntegrationTests.Features.Webhooks;

/// <summary>Deliveries to a real receiver on 127.0.0.1: signed, in feed order, retried, logged, redelivered.</summary>
public sealed class WebhookDeliveryTests(WebhookApiFactory factory) : IClassFixture<WebhookApiFactory>
{
    private readonly HttpClient _admin = factory.ClientWithKey();

    [SkippableFact]
    public async Task Deliver_SubscribedEvent_SignedWithStandardWebhooksHeadersAndTheFeedsBody()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var integrator = factory.ClientWithKey(await _admin.IssueKeyAsync("integrator"));
        var hook = receiver.NewHook();
        var webhook = await integrator.SubscribeAsync(hook, "customer.created");
        var before = DateTimeOffset.UtcNow;

        var customerId = (await _admin.CreateCustomersAsync(1)).Single();

        var received = (await Eventually.WaitAsync(() => hook.Received, r => r.Count >= 1, "the delivery")).Single();
        Assert.True(received.SignatureValid, "the receiver verifies webhook-signature with the secret from the create response");
        Assert.Equal(204, received.Answered);
        Assert.Equal("application/json", received.ContentType);
        Assert.InRange(long.Parse(received.Timestamp!, System.Globalization.CultureInfo.InvariantCulture), before.ToUnixTimeSeconds() - 1, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        Assert.StartsWith("v1,", received.Signature, StringComparison.Ordinal);

        var body = JsonNode.Parse(received.Body)!.AsObject();
        var feed = await integrator.FeedAsync(body["sequence"].Value<long>() - 1, "customer.created");
        Assert.True(JsonNode.DeepEquals(feed[0], body), $"the body is the event as the feed returns it: {received.Body}");
        Assert.Equal(customerId, Guid.Parse(body["subject"]!["id"].Value<string>()));

        var delivery = (await Eventually.WaitAsync(() => integrator.DeliveriesAsync(webhook.Id()), d => d.Count == 1 && d[0]["status"].Value<string>() == "succeeded", "the log")).Single();
        Assert.Equal(delivery["id"].Value<string>(), received.Id);
        Assert.Equal(body["sequence"].Value<long>(), delivery["sequence"].Value<long>());
    }

    [SkippableFact]
    public async Task Deliver_MixedEvents_OnlySubscribedTypesInFeedOrder()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var integrator = factory.ClientWithKey(await _admin.IssueKeyAsync("integrator"));
        var hook = receiver.NewHook();
        var webhook = await integrator.SubscribeAsync(hook, "customer.created", "customer.updated");
        var start = await integrator.FeedPositionAsync();

        for (var i = 0; i < 4; i++)
        {
            await (await _admin.PostJsonAsync("/api/v1/services", Scenario.ServiceBody())).ExpectAsync(HttpStatusCode.Created);
            var customer = await (await _admin.PostJsonAsync("/api/v1/customers", Scenario.CustomerBody())).ExpectAsync(HttpStatusCode.Created);
            var renamed = Scenario.CustomerBody(customer["key"].Value<string>(), name: $"Renamed {i}");
            await (await _admin.PutJsonAsync($"/api/v1/customers/{customer.Id()}", renamed, "\"1\"")).ExpectAsync(HttpStatusCode.OK);
        }

        var expected = (await integrator.FeedAsync(start, "customer.created", "customer.updated")).Select(e => e["sequence"].Value<long>()).ToList();
        Assert.Equal(8, expected.Count);
        var received = await Eventually.WaitAsync(() => hook.Accepted, r => r.Count >= expected.Count, "eight deliveries");
        Assert.Equal(expected, received.Select(r => r.Sequence));
        Assert.All(received, r => Assert.StartsWith("customer.", r.Type, StringComparison.Ordinal));
        Assert.All(received, r => Assert.True(r.SignatureValid));

        var pages = new List<long>();
        string? next = $"/api/v1/webhooks/{webhook.Id()}/deliveries?limit=3";
        while (next is not null)
        {
            var response = await integrator.GetAsync(next);
            pages.AddRange((await response.ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray().Select(d => d!["sequence"].Value<long>()));
            next = response.NextLink() is { } link ? new Uri(link).PathAndQuery : null;
        }

        Assert.Equal(Enumerable.Reverse(expected), pages);
    }

    [SkippableFact]
    public async Task Deliver_ReceiverFailsThreeTimes_RetriesWithTheSameIdUntilItSucceedsThenSendsTheRestInOrder()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var integrator = factory.ClientWithKey(await _admin.IssueKeyAsync("integrator"));
        var hook = receiver.NewHook();
        var webhook = await integrator.SubscribeAsync(hook, "customer.created");
        hook.FailNext(3);

        await _admin.CreateCustomersAsync(3);

        var accepted = await Eventually.WaitAsync(() => hook.Accepted, r => r.Count >= 3, "three successful deliveries");
        var received = hook.Received;
        Assert.Equal(6, received.Count);
        Assert.Equal([500, 500, 500, 204, 204, 204], received.Select(r => r.Answered));
        Assert.Single(received.Take(4).Select(r => r.Id).Distinct());
        Assert.Equal(accepted.Select(r => r.Sequence).Order(), accepted.Select(r => r.Sequence));
        Assert.Equal(3, accepted.Select(r => r.Id).Distinct().Count());

        var log = await Eventually.WaitAsync(() => integrator.DeliveriesAsync(webhook.Id()), d => d.All(x => x["status"].Value<string>() == "succeeded"), "the log to settle");
        var first = log.Single(d => d["id"].Value<string>() == received[0].Id);
        var attempts = first["attempts"]!.AsArray();
        Assert.Equal([500, 500, 500, 204], attempts.Select(a => a!["statusCode"].Value<int>()));
        Assert.All(attempts, a => Assert.True(a!["latencyMs"].Value<long>() >= 0));
        Assert.All(attempts, a => Assert.Null(a!["error"]));
        var times = attempts.Select(a => a!["at"].Value<DateTime>()).ToList();
        Assert.Equal(times.Order(), times);
        Assert.Null(first["nextAttemptAt"]);
        Assert.NotNull(first["completedAt"]);
        Assert.Equal("active", (await integrator.WebhookAsync(webhook.Id()))["status"].Value<string>());
    }

    [SkippableFact]
    public async Task Deliver_ReceiverStoppedThenRestarted_DeliversEverythingAfterTheRestart()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var integrator = factory.ClientWithKey(await _admin.IssueKeyAsync("integrator"));
        var hook = receiver.NewHook();
        var webhook = await integrator.SubscribeAsync(hook, "customer.created");
        await receiver.StopAsync();

        var customers = await _admin.CreateCustomersAsync(3);

        // While it is down: the first delivery has failed attempts with an error and a next attempt; the others wait behind it.
        var log = await Eventually.WaitAsync(
            () => integrator.DeliveriesAsync(webhook.Id()),
            d => d.Count == 3 && d[^1]["attempts"]!.AsArray().Count >= 1,
            "a failed attempt while the receiver is down");
        var head = log[^1];
        Assert.Equal("pending", head["status"].Value<string>());
        var failed = head["attempts"]![0]!;
        Assert.Null(failed["statusCode"]);
        Assert.Contains("Could not send", failed["error"].Value<string>(), StringComparison.Ordinal);
        Assert.All(log.Take(2), d => Assert.Empty(d["attempts"]!.AsArray()));
        await (await integrator.PostAsync($"/api/v1/webhooks/{webhook.Id()}/deliveries/{head.Id()}/redelivery", null))
            .ExpectProblemAsync(HttpStatusCode.Conflict, "delivery-already-queued");

        await receiver.RestartAsync();

        var accepted = await Eventually.WaitAsync(() => hook.Accepted, r => r.Count >= 3, "the deliveries after the restart");
        Assert.Equal(customers, accepted.Select(r => Guid.Parse(JsonNode.Parse(r.Body)!["subject"]!["id"].Value<string>())));
        Assert.All(accepted, r => Assert.True(r.SignatureValid));
    }

    [SkippableFact]
    public async Task Redeliver_SucceededDelivery_SendsItAgainWithTheSameWebhookIdAndBody()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var integrator = factory.ClientWithKey(await _admin.IssueKeyAsync("integrator"));
        var hook = receiver.NewHook();
        var webhook = await integrator.SubscribeAsync(hook, "customer.created");
        await _admin.CreateCustomersAsync(1);
        var delivery = (await Eventually.WaitAsync(() => integrator.DeliveriesAsync(webhook.Id()), d => d.Count == 1 && d[0]["status"].Value<string>() == "succeeded", "the first delivery")).Single();

        var response = await integrator.PostAsync($"/api/v1/webhooks/{webhook.Id()}/deliveries/{delivery.Id()}/redelivery", null);

        var queued = await response.ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal($"/api/v1/webhooks/{webhook.Id()}/deliveries/{delivery.Id()}", response.Headers.Location?.OriginalString);
        Assert.Equal("pending", queued["status"].Value<string>());
        var received = await Eventually.WaitAsync(() => hook.Accepted, r => r.Count >= 2, "the redelivery");
        Assert.Equal(received[0].Id, received[1].Id);
        Assert.Equal(delivery["id"].Value<string>(), received[1].Id);
        Assert.Equal(received[0].Body, received[1].Body);
        Assert.True(received[1].SignatureValid);
        var after = await Eventually.WaitAsync(
            async () => await (await integrator.GetAsync(response.Headers.Location!.OriginalString)).ExpectAsync(HttpStatusCode.OK),
            d => d["status"].Value<string>() == "succeeded",
            "the redelivery to be logged");
        Assert.Equal([204, 204], after["attempts"]!.AsArray().Select(a => a!["statusCode"].Value<int>()));
    }

    [SkippableFact]
    public async Task Deliver_TargetNowResolvesToAForbiddenAddress_AttemptFailsWithoutSending()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var hook = receiver.NewHook();

        // As if its DNS name had come to point elsewhere since it was accepted: 0.0.0.0 would reach this machine.
        Guid webhookId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
            var position = db.ChangeCounters.Single().Value;
            var subscription = WebhookSubscription.Create(
                Guid.NewGuid(), new ActorRef(Guid.Empty, "test", "admin"),
                $"http://0.0.0.0:{receiver.Port}/hooks/{hook.Name}", ["customer.created"], null, WebhookSigner.NewSecret(), position, DateTime.UtcNow);
            db.Set<WebhookSubscription>().Add(subscription);
            await db.SaveChangesAsync();
            webhookId = subscription.Id;
        }

        await _admin.CreateCustomersAsync(1);

        var delivery = (await Eventually.WaitAsync(() => _admin.DeliveriesAsync(webhookId), d => d.Count == 1 && d[0]["attempts"]!.AsArray().Count >= 1, "a refused attempt")).Single();
        var attempt = delivery["attempts"]![0]!;
        Assert.Null(attempt["statusCode"]);
        Assert.Contains("unspecified address", attempt["error"].Value<string>(), StringComparison.Ordinal);
        Assert.StartsWith("Not sent:", attempt["error"].Value<string>(), StringComparison.Ordinal);
        Assert.Empty(receiver.Received);
        await (await _admin.DeleteAsync($"/api/v1/webhooks/{webhookId}")).ExpectAsync(HttpStatusCode.NoContent);
    }

    [SkippableFact]
    public async Task Deliver_DeliveryLeasedByAnotherInstance_IsLeftAloneUntilTheLeaseExpires()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var hook = receiver.NewHook();
        var witness = receiver.NewHook();
        await _admin.SubscribeAsync(witness, "customer.updated");
        var customer = await (await _admin.PostJsonAsync("/api/v1/customers", Scenario.CustomerBody())).ExpectAsync(HttpStatusCode.Created);

        // Another instance has claimed the attempt: the subscription and its delivery appear together, already leased.
        Guid webhookId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
            var position = db.ChangeCounters.Single().Value;
            var subscription = WebhookSubscription.Create(
                Guid.NewGuid(), new ActorRef(Guid.Empty, "test", "admin"), hook.Url, ["customer.created"], null, WebhookSigner.NewSecret(), position, DateTime.UtcNow);
            hook.Secret = subscription.Secret;
            var delivery = WebhookDelivery.Queue(subscription.Id, position, "customer.created", DateTime.UtcNow);
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.AddRange(subscription, delivery);
            await db.SaveChangesAsync();
            var otherInstance = Guid.NewGuid();
            var until = DateTime.UtcNow.AddHours(1);
            await db.Set<WebhookDelivery>().Where(d => d.Id == delivery.Id)
                .ExecuteUpdateAsync(d => d.SetProperty(x => x.LeasedUntil, until).SetProperty(x => x.LeaseOwner, otherInstance));
            await transaction.CommitAsync();
            webhookId = subscription.Id;
        }

        await (await _admin.PutJsonAsync($"/api/v1/customers/{customer.Id()}", Scenario.CustomerBody(customer["key"].Value<string>(), "Renamed"), "\"1\"")).ExpectAsync(HttpStatusCode.OK);
        await Eventually.WaitAsync(() => witness.Accepted, r => r.Count == 1, "the witness delivery, queued after the leased one");
        Assert.Empty(hook.Received);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
            var expired = DateTime.UtcNow.AddSeconds(-1);
            await db.Set<WebhookDelivery>().Where(d => d.SubscriptionId == webhookId).ExecuteUpdateAsync(d => d.SetProperty(x => x.LeasedUntil, expired));
        }

        var received = await Eventually.WaitAsync(() => hook.Accepted, r => r.Count == 1, "the delivery once the lease expired");
        Assert.True(received[0].SignatureValid);
        Assert.Equal(customer.Id(), Guid.Parse(JsonNode.Parse(received[0].Body)!["subject"]!["id"].Value<string>()));
        await (await _admin.DeleteAsync($"/api/v1/webhooks/{webhookId}")).ExpectAsync(HttpStatusCode.NoContent);
    }
}
