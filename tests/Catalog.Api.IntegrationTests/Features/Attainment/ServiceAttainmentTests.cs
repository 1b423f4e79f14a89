using System.Globalization;
using System.Net;
using Catalog.Api.IntegrationTests.Infrastructure;
using static Catalog.Api.IntegrationTests.Features.Attainment.AttainmentViewScenario;

namespace Catalog.Api.IntegrationTests.Features.Attainment;

/// <summary>A service's month across all its customers, each agreement in its own customer's time zone.</summary>
public sealed class ServiceAttainmentTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private readonly AttainmentViewScenario _scenario = new(factory);

    [SkippableFact]
    public async Task GetServiceAttainment_TwoCustomers_ListsBothAgreementsInTheirTimeZones()
    {
        await _scenario.StartAsync();
        var (salesId, sales) = await _scenario.CustomerAsync("Sales Division");
        var (financeId, finance) = await _scenario.CustomerAsync("Finance");
        var salesEmail = await _scenario.AgreeAsync(salesId, sales, _scenario.EmailId);
        var financeEmail = await _scenario.AgreeAsync(financeId, finance, _scenario.EmailId);
        await _scenario.AgreeAsync(salesId, sales, _scenario.OrderingId);
        await _scenario.MeasureAsync(_scenario.EmailId, 900m);
        var itLead = await _scenario.Catalog.ClientForAsync("it-lead");

        var response = await itLead.GetAsync($"/api/v1/services/{_scenario.EmailId}/attainment?month={RunningMonth}");
        var view = await response.ExpectAsync(HttpStatusCode.OK);

        Assert.NotNull(response.Headers.ETag);
        Assert.Equal(_scenario.EmailId.ToString(), view["serviceId"].Value<string>());
        Assert.Equal("Corporate Email", view["serviceName"].Value<string>());
        Assert.Equal(RunningMonth, view["month"].Value<string>());
        var agreements = AgreementsOf(view);
        Assert.Equal(["Finance", "Sales Division"], agreements.Select(a => a["customerName"].Value<string>()));
        Assert.Equal([AgreementIdOf(financeEmail), AgreementIdOf(salesEmail)], agreements.Select(a => Guid.Parse(a["agreementId"].Value<string>())));
        Assert.All(agreements, a => Assert.Equal("Europe/Berlin", a["timeZone"].Value<string>()));
        Assert.All(agreements, a => Assert.True(Target(a, "response-time")["met"].Value<bool>()));

        var summary = Summary(view);
        Assert.Equal(8, summary["targets"].Value<int>());
        Assert.Equal(4, summary["met"].Value<int>());
        Assert.Equal(0, summary["missed"].Value<int>());
        Assert.Equal(4, summary["notMeasured"].Value<int>());
    }

    [SkippableFact]
    public async Task GetServiceAttainment_CustomerKey_SeesOnlyItsOwnAgreements()
    {
        await _scenario.StartAsync();
        var (salesId, sales) = await _scenario.CustomerAsync("Sales Division");
        var (financeId, finance) = await _scenario.CustomerAsync("Finance");
        var salesEmail = await _scenario.AgreeAsync(salesId, sales, _scenario.EmailId);
        await _scenario.AgreeAsync(financeId, finance, _scenario.EmailId);

        var own = await (await sales.GetAsync($"/api/v1/services/{_scenario.EmailId}/attainment")).ExpectAsync(HttpStatusCode.OK);
        var all = await (await _scenario.Admin.GetAsync($"/api/v1/services/{_scenario.EmailId}/attainment")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(AgreementIdOf(salesEmail).ToString(), Assert.Single(AgreementsOf(own))["agreementId"].Value<string>());
        Assert.Equal(4, Summary(own)["targets"].Value<int>());
        Assert.Equal(2, AgreementsOf(all).Count);
    }

    [SkippableFact]
    public async Task GetServiceAttainment_CustomerWithoutAgreementOnIt_EmptyButFound()
    {
        await _scenario.StartAsync();
        var (salesId, sales) = await _scenario.CustomerAsync("Sales Division");
        await _scenario.AgreeAsync(salesId, sales, _scenario.EmailId);
        var (_, finance) = await _scenario.CustomerAsync("Finance");

        var view = await (await finance.GetAsync($"/api/v1/services/{_scenario.EmailId}/attainment")).ExpectAsync(HttpStatusCode.OK);

        Assert.Empty(AgreementsOf(view));
        Assert.Equal(0, Summary(view)["targets"].Value<int>());
    }

    [SkippableFact]
    public async Task GetServiceAttainment_UnknownService_Returns404()
    {
        await (await _scenario.Admin.GetAsync($"/api/v1/services/{Guid.CreateVersion7()}/attainment")).ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [SkippableFact]
    public async Task GetServiceAttainment_NoKey_Returns401()
    {
        await _scenario.StartAsync();

        await (await factory.ClientWithKey(null).GetAsync($"/api/v1/services/{_scenario.EmailId}/attainment")).ExpectProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [SkippableTheory]
    [InlineData("2026-00")]
    [InlineData("2026/01")]
    [InlineData("1999-12")]
    [InlineData("december")]
    public async Task GetServiceAttainment_MalformedMonth_Returns400NamingMonth(string month)
    {
        await _scenario.StartAsync();

        await (await _scenario.Admin.GetAsync($"/api/v1/services/{_scenario.EmailId}/attainment?month={Uri.EscapeDataString(month)}")).ExpectValidationAsync("month");
    }

    [SkippableFact]
    public async Task GetServiceAttainment_MonthNotBegunAnywhere_Returns400NamingMonth()
    {
        await _scenario.StartAsync();
        var later = DateTime.UtcNow.AddMonths(2).ToString("yyyy-MM", CultureInfo.InvariantCulture);

        var problem = await (await _scenario.Admin.GetAsync($"/api/v1/services/{_scenario.EmailId}/attainment?month={later}")).ExpectValidationAsync("month");

        Assert.Contains("has not begun in any time zone", problem["errors"]!["month"]![0].Value<string>(), StringComparison.Ordinal);
    }
}
