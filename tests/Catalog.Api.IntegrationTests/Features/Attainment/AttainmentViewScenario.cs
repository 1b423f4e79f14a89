using System.Net;
using System.Text.Json.Nodes;
using Catalog.Api.IntegrationTests.Infrastructure;

namespace Catalog.Api.IntegrationTests.Features.Attainment;

/// <summary>
/// Storage under Corporate Email and Online Ordering; business units in Berlin that agree targets on them through
/// the API (in force at once, no lead time), and monitoring that reports outages and measurements.
/// </summary>
internal sealed class AttainmentViewScenario(CatalogApiFactory factory)
{
    /// <summary>Availability (met while nothing is down), P1 time to restore (not measured without incidents), p95 response time and support hours (never measured).</summary>
    public static readonly object[] Targets =
    [
        new { metric = "availability", value = 99.9m },
        new { metric = "time-to-restore", value = 60m, scope = "P1" },
        new { metric = "response-time", value = 1500m, scope = "p95" },
        new { metric = "support-hours", value = "24x7" },
    ];

    public Scenario Catalog { get; } = new(factory);

    public HttpClient Admin => Catalog.Admin;

    public Guid StorageId { get; private set; }

    public Guid EmailId { get; private set; }

    public Guid OrderingId { get; private set; }

    public async Task<AttainmentViewScenario> StartAsync()
    {
        StorageId = (await Catalog.CreateLiveServiceAsync(Scenario.ServiceBody(kind: "supporting", name: "Storage"))).Id();
        EmailId = (await Catalog.CreateLiveServiceAsync(Scenario.ServiceBody(dependsOn: [StorageId], name: "Corporate Email"))).Id();
        OrderingId = (await Catalog.CreateLiveServiceAsync(Scenario.ServiceBody(dependsOn: [StorageId], name: "Online Ordering"))).Id();
        return this;
    }

    public async Task<(Guid Id, HttpClient Client)> CustomerAsync(string name)
    {
        var customer = await (await Admin.PostJsonAsync("/api/v1/customers", new
        {
            key = TestApi.Unique("cust"), name, costCenter = "CC-4711", contactEmail = "it@example.com", timeZone = "Europe/Berlin",
        })).ExpectAsync(HttpStatusCode.Created);
        return (customer.Id(), await Catalog.ClientForAsync("customer", customer.Id()));
    }

    /// <summary>The customer proposes, IT analyses with no lead time, the customer accepts: version 1, in force from now.</summary>
    public async Task<JsonObject> AgreeAsync(Guid customerId, HttpClient customer, Guid serviceId)
    {
        await Catalog.SubscribeAsync(customerId, serviceId, 10);
        var itLead = await Catalog.ClientForAsync("it-lead");
        var proposal = await (await customer.PostJsonAsync("/api/v1/proposals", new
        {
            serviceId, title = "Targets for the month-end close", businessJustification = "Month-end depends on it.", targets = Targets, submit = true,
        })).ExpectAsync(HttpStatusCode.Created);
        var analysis = await (await itLead.PostJsonAsync($"/api/v1/proposals/{proposal.Id()}/analyses", new
        {
            oneOffCost = 0m, monthlyCostDelta = 100m, currency = "EUR", labourDays = 1m, leadTimeDays = 0, feasibility = "feasible",
            consequences = Array.Empty<object>(), tradeOffs = new[] { "None." },
        })).ExpectAsync(HttpStatusCode.Created);
        var charge = NegotiationScenario.Option(analysis, "proposed")["monthlyCharge"]!.GetValue<decimal>();
        return await (await customer.PostJsonAsync($"/api/v1/proposals/{proposal.Id()}/acceptance", new
        {
            analysisId = analysis.Id(), option = "proposed", monthlyCharge = charge, signedBy = new { name = "Dana Ruiz" },
        })).ExpectAsync(HttpStatusCode.Created);
    }

    /// <summary>Monitoring reports the running month's p95 response time of the service.</summary>
    public async Task MeasureAsync(Guid serviceId, decimal milliseconds)
    {
        var monitoring = await Catalog.ClientForAsync("integrator");
        await (await monitoring.PostJsonAsync($"/api/v1/services/{serviceId}/measurements", new
        {
            metric = "response-time", scope = "p95", period = RunningMonth, value = milliseconds, source = "apm",
        })).ExpectAsync(HttpStatusCode.Created);
    }

    /// <summary>The running month in Berlin, where the scenario's business units count their months.</summary>
    public static string RunningMonth =>
        TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTime.UtcNow, "Europe/Berlin").ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    public static Guid AgreementIdOf(JsonObject version) => Guid.Parse(version["agreementId"].Value<string>());

    public static JsonObject Summary(JsonObject view) => view["summary"]!.AsObject();

    public static IReadOnlyList<JsonObject> AgreementsOf(JsonObject view) => view["agreements"]!.AsArray().Select(a => a!.AsObject()).ToList();

    public static JsonObject Target(JsonObject agreement, string metric) =>
        agreement["attainment"]!["versions"]![0]!["targets"]!.AsArray().Single(t => t!["metric"].Value<string>() == metric)!.AsObject();
}
