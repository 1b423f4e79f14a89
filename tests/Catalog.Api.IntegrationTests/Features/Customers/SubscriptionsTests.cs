using System.Net;
using System.Text.Json.Nodes;
using Catalog.Api.IntegrationTests.Infrastructure;

namespace Catalog.Api.IntegrationTests.Features.Customers;

/// <remarks>
/// A subscription's ETag is its version plus its service's (the representation joins the service): for a live
/// service (version 2) a new subscription's ETag is "3", and for a retired one (version 3) it is "4".
/// </remarks>
public sealed class SubscriptionsTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private readonly Scenario _scenario = new(factory);

    private HttpClient Admin => _scenario.Admin;

    [SkippableFact]
    public async Task PutSubscription_FirstTime_Returns201WithLocationETagAndBody()
    {
        var customer = await _scenario.CreateCustomerAsync();
        var service = await _scenario.CreateLiveServiceAsync();

        var response = await Admin.PutJsonAsync(SubscriptionsPath(customer), new { serviceId = service.Id(), units = 120 });

        var body = await response.ExpectAsync(HttpStatusCode.Created);
        AssertJson(response);
        Assert.Equal($"/api/v1/customers/{customer.Id()}/subscriptions/{service.Id()}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"3\"", response.ETag());
        Assert.Equal(customer.Id().ToString(), body["customerId"].Value<string>());
        Assert.Equal(service.Id().ToString(), body["serviceId"].Value<string>());
        Assert.Equal(service["key"].Value<string>(), body["serviceKey"].Value<string>());
        Assert.Equal(service["name"].Value<string>(), body["serviceName"].Value<string>());
        Assert.Equal("mailbox", body["unit"].Value<string>());
        Assert.Equal(120, body["units"].Value<int>());
        Assert.Equal(3, body["version"].Value<int>());
        Assert.EndsWith("Z", body["createdAt"].Value<string>(), StringComparison.Ordinal);

        var read = await Admin.GetAsync(response.Headers.Location!.OriginalString);
        Assert.Equal(body.ToJsonString(), (await read.ExpectAsync(HttpStatusCode.OK)).ToJsonString());
        AssertJson(read);
        Assert.Equal("\"3\"", read.ETag());
    }

    [SkippableFact]
    public async Task PutSubscription_ChangeUnitsWithoutIfMatch_Returns428PreconditionRequired()
    {
        var (customer, service) = await SubscribedAsync(10);

        var response = await Admin.PutJsonAsync(SubscriptionsPath(customer), new { serviceId = service.Id(), units = 20 });

        await response.ExpectProblemAsync((HttpStatusCode)428, "precondition-required");
        await AssertUnitsAsync(customer, service, 10, "\"3\"");
    }

    [SkippableFact]
    public async Task PutSubscription_ChangeUnitsWithStaleIfMatch_Returns412PreconditionFailed()
    {
        var (customer, service) = await SubscribedAsync(10);
        (await Admin.PutJsonAsync(SubscriptionsPath(customer), new { serviceId = service.Id(), units = 15 }, ifMatch: "\"3\"")).EnsureSuccessStatusCode();

        var response = await Admin.PutJsonAsync(SubscriptionsPath(customer), new { serviceId = service.Id(), units = 20 }, ifMatch: "\"3\"");

        await response.ExpectProblemAsync(HttpStatusCode.PreconditionFailed, "precondition-failed");
        await AssertUnitsAsync(customer, service, 15, "\"4\"");
    }

    [SkippableFact]
    public async Task PutSubscription_ChangeUnitsWithCurrentIfMatch_Returns200WithNewETag()
    {
        var (customer, service) = await SubscribedAsync(10);
        var etag = (await Admin.GetAsync(SubscriptionPath(customer, service))).ETag();

        var response = await Admin.PutJsonAsync(SubscriptionsPath(customer), new { serviceId = service.Id(), units = 25 }, ifMatch: etag);

        var body = await response.ExpectAsync(HttpStatusCode.OK);
        AssertJson(response);
        Assert.Null(response.Headers.Location);
        Assert.Equal("\"4\"", response.ETag());
        Assert.Equal(25, body["units"].Value<int>());
        Assert.Equal(4, body["version"].Value<int>());
        await AssertUnitsAsync(customer, service, 25, "\"4\"");
    }

    [SkippableFact]
    public async Task PutSubscription_ZeroUnitsWithCurrentIfMatch_Returns200AndKeepsSubscription()
    {
        var (customer, service) = await SubscribedAsync(10);

        var response = await Admin.PutJsonAsync(SubscriptionsPath(customer), new { serviceId = service.Id(), units = 0 }, ifMatch: "\"3\"");

        var body = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, body["units"].Value<int>());
        await AssertUnitsAsync(customer, service, 0, "\"4\"");
    }

    [SkippableFact]
    public async Task PutSubscription_PipelineService_Returns409ServiceNotLive()
    {
        var customer = await _scenario.CreateCustomerAsync();
        var service = await _scenario.CreateServiceAsync();

        var response = await Admin.PutJsonAsync(SubscriptionsPath(customer), new { serviceId = service.Id(), units = 5 });

        await response.ExpectProblemAsync(HttpStatusCode.Conflict, "service-not-live");
        await (await Admin.GetAsync(SubscriptionPath(customer, service))).ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [SkippableFact]
    public async Task PutSubscription_RetiredServiceMoreUnits_Returns409ServiceRetired()
    {
        var (customer, service) = await SubscribedAsync(10);
        await _scenario.MoveAsync(service.Id(), "retired");

        var grow = await Admin.PutJsonAsync(SubscriptionsPath(customer), new { serviceId = service.Id(), units = 11 }, ifMatch: "\"4\"");
        await grow.ExpectProblemAsync(HttpStatusCode.Conflict, "service-retired");

        var shrink = await Admin.PutJsonAsync(SubscriptionsPath(customer), new { serviceId = service.Id(), units = 4 }, ifMatch: "\"4\"");
        Assert.Equal(4, (await shrink.ExpectAsync(HttpStatusCode.OK))["units"].Value<int>());
        Assert.Equal("\"5\"", shrink.ETag());
    }

    [SkippableFact]
    public async Task PutSubscription_UnknownService_Returns400NamingServiceId()
    {
        var customer = await _scenario.CreateCustomerAsync();

        var response = await Admin.PutJsonAsync(SubscriptionsPath(customer), new { serviceId = Guid.NewGuid(), units = 5 });

        await response.ExpectValidationAsync("serviceId");
    }

    [SkippableFact]
    public async Task PutSubscription_MissingServiceId_Returns400NamingServiceId()
    {
        var customer = await _scenario.CreateCustomerAsync();

        var response = await Admin.PutJsonAsync(SubscriptionsPath(customer), new { units = 5 });

        await response.ExpectValidationAsync("serviceId");
    }

    [SkippableTheory]
    [InlineData(-1)]
    [InlineData(10_000_001)]
    public async Task PutSubscription_UnitsOutOfRange_Returns400NamingUnits(int units)
    {
        var customer = await _scenario.CreateCustomerAsync();
        var service = await _scenario.CreateLiveServiceAsync();

        var response = await Admin.PutJsonAsync(SubscriptionsPath(customer), new { serviceId = service.Id(), units });

        await response.ExpectValidationAsync("units");
        await (await Admin.GetAsync(SubscriptionPath(customer, service))).ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [SkippableFact]
    public async Task PutSubscription_UnknownCustomer_Returns404Problem()
    {
        var service = await _scenario.CreateLiveServiceAsync();

        var response = await Admin.PutJsonAsync($"/api/v1/customers/{Guid.NewGuid()}/subscriptions", new { serviceId = service.Id(), units = 5 });

        await response.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [SkippableTheory]
    [InlineData("it-lead")]
    [InlineData("integrator")]
    [InlineData("customer")]
    public async Task PutSubscription_NonAdminRole_Returns403Forbidden(string role)
    {
        var customer = await _scenario.CreateCustomerAsync();
        var service = await _scenario.CreateLiveServiceAsync();
        var client = role == "customer"
            ? await _scenario.ClientForAsync(role, customer.Id())
            : await _scenario.ClientForAsync(role);

        var response = await client.PutJsonAsync(SubscriptionsPath(customer), new { serviceId = service.Id(), units = 5 });

        await response.ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await Admin.GetAsync(SubscriptionPath(customer, service))).ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [SkippableFact]
    public async Task ListSubscriptions_SeveralServices_ReturnsEachWithUnits()
    {
        var customer = await _scenario.CreateCustomerAsync();
        var units = new Dictionary<Guid, int>();
        for (var i = 1; i <= 3; i++)
        {
            var service = await _scenario.CreateLiveServiceAsync();
            await _scenario.SubscribeAsync(customer.Id(), service.Id(), i * 10);
            units[service.Id()] = i * 10;
        }

        var response = await Admin.GetAsync(SubscriptionsPath(customer));

        var page = await response.ExpectAsync(HttpStatusCode.OK);
        AssertJson(response);
        Assert.Null(page["nextCursor"]);
        Assert.Null(response.NextLink());
        var items = Items(page);
        Assert.Equal(units.Keys.Order(), items.Select(i => Guid.Parse(i["serviceId"].Value<string>())).Order());
        Assert.All(items, i => Assert.Equal(units[Guid.Parse(i["serviceId"].Value<string>())], i["units"].Value<int>()));
        Assert.All(items, i => Assert.Equal(customer.Id().ToString(), i["customerId"].Value<string>()));
    }

    [SkippableFact]
    public async Task ListSubscriptions_Limit1_PagesThroughLinkHeaderWithoutDuplicates()
    {
        var customer = await _scenario.CreateCustomerAsync();
        var serviceIds = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var service = await _scenario.CreateLiveServiceAsync();
            await _scenario.SubscribeAsync(customer.Id(), service.Id(), 1);
            serviceIds.Add(service.Id());
        }

        var seen = new List<Guid>();
        string? next = SubscriptionsPath(customer) + "?limit=1";
        while (next is not null)
        {
            Assert.True(seen.Count < 10, "Paging did not end.");
            var response = await Admin.GetAsync(next);
            var page = await response.ExpectAsync(HttpStatusCode.OK);
            var cursor = page["nextCursor"]?.GetValue<string>();
            next = response.NextLink();
            Assert.Equal(cursor is null, next is null);
            seen.AddRange(Items(page).Select(i => Guid.Parse(i["serviceId"].Value<string>())));
        }

        Assert.Equal(serviceIds.Count, seen.Distinct().Count());
        Assert.Equal(serviceIds.Order(), seen.Order());
    }

    [SkippableFact]
    public async Task ListSubscriptions_UnknownCustomer_Returns404Problem()
    {
        var response = await Admin.GetAsync($"/api/v1/customers/{Guid.NewGuid()}/subscriptions");

        await response.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [SkippableFact]
    public async Task GetSubscription_IfNoneMatchCurrentETag_Returns304WithETagAndNoBody()
    {
        var (customer, service) = await SubscribedAsync(10);

        var response = await Admin.GetAsync(SubscriptionPath(customer, service), ifNoneMatch: "\"3\"");

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal("\"3\"", response.ETag());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [SkippableFact]
    public async Task GetSubscription_NotSubscribed_Returns404Problem()
    {
        var customer = await _scenario.CreateCustomerAsync();
        var service = await _scenario.CreateLiveServiceAsync();

        var response = await Admin.GetAsync(SubscriptionPath(customer, service));

        await response.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [SkippableFact]
    public async Task ListSubscriptions_CustomerKeyOwnCustomer_Returns200()
    {
        var (customer, service) = await SubscribedAsync(7);
        var client = await _scenario.ClientForAsync("customer", customer.Id());

        var response = await client.GetAsync(SubscriptionsPath(customer));

        var list = await response.ExpectAsync(HttpStatusCode.OK);
        AssertJson(response);
        Assert.Equal(service.Id().ToString(), Assert.Single(Items(list))["serviceId"].Value<string>());
    }

    [SkippableFact]
    public async Task GetSubscription_CustomerKeyOwnCustomer_Returns200WithETag()
    {
        var (customer, service) = await SubscribedAsync(7);
        var client = await _scenario.ClientForAsync("customer", customer.Id());

        var response = await client.GetAsync(SubscriptionPath(customer, service));

        Assert.Equal(7, (await response.ExpectAsync(HttpStatusCode.OK))["units"].Value<int>());
        AssertJson(response);
        Assert.Equal("\"3\"", response.ETag());
    }

    [SkippableFact]
    public async Task ReadSubscriptions_CustomerKeyOtherCustomer_Returns404NotForbidden()
    {
        var (other, service) = await SubscribedAsync(7);
        var own = await _scenario.CreateCustomerAsync();
        var client = await _scenario.ClientForAsync("customer", own.Id());

        await (await client.GetAsync(SubscriptionsPath(other))).ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await client.GetAsync(SubscriptionPath(other, service))).ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [SkippableTheory]
    [InlineData("it-lead")]
    [InlineData("integrator")]
    public async Task ListSubscriptions_StaffRole_Returns200(string role)
    {
        var (customer, service) = await SubscribedAsync(3);
        var client = await _scenario.ClientForAsync(role);

        var response = await client.GetAsync(SubscriptionsPath(customer));

        var list = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(service.Id().ToString(), Assert.Single(Items(list))["serviceId"].Value<string>());
    }

    [SkippableTheory]
    [InlineData("it-lead")]
    [InlineData("integrator")]
    public async Task GetSubscription_StaffRole_Returns200(string role)
    {
        var (customer, service) = await SubscribedAsync(3);
        var client = await _scenario.ClientForAsync(role);

        var response = await client.GetAsync(SubscriptionPath(customer, service));

        Assert.Equal(3, (await response.ExpectAsync(HttpStatusCode.OK))["units"].Value<int>());
        Assert.Equal("\"3\"", response.ETag());
    }

    [SkippableTheory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("cursor=not-ours", "cursor")]
    public async Task ListSubscriptions_InvalidPaging_Returns400NamingTheParameter(string query, string field)
    {
        var (customer, _) = await SubscribedAsync(1);

        var response = await Admin.GetAsync($"{SubscriptionsPath(customer)}?{query}");

        await response.ExpectValidationAsync(field);
    }

    [SkippableFact]
    public async Task ListSubscriptions_NoKey_Returns401WithBearerChallenge()
    {
        var customer = await _scenario.CreateCustomerAsync();

        var response = await factory.ClientWithKey(null).GetAsync(SubscriptionsPath(customer));

        await response.ExpectProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    private async Task<(JsonObject Customer, JsonObject Service)> SubscribedAsync(int units)
    {
        var customer = await _scenario.CreateCustomerAsync();
        var service = await _scenario.CreateLiveServiceAsync();
        await _scenario.SubscribeAsync(customer.Id(), service.Id(), units);
        return (customer, service);
    }

    private async Task AssertUnitsAsync(JsonObject customer, JsonObject service, int units, string etag)
    {
        var read = await Admin.GetAsync(SubscriptionPath(customer, service));
        Assert.Equal(units, (await read.ExpectAsync(HttpStatusCode.OK))["units"].Value<int>());
        Assert.Equal(etag, read.ETag());
    }

    private static string SubscriptionsPath(JsonObject customer) => $"/api/v1/customers/{customer.Id()}/subscriptions";

    private static string SubscriptionPath(JsonObject customer, JsonObject service) => $"{SubscriptionsPath(customer)}/{service.Id()}";

    private static void AssertJson(HttpResponseMessage response) =>
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);

    private static List<JsonObject> Items(JsonObject page) => page["items"]!.AsArray().Select(i => i!.AsObject()).ToList();

    [SkippableFact]
    public async Task GetSubscription_ServiceRenamed_ETagChangesSoNo304()
    {
        var (customer, service) = await SubscribedAsync(5);
        var before = await Admin.GetAsync(SubscriptionPath(customer, service));
        var current = await (await Admin.GetAsync($"/api/v1/services/{service.Id()}")).ExpectAsync(HttpStatusCode.OK);
        await (await Admin.PutJsonAsync($"/api/v1/services/{service.Id()}", Scenario.ServiceBody(service["key"].Value<string>(), name: "Renamed"), $"\"{current["version"].Value<int>()}\""))
            .ExpectAsync(HttpStatusCode.OK);

        var after = await Admin.GetAsync(SubscriptionPath(customer, service), ifNoneMatch: before.ETag());

        var body = await after.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Renamed", body["serviceName"].Value<string>());
        Assert.NotEqual(before.ETag(), after.ETag());
    }
}
