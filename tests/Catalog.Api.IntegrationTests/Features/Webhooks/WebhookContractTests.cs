using System.Net;
using Catalog.Api.IntegrationTests.Infrastructure;

namespace Catalog.Api.IntegrationTests.Features.Webhooks;

/// <summary>Real webhook responses, errors included, validate against the committed OpenAPI document.</summary>
public sealed class WebhookContractTests(WebhookApiFactory factory) : IClassFixture<WebhookApiFactory>
{
    [SkippableFact]
    public async Task RealWebhookResponses_ValidateAgainstTheirDocumentedSchemas()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var admin = factory.ClientWithKey();
        var integrator = factory.ClientWithKey(await admin.IssueKeyAsync("integrator"));
        var customer = factory.ClientWithKey(null);
        var hook = receiver.NewHook();
        hook.FailNext(1);
        var webhook = await integrator.SubscribeAsync(hook, "customer.created");
        var id = webhook.Id();
        await admin.CreateCustomersAsync(1);
        var delivery = (await Eventually.WaitAsync(() => integrator.DeliveriesAsync(id), d => d.Count == 1 && d[0]["status"].Value<string>() == "succeeded", "a delivery")).Single();
        var deliveryId = delivery.Id();
        var missing = Guid.NewGuid();

        // The redelivery stays in flight, so asking for it again is the 409.
        hook.Hangs = true;

        var checks = new (string Method, string Template, Func<Task<HttpResponseMessage>> Send)[]
        {
            ("post", "/api/v1/webhooks", () => integrator.PostJsonAsync("/api/v1/webhooks", new { url = receiver.NewHook().Url, eventTypes = new[] { "metric.created" } })),
            ("post", "/api/v1/webhooks", () => integrator.PostJsonAsync("/api/v1/webhooks", new { url = "http://10.0.0.1/", eventTypes = new[] { "metric.created" } })),
            ("post", "/api/v1/webhooks", () => customer.PostJsonAsync("/api/v1/webhooks", new { })),
            ("get", "/api/v1/webhooks", () => integrator.GetAsync("/api/v1/webhooks?limit=1")),
            ("get", "/api/v1/webhooks", () => integrator.GetAsync("/api/v1/webhooks?limit=0")),
            ("get", "/api/v1/webhooks/{id}", () => integrator.GetAsync($"/api/v1/webhooks/{id}")),
            ("get", "/api/v1/webhooks/{id}", () => integrator.GetAsync($"/api/v1/webhooks/{missing}")),
            ("get", "/api/v1/webhooks/{id}/deliveries", () => integrator.GetAsync($"/api/v1/webhooks/{id}/deliveries")),
            ("get", "/api/v1/webhooks/{id}/deliveries", () => integrator.GetAsync($"/api/v1/webhooks/{id}/deliveries?status=lost")),
            ("get", "/api/v1/webhooks/{id}/deliveries/{deliveryId}", () => integrator.GetAsync($"/api/v1/webhooks/{id}/deliveries/{deliveryId}")),
            ("get", "/api/v1/webhooks/{id}/deliveries/{deliveryId}", () => integrator.GetAsync($"/api/v1/webhooks/{id}/deliveries/{missing}")),
            ("post", "/api/v1/webhooks/{id}/deliveries/{deliveryId}/redelivery", () => integrator.PostAsync($"/api/v1/webhooks/{id}/deliveries/{deliveryId}/redelivery", null)),
            ("post", "/api/v1/webhooks/{id}/deliveries/{deliveryId}/redelivery", () => integrator.PostAsync($"/api/v1/webhooks/{id}/deliveries/{deliveryId}/redelivery", null)),
            ("delete", "/api/v1/webhooks/{id}", () => integrator.DeleteAsync($"/api/v1/webhooks/{missing}")),
            ("get", "/api/v1/webhooks", () => integrator.GetAsync("/api/v1/webhooks?status=active")),
        };

        var statuses = new List<int>();
        foreach (var (method, template, send) in checks)
        {
            var response = await send();
            statuses.Add((int)response.StatusCode);
            await CommittedOpenApi.ExpectDocumentedAsync(method, template, response);
        }

        Assert.Equal([201, 400, 401, 200, 400, 200, 404, 200, 400, 200, 404, 202, 409, 404, 200], statuses);
        hook.Release();
    }
}
