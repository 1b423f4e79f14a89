using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Catalog.Api.IntegrationTests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Catalog.Api.IntegrationTests.Features.Agreements;

public sealed class OpenSloTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private static readonly object[] AgreedTargets =
    [
        new { metric = "availability", value = 99.95m },
        new { metric = "time-to-restore", value = 30m, scope = "P1" },
        new { metric = "support-hours", value = "24x7" },
    ];

    private static string PathOf(JsonObject version, int? number = null) =>
        $"/api/v1/agreements/{version["agreementId"].Value<string>()}/versions/{number ?? version["number"].Value<int>()}/openslo";

    private static List<YamlMappingNode> Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return [.. stream.Documents.Select(d => (YamlMappingNode)d.RootNode)];
    }

    private static string Text(YamlNode node, params object[] path)
    {
        foreach (var step in path)
        {
            node = step is int index ? ((YamlSequenceNode)node).Children[index] : ((YamlMappingNode)node).Children[new YamlScalarNode((string)step)];
        }

        return ((YamlScalarNode)node).Value!;
    }

    [SkippableFact]
    public async Task GetAgreementOpenSlo_AgreedVersion_ReturnsOpenSloYamlWithOneSloPerMeasurableTarget()
    {
        var n = await NegotiationScenario.StartAsync(factory);
        var version = await n.AgreeAsync(AgreedTargets);

        var response = await n.CustomerClient.GetAsync(PathOf(version));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/yaml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.False(response.Headers.ETag!.IsWeak);
        var yaml = await response.Content.ReadAsStringAsync();
        var documents = Parse(yaml);
        Assert.Equal(["Service", "SLO", "SLO"], documents.Select(d => Text(d, "kind")));
        Assert.All(documents, d => Assert.Equal("openslo/v1", Text(d, "apiVersion")));

        var serviceKey = n.Service["key"].Value<string>();
        var customerKey = n.Customer["key"].Value<string>();
        Assert.Equal(serviceKey, Text(documents[0], "metadata", "name"));
        Assert.Equal("Trading Platform", Text(documents[0], "metadata", "displayName"));
        var (availability, restore) = (documents[1], documents[2]);
        Assert.Equal($"{serviceKey}-{customerKey}-availability", Text(availability, "metadata", "name"));
        Assert.Equal($"{serviceKey}-{customerKey}-time-to-restore-p1", Text(restore, "metadata", "name"));
        Assert.Equal("0.9995", Text(availability, "spec", "objectives", 0, "target"));
        Assert.Equal("0.999999", Text(restore, "spec", "objectives", 0, "target"));
        Assert.Equal("P1", Text(restore, "spec", "indicator", "spec", "ratioMetric", "good", "metricSource", "spec", "priority"));
        Assert.Equal("30", Text(restore, "spec", "indicator", "spec", "ratioMetric", "good", "metricSource", "spec", "withinMinutes"));

        var effectiveFrom = DateTime.Parse(version["effectiveFrom"].Value<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        foreach (var slo in documents.Skip(1))
        {
            Assert.Equal(serviceKey, Text(slo, "spec", "service"));
            Assert.Equal(customerKey, Text(slo, "metadata", "labels", "customer"));
            Assert.Equal("CC-4711", Text(slo, "metadata", "labels", "costCentre"));
            Assert.Equal(version["agreementId"].Value<string>(), Text(slo, "metadata", "annotations", "catalog.example/agreement-id"));
            Assert.Equal("1", Text(slo, "metadata", "annotations", "catalog.example/agreement-version"));
            Assert.Equal(effectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Text(slo, "metadata", "annotations", "catalog.example/effective-from"));
            Assert.Equal("Occurrences", Text(slo, "spec", "budgetingMethod"));
            Assert.Equal("1M", Text(slo, "spec", "timeWindow", 0, "duration"));
            Assert.Equal("false", Text(slo, "spec", "timeWindow", 0, "isRolling"));
            Assert.Equal($"{effectiveFrom:yyyy-MM}-01 00:00:00", Text(slo, "spec", "timeWindow", 0, "calendar", "startTime"));
            Assert.Equal("UTC", Text(slo, "spec", "timeWindow", 0, "calendar", "timeZone"));
        }

        var comment = yaml[..yaml.IndexOf("---\n", StringComparison.Ordinal)];
        Assert.Contains("# Not expressible in OpenSLO: support-hours = 24x7\n", comment, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task GetAgreementOpenSlo_VersionWithMaintenanceWindowAndBusinessHours_AnnotatesEachSloForTheMonitoringTool()
    {
        var n = await NegotiationScenario.StartAsync(factory);
        var proposal = await n.ProposeAsync(
        [
            new { metric = "availability", value = 99.9m },
            new { metric = "time-to-restore", value = 240m, scope = "P1" },
            new { metric = "support-hours", value = "business-hours" },
        ]);
        var analysis = await n.AnalyseAsync(proposal.Id(), new
        {
            oneOffCost = 0m, monthlyCostDelta = 300m, currency = "EUR", labourDays = 1m, leadTimeDays = 0, feasibility = "feasible",
            consequences = Array.Empty<object>(), tradeOffs = new[] { "Patching on Saturday nights." },
            maintenanceWindows = new[] { new { rrule = "FREQ=WEEKLY;BYDAY=SA;BYHOUR=22;BYMINUTE=0", durationMinutes = 240, timeZone = "Europe/Berlin", description = "patching" } },
        });
        var charge = NegotiationScenario.Option(analysis, "proposed")["monthlyCharge"]!.GetValue<decimal>();
        var version = await (await n.AcceptAsync(proposal.Id(), analysis.Id(), "proposed", charge)).ExpectAsync(HttpStatusCode.Created);

        var yaml = await (await n.CustomerClient.GetAsync(PathOf(version))).Content.ReadAsStringAsync();

        var comment = yaml[..yaml.IndexOf("---\n", StringComparison.Ordinal)];
        Assert.Contains("# Planned work inside these windows is not downtime: every Saturday 22:00–02:00, Europe/Berlin time (patching).\n", comment, StringComparison.Ordinal);
        Assert.Contains("# Service hours, within which availability is measured and the time to restore runs: Monday to Friday 08:00–18:00, UTC time.\n", comment, StringComparison.Ordinal);
        var slos = Parse(yaml).Skip(1).ToList();
        Assert.Equal(2, slos.Count);
        foreach (var slo in slos)
        {
            var windows = JsonNode.Parse(Text(slo, "metadata", "annotations", "catalog.example/maintenance-windows"))!.AsArray();
            Assert.Equal(
                """[{"rrule":"FREQ=WEEKLY;BYDAY=SA;BYHOUR=22;BYMINUTE=0","durationMinutes":240,"timeZone":"Europe/Berlin","description":"patching"}]""",
                windows.ToJsonString());
            var hours = JsonNode.Parse(Text(slo, "metadata", "annotations", "catalog.example/service-hours"))!;
            Assert.Equal("business-hours", hours["key"].Value<string>());
            Assert.Equal("UTC", hours["timeZone"].Value<string>());
            Assert.Equal(["monday", "tuesday", "wednesday", "thursday", "friday"], hours["weeklyHours"]!.AsArray().Select(h => h!["day"].Value<string>()));
            Assert.All(hours["weeklyHours"]!.AsArray(), h => Assert.Equal(("08:00", "18:00"), (h!["from"].Value<string>(), h["to"].Value<string>())));
        }
    }

    [SkippableFact]
    public async Task GetAgreementOpenSlo_IfNoneMatchCurrentETag_Returns304()
    {
        var n = await NegotiationScenario.StartAsync(factory);
        var version = await n.AgreeAsync(AgreedTargets);
        var first = await n.CustomerClient.GetAsync(PathOf(version));

        var again = await n.CustomerClient.GetAsync(PathOf(version), first.ETag());
        var stale = await n.CustomerClient.GetAsync(PathOf(version), "\"not-the-tag\"");

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Equal(first.ETag(), again.ETag());
        Assert.Empty(await again.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await stale.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task GetAgreementOpenSlo_NewVersion_OwnETagAndVersionAnnotation()
    {
        var n = await NegotiationScenario.StartAsync(factory);
        var v1 = await n.AgreeAsync(AgreedTargets);
        var v2 = await n.AgreeAsync([new { metric = "availability", value = 99.99m }], monthlyCostDelta: 500m);

        var first = await n.CustomerClient.GetAsync(PathOf(v1));
        var second = await n.CustomerClient.GetAsync(PathOf(v2));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.NotEqual(first.ETag(), second.ETag());
        var documents = Parse(await second.Content.ReadAsStringAsync());
        Assert.Equal(["Service", "SLO"], documents.Select(d => Text(d, "kind")));
        Assert.Equal("2", Text(documents[1], "metadata", "annotations", "catalog.example/agreement-version"));
        Assert.Equal("0.9999", Text(documents[1], "spec", "objectives", 0, "target"));
        Assert.DoesNotContain("Not expressible", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task GetAgreementOpenSlo_IntegratorKey_Returns200()
    {
        var n = await NegotiationScenario.StartAsync(factory);
        var version = await n.AgreeAsync(AgreedTargets);
        var integrator = await n.Catalog.ClientForAsync("integrator");

        var response = await integrator.GetAsync(PathOf(version));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, Parse(await response.Content.ReadAsStringAsync()).Count);
    }

    [SkippableFact]
    public async Task GetAgreementOpenSlo_AnotherCustomersKey_Returns404()
    {
        var n = await NegotiationScenario.StartAsync(factory);
        var version = await n.AgreeAsync(AgreedTargets);
        var otherCustomer = await n.Catalog.ClientForAsync("customer");

        await (await otherCustomer.GetAsync(PathOf(version))).ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [SkippableFact]
    public async Task GetAgreementOpenSlo_UnknownVersion_Returns404()
    {
        var n = await NegotiationScenario.StartAsync(factory);
        var version = await n.AgreeAsync(AgreedTargets);

        await (await n.CustomerClient.GetAsync(PathOf(version, number: 2))).ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await n.CustomerClient.GetAsync($"/api/v1/agreements/{Guid.CreateVersion7()}/versions/1/openslo")).ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [SkippableFact]
    public async Task GetAgreementOpenSlo_NoKey_Returns401()
    {
        var n = await NegotiationScenario.StartAsync(factory);
        var version = await n.AgreeAsync(AgreedTargets);

        await (await factory.ClientWithKey(null).GetAsync(PathOf(version))).ExpectProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }
}
