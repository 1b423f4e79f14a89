using System.Net;
using Catalog.Api.IntegrationTests.Infrastructure;

namespace Catalog.Api.IntegrationTests.Features.Measurements;

public sealed class MeasurementsTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private readonly Scenario _scenario = new(factory);

    private HttpClient Admin => _scenario.Admin;

    private static string LastMonth => DateTime.UtcNow.AddMonths(-1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    [SkippableFact]
    public async Task RecordMeasurement_Integrator_Returns201ThenTheSameSourceReplacesItsValue()
    {
        var service = await _scenario.CreateLiveServiceAsync();
        var integrator = await _scenario.ClientForAsync("integrator");
        var path = $"/api/v1/services/{service.Id()}/measurements";

        var first = await (await integrator.PostJsonAsync(path, new { metric = "response-time", scope = "p95", period = LastMonth, value = 640, source = "apm" })).ExpectAsync(HttpStatusCode.Created);
        var again = await (await integrator.PostJsonAsync(path, new { metric = "response-time", scope = "p95", period = LastMonth, value = 655, source = "apm" })).ExpectAsync(HttpStatusCode.OK);
        await (await integrator.PostJsonAsync(path, new { metric = "response-time", scope = "p95", period = LastMonth, value = 700, source = "synthetic" })).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(first.Id(), again.Id());
        Assert.Equal(655m, again["value"].Value<decimal>());
        Assert.Equal(2, again["version"].Value<int>());
        var listed = await Admin.ReadAllAsync($"{path}?period={LastMonth}");
        Assert.Equal(2, listed.Count);
    }

    [SkippableTheory]
    [InlineData("response-time", "2999-01", "period")]
    [InlineData("response-time", "last month", "period")]
    [InlineData("no-such-metric", null, "metric")]
    [InlineData("availability", null, "metric")]
    [InlineData("support-hours", null, "metric")]
    public async Task RecordMeasurement_BadInput_Returns400NamingTheField(string metric, string? period, string field)
    {
        var service = await _scenario.CreateLiveServiceAsync();

        var response = await Admin.PostJsonAsync($"/api/v1/services/{service.Id()}/measurements", new { metric, period = period ?? LastMonth, value = 5, source = "apm" });

        await response.ExpectValidationAsync(field);
        Assert.Empty(await Admin.ReadAllAsync($"/api/v1/services/{service.Id()}/measurements"));
    }

    [SkippableFact]
    public async Task RecordMeasurement_UnknownService_Returns404()
    {
        await (await Admin.PostJsonAsync($"/api/v1/services/{Guid.NewGuid()}/measurements", new { metric = "response-time", period = LastMonth, value = 5, source = "apm" }))
            .ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task RecordMeasurement_CustomerKey_Returns403()
    {
        var service = await _scenario.CreateLiveServiceAsync();
        var customer = await _scenario.CreateCustomerAsync();
        var client = await _scenario.ClientForAsync("customer", customer.Id());

        await (await client.PostJsonAsync($"/api/v1/services/{service.Id()}/measurements", new { metric = "response-time", period = LastMonth, value = 5, source = "apm" }))
            .ExpectProblemAsync(HttpStatusCode.Forbidden);
    }
}
