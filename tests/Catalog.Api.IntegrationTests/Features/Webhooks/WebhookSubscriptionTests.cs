using System.Net;
using Catalog.Api.IntegrationTests.Infrastructure;

namespace Catalog.Api.IntegrationTests.Features.Webhooks;

/// <summary>
/// Subscriptions on an API configured as in production (<c>Webhooks:AllowLoopback</c> false): what is refused and who
/// may manage them. Nothing here is ever created, so nothing is ever sent.
/// </summary>
public sealed class WebhookSubscriptionTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private readonly Scenario _scenario = new(factory);

    [SkippableTheory]
    [InlineData("http://10.0.0.1/hooks", "private")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "link-local")]
    [InlineData("http://localhost:8080/hooks", "loopback")]
    [InlineData("http://127.0.0.1/hooks", "loopback")]
    [InlineData("http://[::1]/hooks", "loopback")]
    [InlineData("https://192.168.1.20/hooks", "private")]
    [InlineData("https://172.20.0.5/hooks", "private")]
    [InlineData("http://[fd12:3456::1]/hooks", "private")]
    [InlineData("http://[fe80::1]/hooks", "link-local")]
    [InlineData("http://0.0.0.0/hooks", "unspecified")]
    [InlineData("http://224.0.0.251/hooks", "multicast")]
    [InlineData("http://[::ffff:10.1.2.3]/hooks", "private")]
    [InlineData("https://203.0.113.9/hooks", "documentation")]
    [InlineData("https://198.18.0.1/hooks", "benchmarking")]
    [InlineData("https://100.64.0.1/hooks", "shared (carrier-grade NAT)")]
    [InlineData("https://[2001:db8::1]/hooks", "documentation")]
    [InlineData("https://[64:ff9b::a9fe:a9fe]/hooks", "link-local")]
    public async Task CreateWebhook_InternalTarget_Returns400OnUrl(string url, string kind)
    {
        var integrator = await _scenario.ClientForAsync("integrator");

        var response = await integrator.PostJsonAsync("/api/v1/webhooks", new { url, eventTypes = new[] { "service.created" } });

        var problem = await response.ExpectValidationAsync("url");
        Assert.Contains($" {kind} address", problem["errors"]!["url"]![0].Value<string>(), StringComparison.Ordinal);
        var list = await (await integrator.GetAsync("/api/v1/webhooks")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(list["items"]!.AsArray());
    }

    [SkippableTheory]
    [InlineData("/hooks", new[] { "service.created" }, "url")]
    [InlineData("ftp://example.com/hooks", new[] { "service.created" }, "url")]
    [InlineData("https://user:pass@example.com/hooks", new[] { "service.created" }, "url")]
    [InlineData("https://example.com/hooks", new string[0], "eventTypes")]
    [InlineData("https://example.com/hooks", new[] { "service.deleted" }, "eventTypes[0]")]
    public async Task CreateWebhook_InvalidShape_Returns400(string url, string[] eventTypes, string field)
    {
        await (await _scenario.Admin.PostJsonAsync("/api/v1/webhooks", new { url, eventTypes })).ExpectValidationAsync(field);
    }

    [SkippableTheory]
    [InlineData("customer", "GET", "/api/v1/webhooks")]
    [InlineData("customer", "POST", "/api/v1/webhooks")]
    [InlineData("customer", "GET", "/api/v1/webhooks/{id}")]
    [InlineData("customer", "DELETE", "/api/v1/webhooks/{id}")]
    [InlineData("customer", "GET", "/api/v1/webhooks/{id}/deliveries")]
    [InlineData("customer", "POST", "/api/v1/webhooks/{id}/deliveries/{id}/redelivery")]
    [InlineData("it-lead", "GET", "/api/v1/webhooks")]
    [InlineData("it-lead", "POST", "/api/v1/webhooks")]
    [InlineData("it-lead", "GET", "/api/v1/webhooks/{id}")]
    [InlineData("it-lead", "DELETE", "/api/v1/webhooks/{id}")]
    [InlineData("it-lead", "GET", "/api/v1/webhooks/{id}/deliveries")]
    [InlineData("it-lead", "POST", "/api/v1/webhooks/{id}/deliveries/{id}/redelivery")]
    public async Task Webhooks_CustomerOrItLead_Returns403(string role, string method, string path)
    {
        var client = await _scenario.ClientForAsync(role);
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{id}", Guid.NewGuid().ToString(), StringComparison.Ordinal));
        if (method == "POST")
        {
            request.Content = System.Net.Http.Json.JsonContent.Create(new { });
        }

        var problem = await (await client.SendAsync(request)).ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Contains(role, problem["detail"].Value<string>(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Webhooks_NoKey_Returns401()
    {
        await (await factory.ClientWithKey(null).GetAsync("/api/v1/webhooks")).ExpectProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }
}
