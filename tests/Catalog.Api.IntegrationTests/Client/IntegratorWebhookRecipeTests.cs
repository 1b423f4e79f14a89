using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Catalog.Api.IntegrationTests.Features.Webhooks;
using Catalog.Client;

namespace Catalog.Api.IntegrationTests.Client;

/// <summary>The last step of the integrator's recipe through the generated client: subscribe, receive, verify.</summary>
public sealed class IntegratorWebhookRecipeTests(WebhookApiFactory factory) : IClassFixture<WebhookApiFactory>
{
    [SkippableFact]
    public async Task GeneratedClient_SubscribeToAWebhook_ReceivesSignedEventsThatVerifyWithTheReadmeRecipe()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var hook = receiver.NewHook("cmdb");
        var admin = ClientFor(WebhookApiFactory.AdminKey);
        var integrator = ClientFor((await admin.CreateApiKeyAsync(new ApiKeyInput { Name = "CMDB sync", Role = ApiRole.Integrator })).Key);

        var subscription = await integrator.CreateWebhookAsync(new WebhookInput { Url = hook.Url, EventTypes = ["service.created"], Description = "CMDB" });
        var service = await admin.CreateServiceAsync(new ServiceInput
        {
            Key = "hooked-" + Guid.NewGuid().ToString("N")[..8],
            Name = "Hooked",
            Summary = "Announced by webhook.",
            Category = "client",
            Owner = new OwnerInput { Team = "Platform", Contact = "platform@example.com" },
            Kind = ServiceKind.Supporting,
            Cost = new CostInput { Unit = "unit", UnitCostPerMonth = 2, Currency = "EUR" },
        });

        var delivered = await Eventually.WaitAsync(
            () => hook.Received.Where(r => r.Body.Contains(service.Id.ToString(), StringComparison.Ordinal)).ToList(),
            received => received.Count > 0,
            "the service.created delivery");

        var delivery = delivered[0];
        Assert.True(IsAuthentic(subscription.Secret, delivery.Id!, delivery.Timestamp!, delivery.Signature!, delivery.Body));
        Assert.False(IsAuthentic(subscription.Secret, delivery.Id!, delivery.Timestamp!, delivery.Signature!, delivery.Body + " "));
        using var body = JsonDocument.Parse(delivery.Body);
        Assert.Equal("service.created", body.RootElement.GetProperty("type").GetString());

        // The webhook carries the same event the feed has at that sequence.
        var sequence = body.RootElement.GetProperty("sequence").GetInt64();
        var feed = await integrator.ListChangesAsync(sequence - 1, 1, null);
        Assert.Equal(service.Id, Assert.Single(feed.Items).Subject.Id);
    }

    // Exactly the verification the README shows integrators.
    private static bool IsAuthentic(string secret, string id, string timestamp, string signatureHeader, string body)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
        var fresh = Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - long.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture)) < 300;
        return fresh && signatureHeader.Split(' ').Any(s => CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(s), Encoding.ASCII.GetBytes("v1," + expected)));
    }

    private CatalogClient ClientFor(string apiKey)
    {
        var http = factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        return new CatalogClient(http);
    }
}
