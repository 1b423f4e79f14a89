using System.Net;
using System.Text.Json.Nodes;

namespace Catalog.Api.IntegrationTests.Infrastructure;

/// <summary>Builds catalog data through the API itself, with unique keys so tests sharing a database never collide.</summary>
public sealed class Scenario(CatalogApiFactory factory)
{
    public HttpClient Admin { get; } = factory.ClientWithKey();

    public static object ServiceBody(
        string? key = null,
        string kind = "business",
        IEnumerable<Guid>? dependsOn = null,
        decimal unitCost = 4.5m,
        string currency = "EUR",
        object[]? alternatives = null,
        string? name = null,
        string category = "collaboration") => new
        {
            key = key ?? TestApi.Unique("svc"),
            name = name ?? "Corporate Email",
            summary = "Email for every employee, on every device.",
            description = "Exchange-compatible mailboxes with 50 GB each.",
            category,
            owner = new { team = "Workplace Services", contact = "workplace@example.com" },
            kind,
            dependsOn = dependsOn?.ToArray() ?? [],
            cost = new { unit = "mailbox", unitCostPerMonth = unitCost, currency },
            alternatives = alternatives ?? [new { name = "Hosted email", unitCostPerMonth = 3.2m, currency = "EUR", note = "Vendor-hosted" }],
        };

    public async Task<JsonObject> CreateServiceAsync(object? body = null) =>
        await (await Admin.PostJsonAsync("/api/v1/services", body ?? ServiceBody())).ExpectAsync(HttpStatusCode.Created);

    public async Task<JsonObject> CreateLiveServiceAsync(object? body = null)
    {
        var service = await CreateServiceAsync(body);
        return await MoveAsync(service.Id(), "live");
    }

    public async Task<JsonObject> MoveAsync(Guid serviceId, string lifecycle) =>
        await (await Admin.PostJsonAsync($"/api/v1/services/{serviceId}/lifecycle", new { lifecycle })).ExpectAsync(HttpStatusCode.OK);

    public static object CustomerBody(string? key = null, string name = "Sales Division") => new
    {
        key = key ?? TestApi.Unique("cust"),
        name,
        costCenter = "CC-4711",
        contactEmail = "sales-it@example.com",
    };

    public async Task<JsonObject> CreateCustomerAsync(object? body = null) =>
        await (await Admin.PostJsonAsync("/api/v1/customers", body ?? CustomerBody())).ExpectAsync(HttpStatusCode.Created);

    public async Task<JsonObject> SubscribeAsync(Guid customerId, Guid serviceId, int units) =>
        await (await Admin.PutJsonAsync($"/api/v1/customers/{customerId}/subscriptions", new { serviceId, units })).ExpectAsync(HttpStatusCode.Created);

    /// <summary>Issues a key with the role and returns its secret.</summary>
    public async Task<string> IssueKeyAsync(string role, Guid? customerId = null)
    {
        var key = await (await Admin.PostJsonAsync("/api/v1/api-keys", new { name = TestApi.Unique(role), role, customerId })).ExpectAsync(HttpStatusCode.Created);
        return key["key"].Value<string>();
    }

    public async Task<HttpClient> ClientForAsync(string role, Guid? customerId = null)
    {
        if (role == "customer" && customerId is null)
        {
            customerId = (await CreateCustomerAsync()).Id();
        }

        return factory.ClientWithKey(await IssueKeyAsync(role, customerId));
    }
}
