using System.Net;
using System.Text.Json.Nodes;
using Catalog.Api.IntegrationTests.Infrastructure;

namespace Catalog.Api.IntegrationTests.Infrastructure;

/// <summary>
/// The committed OpenAPI document is the contract integrators code against: it must be what the API serves,
/// and real responses, errors included, must validate against it.
/// </summary>
public sealed class OpenApiTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private readonly Scenario _scenario = new(factory);

    [SkippableFact]
    public async Task GetOpenApiDocument_Anonymous_EqualsTheCommittedFile()
    {
        var response = await factory.ClientWithKey(null).GetAsync("/openapi/v1.json");

        var served = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.True(JsonNode.DeepEquals(CommittedOpenApi.Document, served), "api-specs/catalog.v1.json differs from the served document: rebuild and commit it.");
    }

    [SkippableFact]
    public void Document_EveryOperation_HasUniqueIdSecurityAndDocumentedErrors()
    {
        var ids = new List<string>();
        foreach (var (path, item) in CommittedOpenApi.Document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var id = operation!["operationId"]?.GetValue<string>();
                Assert.False(string.IsNullOrEmpty(id), $"{method} {path} has no operationId");
                ids.Add(id!);
                var responses = operation["responses"]!.AsObject();
                Assert.NotNull(operation["security"]);
                // The health probes are anonymous (an empty security list); everything else needs a key.
                var anonymous = operation["security"] is JsonArray { Count: 0 };
                Assert.True(anonymous == path.StartsWith("/health/", StringComparison.Ordinal), $"{id}: only the health probes are anonymous");
                Assert.True(anonymous || responses.ContainsKey("401"), $"{id} does not document 401");
                Assert.True(responses["429"]?["headers"]?["Retry-After"]?["required"]?.GetValue<bool>() == true, $"{id} does not document 429 with Retry-After");
                Assert.True(responses.ContainsKey("500"), $"{id} does not document 500");
                foreach (var (status, response) in responses.Where(r => r.Key.StartsWith('4')))
                {
                    Assert.True(response!["content"]?["application/problem+json"] is not null, $"{id} {status} is not documented as problem details");
                }

                if (path.Contains("{id}", StringComparison.Ordinal))
                {
                    Assert.True(responses.ContainsKey("404"), $"{id} does not document 404");
                }
            }
        }

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Contains("ListServices", ids);
        Assert.Contains("GetServiceImpact", ids);
    }

    [SkippableFact]
    public async Task RealResponses_ValidateAgainstTheirDocumentedSchemas()
    {
        var admin = _scenario.Admin;
        var storage = await _scenario.CreateLiveServiceAsync(Scenario.ServiceBody(kind: "supporting"));
        var email = await _scenario.CreateLiveServiceAsync(Scenario.ServiceBody(dependsOn: [storage.Id()]));
        var customer = await _scenario.CreateCustomerAsync();
        await _scenario.SubscribeAsync(customer.Id(), email.Id(), 3);
        var metric = await (await admin.GetAsync("/api/v1/metrics?limit=1")).ExpectAsync(HttpStatusCode.OK);
        var integrator = await _scenario.ClientForAsync("integrator");
        var n = await NegotiationScenario.StartAsync(factory);
        var proposal = await n.ProposeAsync();
        var analysis = await n.AnalyseAsync(proposal.Id(), NegotiationScenario.Analysis(4_000m, NegotiationScenario.CounterOffer()));
        var agreed = await n.AgreeAsync(monthlyCostDelta: 300m);
        var agreementId = agreed["agreementId"].Value<string>();

        var checks = new (string Method, string Template, Func<Task<HttpResponseMessage>> Send)[]
        {
            ("get", "/api/v1/services", () => admin.GetAsync("/api/v1/services?limit=1")),
            ("post", "/api/v1/services", () => admin.PostJsonAsync("/api/v1/services", Scenario.ServiceBody())),
            ("post", "/api/v1/services", () => admin.PostJsonAsync("/api/v1/services", new { key = "Bad" })),
            ("post", "/api/v1/services", () => admin.PostJsonAsync("/api/v1/services", Scenario.ServiceBody(storage["key"].Value<string>()))),
            ("post", "/api/v1/services", () => integrator.PostJsonAsync("/api/v1/services", Scenario.ServiceBody())),
            ("post", "/api/v1/services", () => factory.ClientWithKey(null).PostJsonAsync("/api/v1/services", Scenario.ServiceBody())),
            ("get", "/api/v1/services/{id}", () => admin.GetAsync($"/api/v1/services/{email.Id()}")),
            ("get", "/api/v1/services/{id}", () => admin.GetAsync($"/api/v1/services/{Guid.CreateVersion7()}")),
            ("put", "/api/v1/services/{id}", () => admin.PutJsonAsync($"/api/v1/services/{email.Id()}", Scenario.ServiceBody(email["key"].Value<string>()))),
            ("put", "/api/v1/services/{id}", () => admin.PutJsonAsync($"/api/v1/services/{email.Id()}", Scenario.ServiceBody(email["key"].Value<string>()), "\"99\"")),
            ("post", "/api/v1/services/{id}/lifecycle", () => admin.PostJsonAsync($"/api/v1/services/{email.Id()}/lifecycle", new { lifecycle = "pipeline" })),
            ("get", "/api/v1/services/{id}/impact", () => admin.GetAsync($"/api/v1/services/{storage.Id()}/impact")),
            ("get", "/api/v1/services/{id}/cost-comparison", () => admin.GetAsync($"/api/v1/services/{email.Id()}/cost-comparison?units=7")),
            ("get", "/api/v1/services/{id}/cost-comparison", () => admin.GetAsync($"/api/v1/services/{email.Id()}/cost-comparison")),
            ("get", "/api/v1/customers", () => admin.GetAsync("/api/v1/customers")),
            ("get", "/api/v1/customers/{id}", () => admin.GetAsync($"/api/v1/customers/{customer.Id()}")),
            ("post", "/api/v1/customers", () => admin.PostJsonAsync("/api/v1/customers", Scenario.CustomerBody())),
            ("get", "/api/v1/customers/{id}/subscriptions", () => admin.GetAsync($"/api/v1/customers/{customer.Id()}/subscriptions")),
            ("put", "/api/v1/customers/{id}/subscriptions", () => admin.PutJsonAsync($"/api/v1/customers/{customer.Id()}/subscriptions", new { serviceId = storage.Id(), units = 2 })),
            ("put", "/api/v1/customers/{id}/subscriptions", () => admin.PutJsonAsync($"/api/v1/customers/{customer.Id()}/subscriptions", new { serviceId = email.Id(), units = 2 })),
            ("get", "/api/v1/customers/{id}/charges", () => admin.GetAsync($"/api/v1/customers/{customer.Id()}/charges")),
            ("get", "/api/v1/metrics", () => admin.GetAsync("/api/v1/metrics")),
            ("get", "/api/v1/metrics/{id}", () => admin.GetAsync($"/api/v1/metrics/{metric["items"]![0]!.AsObject().Id()}")),
            ("post", "/api/v1/api-keys", () => admin.PostJsonAsync("/api/v1/api-keys", new { name = "ci", role = "integrator" })),
            ("get", "/api/v1/api-keys", () => admin.GetAsync("/api/v1/api-keys")),
            ("get", "/api/v1/proposals", () => n.CustomerClient.GetAsync("/api/v1/proposals")),
            ("post", "/api/v1/proposals", () => n.CustomerClient.PostJsonAsync("/api/v1/proposals", new { serviceId = n.Service.Id(), title = "t", businessJustification = "b", targets = NegotiationScenario.Targets() })),
            ("post", "/api/v1/proposals", () => n.CustomerClient.PostJsonAsync("/api/v1/proposals", new { title = "t" })),
            ("get", "/api/v1/proposals/{id}", () => n.CustomerClient.GetAsync($"/api/v1/proposals/{proposal.Id()}")),
            ("get", "/api/v1/proposals/{id}/analyses", () => n.CustomerClient.GetAsync($"/api/v1/proposals/{proposal.Id()}/analyses")),
            ("get", "/api/v1/proposals/{id}/analyses/{analysisId}", () => n.CustomerClient.GetAsync($"/api/v1/proposals/{proposal.Id()}/analyses/{analysis.Id()}")),
            ("post", "/api/v1/proposals/{id}/submission", () => n.CustomerClient.PostAsync($"/api/v1/proposals/{proposal.Id()}/submission", null)),
            ("post", "/api/v1/proposals/{id}/acceptance", () => n.AcceptAsync(proposal.Id(), analysis.Id(), "counter-offer", 1m)),
            ("post", "/api/v1/proposals/{id}/acceptance", () => n.ItLead.PostJsonAsync($"/api/v1/proposals/{proposal.Id()}/acceptance", new { analysisId = analysis.Id(), option = "proposed", monthlyCharge = 4_000m, signedBy = NegotiationScenario.Signer })),
            ("get", "/api/v1/proposals/{id}/timeline", () => n.CustomerClient.GetAsync($"/api/v1/proposals/{proposal.Id()}/timeline")),
            ("get", "/api/v1/agreements", () => n.CustomerClient.GetAsync("/api/v1/agreements")),
            ("get", "/api/v1/agreements/{id}", () => n.CustomerClient.GetAsync($"/api/v1/agreements/{agreementId}")),
            ("get", "/api/v1/agreements/{id}/versions", () => n.CustomerClient.GetAsync($"/api/v1/agreements/{agreementId}/versions")),
            ("get", "/api/v1/agreements/{id}/versions/{number}", () => n.CustomerClient.GetAsync($"/api/v1/agreements/{agreementId}/versions/1")),
            ("get", "/api/v1/agreements/{id}/versions/{number}/diff", () => n.CustomerClient.GetAsync($"/api/v1/agreements/{agreementId}/versions/1/diff")),
            ("post", "/api/v1/agreements/{id}/termination", () => n.CustomerClient.PostJsonAsync($"/api/v1/agreements/{agreementId}/termination", new { reason = "Moving to a vendor." })),
            ("post", "/api/v1/agreements/{id}/termination", () => n.CustomerClient.PostJsonAsync($"/api/v1/agreements/{agreementId}/termination", new { reason = "Again." })),
            ("post", "/api/v1/proposals/{id}/analyses", () => n.ItLead.PostJsonAsync($"/api/v1/proposals/{proposal.Id()}/analyses", NegotiationScenario.Analysis())),
        };

        foreach (var (method, template, send) in checks)
        {
            await CommittedOpenApi.ExpectDocumentedAsync(method, template, await send());
        }
    }
}
