using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Catalog.Api.IntegrationTests.Infrastructure;

namespace Catalog.Api.IntegrationTests.Features.Customers;

public sealed class ChargesTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private readonly Scenario _scenario = new(factory);

    private HttpClient Admin => _scenario.Admin;

    [SkippableFact]
    public async Task GetCharges_SubscriptionsInTwoCurrencies_ReturnsLinePerServiceAndTotalPerCurrency()
    {
        var customer = await _scenario.CreateCustomerAsync();
        var email = await _scenario.CreateLiveServiceAsync(Scenario.ServiceBody(unitCost: 4.5m, currency: "EUR"));
        var reports = await _scenario.CreateLiveServiceAsync(Scenario.ServiceBody(unitCost: 1.333m, currency: "EUR"));
        var cloud = await _scenario.CreateLiveServiceAsync(Scenario.ServiceBody(unitCost: 2.5m, currency: "USD"));
        await _scenario.SubscribeAsync(customer.Id(), email.Id(), 10);
        await _scenario.SubscribeAsync(customer.Id(), reports.Id(), 7);
        await _scenario.SubscribeAsync(customer.Id(), cloud.Id(), 4);

        var response = await Admin.GetAsync(ChargesPath(customer));

        var body = await response.ExpectAsync(HttpStatusCode.OK);
        AssertJson(response);
        Assert.False(string.IsNullOrEmpty(response.ETag()));
        Assert.Equal(customer.Id().ToString(), body["customerId"].Value<string>());
        var lines = Lines(body);
        Assert.Equal(3, lines.Count);

        var emailLine = lines[email.Id()];
        Assert.Equal(email["key"].Value<string>(), emailLine["serviceKey"].Value<string>());
        Assert.Equal(email["name"].Value<string>(), emailLine["serviceName"].Value<string>());
        Assert.Equal("mailbox", emailLine["unit"].Value<string>());
        Assert.Equal(10, emailLine["units"].Value<int>());
        Assert.Equal(4.5m, emailLine["unitCostPerMonth"].Value<decimal>());
        Assert.Equal("EUR", emailLine["currency"].Value<string>());
        Assert.Equal(45.00m, emailLine["monthlyCost"].Value<decimal>());

        // 7 × 1.333 = 9.331, rounded to the cent.
        Assert.Equal(9.33m, lines[reports.Id()]["monthlyCost"].Value<decimal>());
        Assert.Equal(1.333m, lines[reports.Id()]["unitCostPerMonth"].Value<decimal>());
        Assert.Equal(10.00m, lines[cloud.Id()]["monthlyCost"].Value<decimal>());
        Assert.Equal("USD", lines[cloud.Id()]["currency"].Value<string>());

        // Euros and dollars are never added together.
        var totals = Totals(body);
        Assert.Equal(2, totals.Count);
        Assert.Equal(54.33m, totals["EUR"]);
        Assert.Equal(10.00m, totals["USD"]);
    }

    [SkippableFact]
    public async Task GetCharges_HalfCentLines_RoundEachLineHalfAwayFromZeroAndTotalTheLines()
    {
        var customer = await _scenario.CreateCustomerAsync();
        var first = await _scenario.CreateLiveServiceAsync(Scenario.ServiceBody(unitCost: 0.335m));
        var second = await _scenario.CreateLiveServiceAsync(Scenario.ServiceBody(unitCost: 0.335m));
        await _scenario.SubscribeAsync(customer.Id(), first.Id(), 3);
        await _scenario.SubscribeAsync(customer.Id(), second.Id(), 3);

        var response = await Admin.GetAsync(ChargesPath(customer));

        // 3 × 0.335 = 1.005 per line; the total is what the lines add up to, so the statement adds up.
        var body = await response.ExpectAsync(HttpStatusCode.OK);
        var lines = Lines(body);
        Assert.Equal(1.01m, lines[first.Id()]["monthlyCost"].Value<decimal>());
        Assert.Equal(1.01m, lines[second.Id()]["monthlyCost"].Value<decimal>());
        Assert.Equal(2.02m, Totals(body)["EUR"]);
    }

    [SkippableFact]
    public async Task GetCharges_ZeroUnitSubscription_IsLeftOut()
    {
        var customer = await _scenario.CreateCustomerAsync();
        var used = await _scenario.CreateLiveServiceAsync(Scenario.ServiceBody(unitCost: 3m));
        var unused = await _scenario.CreateLiveServiceAsync(Scenario.ServiceBody(unitCost: 100m));
        await _scenario.SubscribeAsync(customer.Id(), used.Id(), 2);
        await _scenario.SubscribeAsync(customer.Id(), unused.Id(), 0);

        var response = await Admin.GetAsync(ChargesPath(customer));

        var body = await response.ExpectAsync(HttpStatusCode.OK);
        var lines = Lines(body);
        Assert.Equal([used.Id()], lines.Keys);
        Assert.Equal(6m, Assert.Single(Totals(body)).Value);
    }

    [SkippableFact]
    public async Task GetCharges_NoSubscriptions_ReturnsNoLinesAndNoTotals()
    {
        var customer = await _scenario.CreateCustomerAsync();

        var response = await Admin.GetAsync(ChargesPath(customer));

        var body = await response.ExpectAsync(HttpStatusCode.OK);
        AssertJson(response);
        Assert.Equal(customer.Id().ToString(), body["customerId"].Value<string>());
        Assert.Empty(body["services"]!.AsArray());
        Assert.Empty(body["totals"]!.AsArray());
    }

    [SkippableFact]
    public async Task GetCharges_IfNoneMatchCurrentETag_Returns304UntilUnitsChange()
    {
        var customer = await _scenario.CreateCustomerAsync();
        var service = await _scenario.CreateLiveServiceAsync();
        await _scenario.SubscribeAsync(customer.Id(), service.Id(), 2);
        var first = await Admin.GetAsync(ChargesPath(customer));
        await first.ExpectAsync(HttpStatusCode.OK);
        var etag = first.ETag();
        Assert.False(first.Headers.ETag!.IsWeak);

        var notModified = await Admin.GetAsync(ChargesPath(customer), ifNoneMatch: etag);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag, notModified.ETag());
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        (await Admin.PutJsonAsync(
            $"/api/v1/customers/{customer.Id()}/subscriptions",
            new { serviceId = service.Id(), units = 3 },
            ifMatch: "\"3\"")).EnsureSuccessStatusCode();

        var changed = await Admin.GetAsync(ChargesPath(customer), ifNoneMatch: etag);
        var body = await changed.ExpectAsync(HttpStatusCode.OK);
        Assert.NotEqual(etag, changed.ETag());
        Assert.Equal(13.5m, Assert.Single(Totals(body)).Value);
    }

    [SkippableFact]
    public async Task GetCharges_UnknownCustomer_Returns404Problem()
    {
        var response = await Admin.GetAsync($"/api/v1/customers/{Guid.NewGuid()}/charges");

        await response.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [SkippableFact]
    public async Task GetCharges_CustomerKeyOwnCustomer_Returns200()
    {
        var customer = await _scenario.CreateCustomerAsync();
        var service = await _scenario.CreateLiveServiceAsync();
        await _scenario.SubscribeAsync(customer.Id(), service.Id(), 4);
        var client = await _scenario.ClientForAsync("customer", customer.Id());

        var response = await client.GetAsync(ChargesPath(customer));

        var body = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.False(string.IsNullOrEmpty(response.ETag()));
        Assert.Equal(18m, Lines(body)[service.Id()]["monthlyCost"].Value<decimal>());
    }

    [SkippableFact]
    public async Task GetCharges_CustomerKeyOtherCustomer_Returns404NotForbidden()
    {
        var own = await _scenario.CreateCustomerAsync();
        var other = await _scenario.CreateCustomerAsync();
        var service = await _scenario.CreateLiveServiceAsync();
        await _scenario.SubscribeAsync(other.Id(), service.Id(), 4);
        var client = await _scenario.ClientForAsync("customer", own.Id());

        var response = await client.GetAsync(ChargesPath(other));

        await response.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [SkippableTheory]
    [InlineData("it-lead")]
    [InlineData("integrator")]
    public async Task GetCharges_StaffRole_Returns200(string role)
    {
        var customer = await _scenario.CreateCustomerAsync();
        var service = await _scenario.CreateLiveServiceAsync();
        await _scenario.SubscribeAsync(customer.Id(), service.Id(), 1);
        var client = await _scenario.ClientForAsync(role);

        var response = await client.GetAsync(ChargesPath(customer));

        var body = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(4.5m, Assert.Single(Totals(body)).Value);
    }

    [SkippableFact]
    public async Task GetCharges_VersionStartingThisMonth_ChargesItProRataAndListsTheNextVersionAsUpcoming()
    {
        var n = await NegotiationScenario.StartAsync(factory);
        var today = DateTime.UtcNow.Date;
        var v1 = await n.AgreeAsync(monthlyCostDelta: 3_100m, leadTimeDays: 0);
        await n.AgreeAsync(NegotiationScenario.Targets(99.995m), 900m, leadTimeDays: 400);
        var daysInMonth = DateTime.DaysInMonth(today.Year, today.Month);
        var days = daysInMonth - today.Day + 1;

        var body = await (await n.CustomerClient.GetAsync($"/api/v1/customers/{n.Customer.Id()}/charges")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(today.ToString("yyyy-MM", CultureInfo.InvariantCulture), body["month"].Value<string>());
        var line = Assert.Single(body["agreements"]!.AsArray())!;
        Assert.Equal(v1["agreementId"].Value<string>(), line["agreementId"].Value<string>());
        Assert.Equal(1, line["version"].Value<int>());
        Assert.Equal(today, line["inForceFrom"].Value<DateTime>().ToUniversalTime());
        Assert.Equal(today.AddDays(400), line["inForceUntil"].Value<DateTime>().ToUniversalTime());
        Assert.Equal((days, daysInMonth), (line["days"].Value<int>(), line["daysInMonth"].Value<int>()));
        Assert.Equal(3_100m, line["monthlyCharge"].Value<decimal>());
        var amount = Math.Round(3_100m * days / daysInMonth, 2, MidpointRounding.AwayFromZero);
        Assert.Equal(amount, line["amount"].Value<decimal>());
        var upcoming = Assert.Single(body["upcoming"]!.AsArray())!;
        Assert.Equal((2, 4_000m), (upcoming["version"].Value<int>(), upcoming["monthlyCharge"].Value<decimal>()));
        Assert.Equal(today.AddDays(400), upcoming["effectiveFrom"].Value<DateTime>().ToUniversalTime());
        Assert.Equal((60 * 950m) + amount, Assert.Single(Totals(body)).Value);
    }

    [SkippableFact]
    public async Task GetCharges_Month_CountsOnlyTheVersionsInForceThen()
    {
        var n = await NegotiationScenario.StartAsync(factory);
        var today = DateTime.UtcNow.Date;
        await n.AgreeAsync(monthlyCostDelta: 3_100m, leadTimeDays: 0);
        await n.AgreeAsync(NegotiationScenario.Targets(99.995m), 900m, leadTimeDays: 400);
        string Month(DateTime day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var path = $"/api/v1/customers/{n.Customer.Id()}/charges";

        var before = await (await n.CustomerClient.GetAsync($"{path}?month={Month(today.AddMonths(-1))}")).ExpectAsync(HttpStatusCode.OK);
        var between = await (await n.CustomerClient.GetAsync($"{path}?month={Month(today.AddMonths(2))}")).ExpectAsync(HttpStatusCode.OK);
        var after = await (await n.CustomerClient.GetAsync($"{path}?month={Month(today.AddDays(400).AddMonths(1))}")).ExpectAsync(HttpStatusCode.OK);

        Assert.Empty(before["agreements"]!.AsArray());
        Assert.Equal([1, 2], before["upcoming"]!.AsArray().Select(u => u!["version"].Value<int>()));
        Assert.Equal((1, 3_100m), (Assert.Single(between["agreements"]!.AsArray())!["version"].Value<int>(), between["agreements"]![0]!["amount"].Value<decimal>()));
        Assert.Equal((2, 4_000m), (Assert.Single(after["agreements"]!.AsArray())!["version"].Value<int>(), after["agreements"]![0]!["amount"].Value<decimal>()));
        Assert.Empty(after["upcoming"]!.AsArray());
        Assert.Equal((60 * 950m) + 4_000m, Assert.Single(Totals(after)).Value);
    }

    [SkippableTheory]
    [InlineData("2026-13")]
    [InlineData("202612")]
    [InlineData("2026-12-01")]
    [InlineData("last")]
    [InlineData("9999-12")]
    public async Task GetCharges_MonthNotYearDashMonth_Returns400NamingIt(string month)
    {
        var customer = await _scenario.CreateCustomerAsync();

        var response = await Admin.GetAsync($"{ChargesPath(customer)}?month={month}");

        await response.ExpectValidationAsync("month");
    }

    private static string ChargesPath(JsonObject customer) => $"/api/v1/customers/{customer.Id()}/charges";

    private static Dictionary<Guid, JsonObject> Lines(JsonObject charges) =>
        charges["services"]!.AsArray().Select(l => l!.AsObject()).ToDictionary(l => Guid.Parse(l["serviceId"].Value<string>()));

    private static Dictionary<string, decimal> Totals(JsonObject charges) =>
        charges["totals"]!.AsArray().ToDictionary(t => t!["currency"].Value<string>(), t => t!["monthlyTotal"].Value<decimal>());

    private static void AssertJson(HttpResponseMessage response) =>
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
}
