using System.Globalization;
using System.Net;
using Catalog.Api.IntegrationTests.Infrastructure;
using static Catalog.Api.IntegrationTests.Features.Attainment.AttainmentViewScenario;

namespace Catalog.Api.IntegrationTests.Features.Attainment;

/// <summary>A business unit's month across all its agreements, in its own time zone.</summary>
public sealed class CustomerAttainmentTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private readonly AttainmentViewScenario _scenario = new(factory);

    [SkippableFact]
    public async Task GetCustomerAttainment_TwoAgreementsAndAMissedMeasurement_ListsEachWithItsMonthAndCountsTheTargets()
    {
        await _scenario.StartAsync();
        var (salesId, sales) = await _scenario.CustomerAsync("Sales Division");
        var email = await _scenario.AgreeAsync(salesId, sales, _scenario.EmailId);
        var ordering = await _scenario.AgreeAsync(salesId, sales, _scenario.OrderingId);
        var (financeId, finance) = await _scenario.CustomerAsync("Finance");
        await _scenario.AgreeAsync(financeId, finance, _scenario.EmailId);
        await _scenario.MeasureAsync(_scenario.OrderingId, 2_400m);

        var response = await sales.GetAsync($"/api/v1/customers/{salesId}/attainment");
        var view = await response.ExpectAsync(HttpStatusCode.OK);

        Assert.NotNull(response.Headers.ETag);
        Assert.Equal(salesId.ToString(), view["customerId"].Value<string>());
        Assert.Equal("Sales Division", view["customerName"].Value<string>());
        Assert.Equal("Europe/Berlin", view["timeZone"].Value<string>());
        Assert.Equal(RunningMonth, view["month"].Value<string>());
        Assert.Equal("in-progress", view["status"].Value<string>());
        var agreements = AgreementsOf(view);
        Assert.Equal([AgreementIdOf(email), AgreementIdOf(ordering)], agreements.Select(a => Guid.Parse(a["agreementId"].Value<string>())));
        Assert.Equal(["Corporate Email", "Online Ordering"], agreements.Select(a => a["serviceName"].Value<string>()));
        Assert.All(agreements, a => Assert.Equal(RunningMonth, a["attainment"]!["month"].Value<string>()));
        Assert.All(agreements, a => Assert.Equal("in-progress", a["attainment"]!["status"].Value<string>()));

        var slow = Target(agreements[1], "response-time");
        Assert.False(slow["met"].Value<bool>());
        Assert.Equal(2_400m, slow["achieved"].Value<decimal>());
        Assert.Null(Target(agreements[0], "response-time")["met"]);
        Assert.True(Target(agreements[0], "availability")["met"].Value<bool>());

        // Per agreement: availability met, time to restore and support hours not measured; the response time missed on one.
        var summary = Summary(view);
        Assert.Equal(8, summary["targets"].Value<int>());
        Assert.Equal(2, summary["met"].Value<int>());
        Assert.Equal(1, summary["missed"].Value<int>());
        Assert.Equal(0, summary["atRisk"].Value<int>());
        Assert.Equal(5, summary["notMeasured"].Value<int>());
    }

    [SkippableFact]
    public async Task GetCustomerAttainment_SupportingServiceOutage_CountsAgainstEveryAgreementAttributedToIt()
    {
        await _scenario.StartAsync();
        var (salesId, sales) = await _scenario.CustomerAsync("Sales Division");
        await _scenario.AgreeAsync(salesId, sales, _scenario.EmailId);
        var ordering = await _scenario.AgreeAsync(salesId, sales, _scenario.OrderingId);
        var effectiveFrom = ordering["effectiveFrom"].Value<DateTime>().ToUniversalTime();
        var restored = DateTime.UtcNow.AddSeconds(-1);
        var started = effectiveFrom > restored.AddMinutes(-20) ? effectiveFrom : restored.AddMinutes(-20);
        Skip.If(restored <= started.AddSeconds(1), "The agreements took effect too recently to fit an outage before now.");
        await (await _scenario.Admin.PostJsonAsync("/api/v1/outages", new
        {
            serviceId = _scenario.StorageId, kind = "outage", priority = "P1", startedAt = started, restoredAt = restored,
            summary = "Disks were unreachable.", source = new { system = "monitoring", reference = TestApi.Unique("alert") },
        })).ExpectAsync(HttpStatusCode.Created);

        var view = await (await sales.GetAsync($"/api/v1/customers/{salesId}/attainment?month={RunningMonth}")).ExpectAsync(HttpStatusCode.OK);

        var agreements = AgreementsOf(view);
        Assert.Equal(2, agreements.Count);
        foreach (var agreement in agreements)
        {
            var counted = Target(agreement, "availability")["availability"]!["outages"]!.AsArray().Single()!;
            Assert.Equal(_scenario.StorageId.ToString(), counted["attributedServiceId"].Value<string>());
            Assert.Equal("Storage", counted["attributedServiceName"].Value<string>());
            Assert.True(Target(agreement, "time-to-restore")["timeToRestore"]!["incidents"]!.AsArray().Single()!["inTime"].Value<bool>());
        }
    }

    [SkippableFact]
    public async Task GetCustomerAttainment_MonthBeforeAnyAgreement_ClosedWithNoAgreements()
    {
        await _scenario.StartAsync();
        var (salesId, sales) = await _scenario.CustomerAsync("Sales Division");
        await _scenario.AgreeAsync(salesId, sales, _scenario.EmailId);

        var view = await (await sales.GetAsync($"/api/v1/customers/{salesId}/attainment?month=2024-02")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("2024-02", view["month"].Value<string>());
        Assert.Equal("closed", view["status"].Value<string>());
        Assert.Empty(AgreementsOf(view));
        Assert.Equal(0, Summary(view)["targets"].Value<int>());
    }

    [SkippableTheory]
    [InlineData("it-lead")]
    [InlineData("integrator")]
    [InlineData("admin")]
    public async Task GetCustomerAttainment_StaffRole_SeesAnyCustomer(string role)
    {
        await _scenario.StartAsync();
        var (salesId, sales) = await _scenario.CustomerAsync("Sales Division");
        var email = await _scenario.AgreeAsync(salesId, sales, _scenario.EmailId);
        var staff = await _scenario.Catalog.ClientForAsync(role);

        var view = await (await staff.GetAsync($"/api/v1/customers/{salesId}/attainment")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(AgreementIdOf(email).ToString(), Assert.Single(AgreementsOf(view))["agreementId"].Value<string>());
    }

    [SkippableFact]
    public async Task GetCustomerAttainment_AnotherCustomersKey_Returns404()
    {
        await _scenario.StartAsync();
        var (salesId, sales) = await _scenario.CustomerAsync("Sales Division");
        await _scenario.AgreeAsync(salesId, sales, _scenario.EmailId);
        var (_, finance) = await _scenario.CustomerAsync("Finance");

        await (await finance.GetAsync($"/api/v1/customers/{salesId}/attainment")).ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [SkippableFact]
    public async Task GetCustomerAttainment_UnknownCustomer_Returns404()
    {
        await (await _scenario.Admin.GetAsync($"/api/v1/customers/{Guid.CreateVersion7()}/attainment")).ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [SkippableFact]
    public async Task GetCustomerAttainment_NoKey_Returns401()
    {
        var (salesId, _) = await _scenario.CustomerAsync("Sales Division");

        await (await factory.ClientWithKey(null).GetAsync($"/api/v1/customers/{salesId}/attainment")).ExpectProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [SkippableTheory]
    [InlineData("2026-13")]
    [InlineData("2026-1")]
    [InlineData("26-01")]
    [InlineData("2026-01-01")]
    [InlineData("1999-12")]
    [InlineData("")]
    public async Task GetCustomerAttainment_MalformedMonth_Returns400NamingMonth(string month)
    {
        var (salesId, _) = await _scenario.CustomerAsync("Sales Division");

        await (await _scenario.Admin.GetAsync($"/api/v1/customers/{salesId}/attainment?month={month}")).ExpectValidationAsync("month");
    }

    [SkippableFact]
    public async Task GetCustomerAttainment_MonthAfterTheRunningOne_Returns400NamingMonth()
    {
        var (salesId, _) = await _scenario.CustomerAsync("Sales Division");
        var next = DateTime.UtcNow.AddMonths(2).ToString("yyyy-MM", CultureInfo.InvariantCulture);

        var problem = await (await _scenario.Admin.GetAsync($"/api/v1/customers/{salesId}/attainment?month={next}")).ExpectValidationAsync("month");

        Assert.Contains("has not begun in Europe/Berlin", problem["errors"]!["month"]![0].Value<string>(), StringComparison.Ordinal);
    }
}
