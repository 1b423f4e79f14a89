using System.Net;
using Catalog.Api.IntegrationTests.Infrastructure;

namespace Catalog.Api.IntegrationTests.Features.Webhooks;

/// <summary>A receiver that never answers, beside one that does, on an API with a 3-second attempt timeout.</summary>
public sealed class WebhookSlowReceiverTests(WebhookSlowReceiverTests.ShortTimeoutFactory factory) : IClassFixture<WebhookSlowReceiverTests.ShortTimeoutFactory>
{
    private readonly HttpClient _admin = factory.ClientWithKey();

    [SkippableFact]
    public async Task Deliver_OneReceiverHangsPastTheTimeout_AnotherSubscriptionIsNotHeldUp()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var integrator = factory.ClientWithKey(await _admin.IssueKeyAsync("integrator"));
        var slow = receiver.NewHook();
        slow.Hangs = true;
        var fast = receiver.NewHook();
        var slowWebhook = await integrator.SubscribeAsync(slow, "customer.created");
        await integrator.SubscribeAsync(fast, "customer.created");

        await _admin.CreateCustomersAsync(5);

        await Eventually.WaitAsync(() => fast.Accepted, r => r.Count == 5, "all five deliveries to the fast receiver");
        var slowLog = await integrator.DeliveriesAsync(slowWebhook.Id());
        Assert.All(slowLog, d => Assert.Empty(d["attempts"]!.AsArray()));
        Assert.Single(slow.Received);

        var timedOut = await Eventually.WaitAsync(
            () => integrator.DeliveriesAsync(slowWebhook.Id()),
            d => d[^1]["attempts"]!.AsArray().Count >= 1,
            "the slow receiver's attempt to time out");
        var attempt = timedOut[^1]["attempts"]![0]!;
        Assert.Null(attempt["statusCode"]);
        Assert.Equal("Timed out after 3 s without a response.", attempt["error"].Value<string>());
        Assert.InRange(attempt["latencyMs"].Value<long>(), 2_900, 30_000);
        Assert.Equal("pending", timedOut[^1]["status"].Value<string>());
        Assert.NotNull(timedOut[^1]["nextAttemptAt"]);

        await (await integrator.DeleteAsync($"/api/v1/webhooks/{slowWebhook.Id()}")).ExpectAsync(HttpStatusCode.NoContent);
        slow.Release();
    }

    public sealed class ShortTimeoutFactory() : WebhookApiFactory(new Dictionary<string, string?> { ["Webhooks:Timeout"] = "00:00:03" });
}
