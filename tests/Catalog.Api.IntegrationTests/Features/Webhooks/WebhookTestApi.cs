using System.Net;
using System.Text.Json.Nodes;
using Catalog.Api.IntegrationTests.Infrastructure;

namespace Catalog.Api.IntegrationTests.Features.Webhooks;

/// <summary>Webhook calls as an integrator makes them, and the events the tests cause.</summary>
public static class WebhookTestApi
{
    /// <summary>Issues a key with the role through the admin client and returns its secret.</summary>
    public static async Task<string> IssueKeyAsync(this HttpClient admin, string role)
    {
        var key = await (await admin.PostJsonAsync("/api/v1/api-keys", new { name = TestApi.Unique(role), role })).ExpectAsync(HttpStatusCode.Created);
        return key["key"].Value<string>();
    }

    /// <summary>Subscribes the hook to the event types and gives the receiver the secret; returns the created subscription.</summary>
    public static async Task<JsonObject> SubscribeAsync(this HttpClient client, WebhookReceiver.Hook hook, params string[] eventTypes)
    {
        var created = await (await client.PostJsonAsync("/api/v1/webhooks", new { url = hook.Url, eventTypes, description = $"test hook {hook.Name}" }))
            .ExpectAsync(HttpStatusCode.Created);
        hook.Secret = created["secret"].Value<string>();
        return created;
    }

    /// <summary>The whole delivery log, newest first.</summary>
    public static async Task<List<JsonObject>> DeliveriesAsync(this HttpClient client, Guid webhookId)
    {
        var all = new List<JsonObject>();
        string? next = $"/api/v1/webhooks/{webhookId}/deliveries?limit=200";
        while (next is not null)
        {
            var response = await client.GetAsync(next);
            var page = await response.ExpectAsync(HttpStatusCode.OK);
            all.AddRange(page["items"]!.AsArray().Select(i => i!.AsObject()));
            next = response.NextLink() is { } link ? new Uri(link).PathAndQuery : null;
        }

        return all;
    }

    public static async Task<JsonObject> WebhookAsync(this HttpClient client, Guid webhookId) =>
        await (await client.GetAsync($"/api/v1/webhooks/{webhookId}")).ExpectAsync(HttpStatusCode.OK);

    /// <summary>Creates customers: one <c>customer.created</c> event each. Returns their ids in creation order.</summary>
    public static async Task<List<Guid>> CreateCustomersAsync(this HttpClient admin, int count)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var customer = await (await admin.PostJsonAsync("/api/v1/customers", Scenario.CustomerBody())).ExpectAsync(HttpStatusCode.Created);
            ids.Add(customer.Id());
        }

        return ids;
    }

    /// <summary>The feed's events of these types after a sequence, as the feed returns them.</summary>
    public static async Task<List<JsonObject>> FeedAsync(this HttpClient client, long after, params string[] types)
    {
        var events = new List<JsonObject>();
        while (true)
        {
            var page = await (await client.GetAsync($"/api/v1/changes?after={after}&limit=1000&types={string.Join(',', types)}")).ExpectAsync(HttpStatusCode.OK);
            var items = page["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
            events.AddRange(items);
            if (items.Count == 0)
            {
                return events;
            }

            after = page["lastSequence"].Value<long>();
        }
    }
}

/// <summary>Polls for a condition instead of sleeping a fixed time.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static async Task<T> WaitAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {(timeout ?? DefaultTimeout).TotalSeconds} s waiting for {what}; last seen: {Describe(value)}");
            }

            await Task.Delay(50);
        }
    }

    public static Task<T> WaitAsync<T>(Func<T> probe, Func<T, bool> done, string what, TimeSpan? timeout = null) =>
        WaitAsync(() => Task.FromResult(probe()), done, what, timeout);

    private static string Describe<T>(T value) => value switch
    {
        System.Collections.IEnumerable items and not string => $"[{string.Join(", ", items.Cast<object?>().Select(i => i?.ToString()))}]",
        _ => value?.ToString() ?? "null",
    };
}
