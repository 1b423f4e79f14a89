using System.Net;
using Catalog.Api.IntegrationTests.Infrastructure;

namespace Catalog.Api.IntegrationTests.Features.Webhooks;

/// <summary>Creating, reading, listing and deleting subscriptions; an integrator only ever sees its own.</summary>
public sealed class WebhookOwnershipTests(WebhookApiFactory factory) : IClassFixture<WebhookApiFactory>
{
    private readonly HttpClient _admin = factory.ClientWithKey();

    [SkippableFact]
    public async Task CreateWebhook_Integrator_Returns201WithTheSecretThatIsNeverShownAgain()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var integrator = factory.ClientWithKey(await _admin.IssueKeyAsync("integrator"));
        var url = receiver.NewHook().Url;

        var response = await integrator.PostJsonAsync("/api/v1/webhooks", new { url, eventTypes = new[] { "service.updated", "service.created", "service.created" }, description = "  CMDB sync  " });

        var created = await response.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/webhooks/{created.Id()}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.ETag());
        Assert.Equal(url, created["url"].Value<string>());
        Assert.Equal(["service.created", "service.updated"], created["eventTypes"]!.AsArray().Select(t => t.Value<string>()));
        Assert.Equal("CMDB sync", created["description"].Value<string>());
        Assert.Equal("active", created["status"].Value<string>());
        Assert.Null(created["disabledReason"]);
        Assert.Equal("integrator", created["createdBy"]!["role"].Value<string>());
        var secret = created["secret"].Value<string>();
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);

        var read = await integrator.GetAsync($"/api/v1/webhooks/{created.Id()}");
        var body = await read.ExpectAsync(HttpStatusCode.OK);
        Assert.Null(body["secret"]);
        Assert.DoesNotContain(secret, body.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("\"1\"", read.ETag());
        Assert.Equal(HttpStatusCode.NotModified, (await integrator.GetAsync($"/api/v1/webhooks/{created.Id()}", "\"1\"")).StatusCode);
        var list = await (await integrator.GetAsync("/api/v1/webhooks")).ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(secret, list.ToJsonString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Webhooks_AnotherIntegratorsSubscription_Returns404AndIsNotListed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var owner = factory.ClientWithKey(await _admin.IssueKeyAsync("integrator"));
        var other = factory.ClientWithKey(await _admin.IssueKeyAsync("integrator"));
        var hook = receiver.NewHook();
        var webhook = await owner.SubscribeAsync(hook, "customer.created");
        await _admin.CreateCustomersAsync(1);
        var delivery = (await Eventually.WaitAsync(() => owner.DeliveriesAsync(webhook.Id()), d => d.Count == 1, "a delivery")).Single();
        var id = webhook.Id();

        await (await other.GetAsync($"/api/v1/webhooks/{id}")).ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await other.GetAsync($"/api/v1/webhooks/{id}/deliveries")).ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await other.GetAsync($"/api/v1/webhooks/{id}/deliveries/{delivery.Id()}")).ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await other.PostAsync($"/api/v1/webhooks/{id}/deliveries/{delivery.Id()}/redelivery", null)).ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await other.DeleteAsync($"/api/v1/webhooks/{id}")).ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
        var othersList = await (await other.GetAsync("/api/v1/webhooks")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(othersList["items"]!.AsArray());

        Assert.Equal("active", (await owner.WebhookAsync(id))["status"].Value<string>());
        var ownersList = await (await owner.GetAsync("/api/v1/webhooks")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([id], ownersList["items"]!.AsArray().Select(w => w!.AsObject().Id()));
        var adminsList = await (await _admin.GetAsync("/api/v1/webhooks?limit=200")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(id, adminsList["items"]!.AsArray().Select(w => w!.AsObject().Id()));
        Assert.Equal("active", (await _admin.WebhookAsync(id))["status"].Value<string>());
    }

    [SkippableFact]
    public async Task DeleteWebhook_Active_DisablesItWithTheActorAndQueuesNothingMore()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var integrator = factory.ClientWithKey(await _admin.IssueKeyAsync("integrator"));
        var deleted = await integrator.SubscribeAsync(receiver.NewHook(), "customer.created");
        var witness = receiver.NewHook();
        await integrator.SubscribeAsync(witness, "customer.created");

        await (await integrator.DeleteAsync($"/api/v1/webhooks/{deleted.Id()}")).ExpectAsync(HttpStatusCode.NoContent);
        await (await integrator.DeleteAsync($"/api/v1/webhooks/{deleted.Id()}")).ExpectAsync(HttpStatusCode.NoContent);

        var read = await integrator.GetAsync($"/api/v1/webhooks/{deleted.Id()}");
        var body = await read.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("disabled", body["status"].Value<string>());
        Assert.StartsWith("deleted by integrator-", body["disabledReason"].Value<string>(), StringComparison.Ordinal);
        Assert.NotNull(body["disabledAt"]);
        Assert.Equal("\"2\"", read.ETag());
        var disabled = await (await integrator.GetAsync("/api/v1/webhooks?status=disabled")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([deleted.Id()], disabled["items"]!.AsArray().Select(w => w!.AsObject().Id()));

        await _admin.CreateCustomersAsync(1);
        await Eventually.WaitAsync(() => witness.Accepted, r => r.Count == 1, "the witness subscription's delivery");
        Assert.Empty(await integrator.DeliveriesAsync(deleted.Id()));
        Assert.Single(receiver.Received);
    }

    [SkippableFact]
    public async Task ListWebhooks_ManySubscriptions_PagesWithCursorAndLink()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var integrator = factory.ClientWithKey(await _admin.IssueKeyAsync("integrator"));
        var created = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            created.Add((await integrator.SubscribeAsync(receiver.NewHook(), "metric.created")).Id());
        }

        var first = await integrator.GetAsync("/api/v1/webhooks?limit=2");
        var page1 = await first.ExpectAsync(HttpStatusCode.OK);
        var second = await integrator.GetAsync(new Uri(first.NextLink()!).PathAndQuery);
        var page2 = await second.ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(created, page1["items"]!.AsArray().Concat(page2["items"]!.AsArray()).Select(w => w!.AsObject().Id()));
        Assert.Null(page2["nextCursor"]);
        await (await integrator.GetAsync("/api/v1/webhooks?status=paused")).ExpectValidationAsync("status");
        await (await integrator.GetAsync("/api/v1/webhooks?cursor=nonsense")).ExpectValidationAsync("cursor");
    }
}
