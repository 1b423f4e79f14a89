using System.Net;
using Catalog.Api.IntegrationTests.Infrastructure;

namespace Catalog.Api.IntegrationTests.Features.Webhooks;

/// <summary>A receiver that keeps failing, on an API whose retries end after four attempts.</summary>
public sealed class WebhookFailureTests(WebhookFailureTests.QuickGiveUpFactory factory) : IClassFixture<WebhookFailureTests.QuickGiveUpFactory>
{
    private readonly HttpClient _admin = factory.ClientWithKey();

    [SkippableFact]
    public async Task Deliver_ReceiverKeepsFailing_DeliveryFailsAndTheSubscriptionIsDisabledWithTheReason()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (integrator, hook, webhook) = await FailingSubscriptionAsync(receiver);

        var disabled = await Eventually.WaitAsync(() => integrator.WebhookAsync(webhook), w => w["status"].Value<string>() == "disabled", "the subscription to be disabled");

        var reason = disabled["disabledReason"].Value<string>();
        var log = await integrator.DeliveriesAsync(webhook);
        var (later, first) = (log[0], log[1]);
        Assert.Contains($"delivery {first.Id()}", reason, StringComparison.Ordinal);
        Assert.Contains("failed 4 attempts in a row", reason, StringComparison.Ordinal);
        Assert.Contains("HTTP 500", reason, StringComparison.Ordinal);
        Assert.Equal("failed", first["status"].Value<string>());
        Assert.Equal([500, 500, 500, 500], first["attempts"]!.AsArray().Select(a => a!["statusCode"].Value<int>()));
        Assert.Null(first["nextAttemptAt"]);

        // The next one waited behind it, and is not sent now that the subscription is disabled.
        Assert.Equal("pending", later["status"].Value<string>());
        Assert.Empty(later["attempts"]!.AsArray());
        Assert.Null(later["nextAttemptAt"]);
        Assert.Equal(4, hook.Received.Count);
        Assert.Single(hook.Received.Select(r => r.Id).Distinct());
        Assert.All(hook.Received, r => Assert.True(r.SignatureValid));
        var failedOnly = await (await integrator.GetAsync($"/api/v1/webhooks/{webhook}/deliveries?status=failed")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([first.Id()], failedOnly["items"]!.AsArray().Select(d => d!.AsObject().Id()));
    }

    [SkippableFact]
    public async Task Redeliver_OnASubscriptionDisabledForFailures_SendsThatDeliveryButLeavesItDisabled()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (integrator, hook, webhook) = await FailingSubscriptionAsync(receiver);
        var disabled = await Eventually.WaitAsync(() => integrator.WebhookAsync(webhook), w => w["status"].Value<string>() == "disabled", "the subscription to be disabled");
        var log = await integrator.DeliveriesAsync(webhook);
        hook.FailNext(0);

        var response = await integrator.PostAsync($"/api/v1/webhooks/{webhook}/deliveries/{log[1].Id()}/redelivery", null);

        await response.ExpectAsync(HttpStatusCode.Accepted);
        var redelivered = await Eventually.WaitAsync(() => hook.Accepted, r => r.Count == 1, "the redelivery").ContinueWith(t => t.Result.Single(), TaskScheduler.Default);
        Assert.Equal(log[1]["id"].Value<string>(), redelivered.Id);
        var after = await Eventually.WaitAsync(() => integrator.DeliveriesAsync(webhook), d => d[1]["status"].Value<string>() == "succeeded", "the redelivery to be logged");
        Assert.Equal([500, 500, 500, 500, 204], after[1]["attempts"]!.AsArray().Select(a => a!["statusCode"].Value<int>()));
        var still = await integrator.WebhookAsync(webhook);
        Assert.Equal("disabled", still["status"].Value<string>());
        Assert.Equal(disabled["disabledReason"].Value<string>(), still["disabledReason"].Value<string>());
        Assert.Equal("pending", after[0]["status"].Value<string>());
        Assert.Empty(after[0]["attempts"]!.AsArray());
        Assert.Equal(5, hook.Received.Count);
    }

    /// <summary>A subscription whose receiver answers 500 to everything, with two events queued for it.</summary>
    private async Task<(HttpClient Integrator, WebhookReceiver.Hook Hook, Guid Webhook)> FailingSubscriptionAsync(WebhookReceiver receiver)
    {
        var integrator = factory.ClientWithKey(await _admin.IssueKeyAsync("integrator"));
        var hook = receiver.NewHook();
        hook.FailNext(int.MaxValue);
        var webhook = await integrator.SubscribeAsync(hook, "customer.created");
        await _admin.CreateCustomersAsync(2);
        return (integrator, hook, webhook.Id());
    }

    public sealed class QuickGiveUpFactory() : WebhookApiFactory(new Dictionary<string, string?> { ["Webhooks:RetrySchedule"] = "20ms,40ms,80ms" });
}
