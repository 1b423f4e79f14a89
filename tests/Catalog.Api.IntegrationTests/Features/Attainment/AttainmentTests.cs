using System.Net;
using System.Text.Json.Nodes;
using Catalog.Api.IntegrationTests.Infrastructure;

namespace Catalog.Api.IntegrationTests.Features.Attainment;

/// <summary>
/// An agreement on Corporate Email, which depends on Storage: the agreed maintenance windows and service hours are
/// part of the version, and a Storage outage counts against the agreement, attributed to Storage.
/// </summary>
public sealed class AttainmentTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private static readonly object Window = new { rrule = "FREQ=WEEKLY;BYDAY=SU;BYHOUR=2;BYMINUTE=0", durationMinutes = 120, timeZone = "Europe/Berlin", description = "patching" };

    private readonly Scenario _scenario = new(factory);

    private HttpClient Admin => _scenario.Admin;

    [SkippableFact]
    public async Task AcceptProposal_AnalysisWithMaintenanceWindow_VersionKeepsWindowAndServiceHoursInTheCustomersTimeZone()
    {
        var world = await AgreeAsync();

        var version = world.Version;
        var window = version["maintenanceWindows"]!.AsArray().Single()!;
        Assert.Equal("every Sunday 02:00–04:00, Europe/Berlin time (patching)", window["inPlainWords"].Value<string>());
        Assert.Equal("24x7", version["serviceHours"]!["key"].Value<string>());
        Assert.Equal("Europe/Berlin", version["serviceHours"]!["timeZone"].Value<string>());
        var document = await (await world.Customer.GetAsync($"/api/v1/agreements/{world.AgreementId}/versions/1/document")).Content.ReadAsStringAsync();
        Assert.Contains("IT may do planned work every Sunday 02:00–04:00, Europe/Berlin time (patching)", document, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task GetAgreementAttainment_SupportingServiceOutage_CountsAgainstTheAgreementAttributedToIt()
    {
        var world = await AgreeAsync();
        var effectiveFrom = version(world)["effectiveFrom"].Value<DateTime>().ToUniversalTime();
        var now = DateTime.UtcNow;
        var started = effectiveFrom > now.AddMinutes(-30) ? effectiveFrom : now.AddMinutes(-30);
        var restored = now.AddSeconds(-1);
        Skip.If(restored <= started.AddSeconds(1), "The agreement took effect too recently to fit an outage before now.");
        await (await Admin.PostJsonAsync("/api/v1/outages", new
        {
            serviceId = world.StorageId, kind = "outage", priority = "P1", startedAt = started, restoredAt = restored,
            summary = "Mailboxes could not be opened.", source = new { system = "monitoring", reference = TestApi.Unique("alert") },
        })).ExpectAsync(HttpStatusCode.Created);

        var attainment = await (await world.Customer.GetAsync($"/api/v1/agreements/{world.AgreementId}/attainment")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("Europe/Berlin", attainment["timeZone"].Value<string>());
        var month = attainment["months"]!.AsArray().Last()!;
        Assert.Equal("in-progress", month["status"].Value<string>());
        var availability = month["versions"]![0]!["targets"]!.AsArray().Single(t => t!["metric"].Value<string>() == "availability")!;
        var counted = availability["availability"]!["outages"]!.AsArray().Single()!;
        Assert.Equal("Storage", counted["attributedServiceName"].Value<string>());
        Assert.Equal(Math.Round((decimal)(restored - started).TotalMinutes, 2), counted["countedMinutes"].Value<decimal>(), 2);
        var restore = month["versions"]![0]!["targets"]!.AsArray().Single(t => t!["metric"].Value<string>() == "time-to-restore")!;
        Assert.True(restore["timeToRestore"]!["incidents"]!.AsArray().Single()!["inTime"].Value<bool>());
    }

    [SkippableFact]
    public async Task GetAgreementAttainment_AnotherCustomer_Returns404()
    {
        var world = await AgreeAsync();
        var other = await _scenario.CreateCustomerAsync();
        var client = await _scenario.ClientForAsync("customer", other.Id());

        await (await client.GetAsync($"/api/v1/agreements/{world.AgreementId}/attainment")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [SkippableTheory]
    [InlineData("?from=2026-13")]
    [InlineData("?from=2026-06&to=2026-01")]
    [InlineData("?from=2020-01&to=2026-01")]
    public async Task GetAgreementAttainment_BadMonths_Returns400(string query)
    {
        var world = await AgreeAsync();

        await (await Admin.GetAsync($"/api/v1/agreements/{world.AgreementId}/attainment{query}")).ExpectProblemAsync(HttpStatusCode.BadRequest, "validation");
    }

    [SkippableTheory]
    [InlineData("FREQ=SECONDLY", 60)]
    [InlineData("FREQ=DAILY", 1440)]
    [InlineData("FREQ=FORTNIGHTLY", 60)]
    public async Task PublishAnalysis_MaintenanceWindowThatCannotBeAgreed_Returns400(string rrule, int minutes)
    {
        var world = await StartAsync();
        var proposal = await ProposeAsync(world);

        var response = await world.ItLead.PostJsonAsync($"/api/v1/proposals/{proposal.Id()}/analyses", Analysis(new { rrule, durationMinutes = minutes, timeZone = "Europe/Berlin" }));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Contains(problem["errors"]!.AsObject(), e => e.Key.StartsWith("maintenanceWindows[0]", StringComparison.Ordinal));
    }

    private static JsonObject version(World world) => world.Version;

    private static object Analysis(object window) => new
    {
        oneOffCost = 1_000m, monthlyCostDelta = 200m, currency = "EUR", labourDays = 2m, leadTimeDays = 0, feasibility = "feasible",
        consequences = Array.Empty<object>(), tradeOffs = new[] { "Patching on Sunday nights." }, maintenanceWindows = new[] { window },
    };

    private async Task<World> StartAsync()
    {
        var storage = await _scenario.CreateLiveServiceAsync(Scenario.ServiceBody(kind: "supporting", name: "Storage"));
        var email = await _scenario.CreateLiveServiceAsync(Scenario.ServiceBody(dependsOn: [storage.Id()], name: "Corporate Email"));
        var customer = await (await Admin.PostJsonAsync("/api/v1/customers", new
        {
            key = TestApi.Unique("cust"), name = "Sales Division", costCenter = "CC-4711", contactEmail = "sales-it@example.com", timeZone = "Europe/Berlin",
        })).ExpectAsync(HttpStatusCode.Created);
        await _scenario.SubscribeAsync(customer.Id(), email.Id(), 250);
        return new World(storage.Id(), email.Id(), customer.Id(), await _scenario.ClientForAsync("customer", customer.Id()), await _scenario.ClientForAsync("it-lead"), Guid.Empty, []);
    }

    private static async Task<JsonObject> ProposeAsync(World world) =>
        await (await world.Customer.PostJsonAsync("/api/v1/proposals", new
        {
            serviceId = world.EmailId,
            title = "Mail for the field sales force",
            businessJustification = "Mail outages lose orders.",
            targets = new object[]
            {
                new { metric = "availability", value = 99.9m },
                new { metric = "time-to-restore", value = 60m, scope = "P1" },
                new { metric = "support-hours", value = "24x7" },
            },
            submit = true,
        })).ExpectAsync(HttpStatusCode.Created);

    private async Task<World> AgreeAsync()
    {
        var world = await StartAsync();
        var proposal = await ProposeAsync(world);
        var analysis = await (await world.ItLead.PostJsonAsync($"/api/v1/proposals/{proposal.Id()}/analyses", Analysis(Window))).ExpectAsync(HttpStatusCode.Created);
        var charge = NegotiationScenario.Option(analysis, "proposed")["monthlyCharge"]!.GetValue<decimal>();
        var version = await (await world.Customer.PostJsonAsync($"/api/v1/proposals/{proposal.Id()}/acceptance", new
        {
            analysisId = analysis.Id(), option = "proposed", monthlyCharge = charge, signedBy = new { name = "Dana Ruiz" },
        })).ExpectAsync(HttpStatusCode.Created);
        return world with { AgreementId = Guid.Parse(version["agreementId"].Value<string>()!), Version = version };
    }

    private sealed record World(Guid StorageId, Guid EmailId, Guid CustomerId, HttpClient Customer, HttpClient ItLead, Guid AgreementId, JsonObject Version);
}
