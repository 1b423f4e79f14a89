using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Catalog.Api.Domain.Agreements;
using Catalog.Api.Domain.Delivery;
using Catalog.Api.Domain.Metrics;
using Catalog.Api.Domain.Negotiation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using static Catalog.Api.UnitTests.Domain.Negotiation.NegotiationTestData;
using static Catalog.Api.UnitTests.TestData;

namespace Catalog.Api.UnitTests.Domain.Agreements;

public partial class OpenSloExportTests
{
    private static readonly Guid ServiceId = new("0190f0b4-0000-7000-8000-0000000000a1");
    private static readonly Guid AgreementId = new("0190f0b4-0000-7000-8000-0000000000f1");

    private static readonly Metric Carbon = Metric.Define(
        new Guid("0190f0b4-0000-7000-8000-0000000000a9"), "carbon", "Carbon per mailbox", "kg", MetricDirection.LowerIsStricter, null, "region", false, T0);

    private static OpenSloExport.Context Context(string serviceKey = "corporate-email", string customerKey = "finance") => new(
        AgreementId,
        serviceKey,
        "Corporate Email",
        "Send and receive e-mail from anywhere.",
        customerKey,
        "Finance",
        "CC-1000",
        Vocabulary.Values.Append(Carbon).ToDictionary(m => m.Key));

    /// <summary>Accepted at T0 (1 March 2026) with a lead time of 14 days: in force from 15 March 2026.</summary>
    private static AgreementVersion Version(params Target[] targets) =>
        Agreement.Open(ServiceId, CustomerId, Terms(targets: targets, leadTimeDays: 14, acceptedAt: T0)).Versions[0];

    private static string Render(params Target[] targets) => OpenSloExport.Yaml(Version(targets), Context());

    private static List<YamlMappingNode> Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return [.. stream.Documents.Select(d => (YamlMappingNode)d.RootNode)];
    }

    private static List<YamlMappingNode> Documents(params Target[] targets) => Parse(Render(targets));

    private static YamlMappingNode SloFor(string metric, params Target[] targets) =>
        Documents(targets).Single(d => Text(d, "kind") == "SLO" && Text(d, "metadata", "name").Contains(metric, StringComparison.Ordinal));

    /// <summary>The node at a path of mapping keys (strings) and sequence indexes (ints).</summary>
    private static YamlNode At(YamlNode node, params object[] path)
    {
        foreach (var step in path)
        {
            node = step is int index ? ((YamlSequenceNode)node).Children[index] : ((YamlMappingNode)node).Children[new YamlScalarNode((string)step)];
        }

        return node;
    }

    private static string Text(YamlNode node, params object[] path) => ((YamlScalarNode)At(node, path)).Value!;

    private static decimal Number(YamlNode node, params object[] path) => decimal.Parse(Text(node, path), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string LeadingComment(string yaml) => yaml[..yaml.IndexOf("---\n", StringComparison.Ordinal)];

    [Fact]
    public void Yaml_AvailabilityTimeToRestoreAndSupportHours_ServiceThenOneSloPerMappableTarget()
    {
        var documents = Documents(Availability(99.9m), TimeToRestore(240m, "P1"), SupportHours("24x7"));

        Assert.Equal(["Service", "SLO", "SLO"], documents.Select(d => Text(d, "kind")));
        Assert.All(documents, d => Assert.Equal("openslo/v1", Text(d, "apiVersion")));
        Assert.Equal(
            ["corporate-email", "corporate-email-finance-availability", "corporate-email-finance-time-to-restore-p1"],
            documents.Select(d => Text(d, "metadata", "name")));
        Assert.Equal("Corporate Email", Text(documents[0], "metadata", "displayName"));
        Assert.Equal("Corporate Email: Send and receive e-mail from anywhere.", Text(documents[0], "spec", "description"));
    }

    [Fact]
    public void Yaml_Documents_AreSeparatedByDocumentMarkersAfterTheComment()
    {
        var yaml = Render(Availability(99.9m), TimeToRestore(240m, "P1"));

        Assert.Equal(3, Regex.Count(yaml, "^---$", RegexOptions.Multiline));
        Assert.All(LeadingComment(yaml).Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.StartsWith("# ", line, StringComparison.Ordinal));
        Assert.StartsWith("# OpenSLO v1 export of agreement 0190f0b4-0000-7000-8000-0000000000f1: Corporate Email for Finance, version 1, effective from 2026-03-15.\n", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_Slo_ReferencesTheServiceAndCountsOccurrences()
    {
        var documents = Documents(Availability(99.9m));

        Assert.Equal(Text(documents[0], "metadata", "name"), Text(documents[1], "spec", "service"));
        Assert.Equal("Occurrences", Text(documents[1], "spec", "budgetingMethod"));
    }

    [Theory]
    [InlineData("99.9", "0.999")]
    [InlineData("99.95", "0.9995")]
    [InlineData("99.900", "0.999")]
    [InlineData("95", "0.95")]
    public void Yaml_Availability_ObjectiveIsThePercentageAsARatio(string percent, string expected)
    {
        var yaml = Render(Availability(decimal.Parse(percent, CultureInfo.InvariantCulture)));

        var slo = Parse(yaml)[1];
        Assert.Equal(expected, Text(slo, "spec", "objectives", 0, "target"));
        Assert.Contains($"\n  - displayName: Available at least {percent.TrimEnd('0').TrimEnd('.')}% of the month\n    target: {expected}\n", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_HundredPercentAvailability_WritesTheLargestTargetOpenSloAllows()
    {
        var slo = SloFor("availability", Availability(100m));

        var target = Number(slo, "spec", "objectives", 0, "target");
        Assert.Equal(OpenSloExport.EveryOccurrence, target);
        Assert.True(target < 1m);
        Assert.Contains("stands for every check", Text(slo, "spec", "description"), StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_Availability_IsARatioOfSuccessfulChecksToAllChecks()
    {
        var ratio = At(SloFor("availability", Availability(99.9m)), "spec", "indicator", "spec", "ratioMetric");

        Assert.Equal("true", Text(ratio, "counter"));
        Assert.Equal("Unbound", Text(ratio, "good", "metricSource", "type"));
        Assert.Equal("availability-checks-up", Text(ratio, "good", "metricSource", "spec", "signal"));
        Assert.Equal("corporate-email", Text(ratio, "good", "metricSource", "spec", "service"));
        Assert.Equal("Unbound", Text(ratio, "total", "metricSource", "type"));
        Assert.Equal("availability-checks", Text(ratio, "total", "metricSource", "spec", "signal"));
    }

    [Fact]
    public void Yaml_Slo_LabelsCustomerAndCostCentre()
    {
        var labels = (YamlMappingNode)At(SloFor("availability", Availability(99.9m)), "metadata", "labels");

        Assert.Equal("finance", Text(labels, "customer"));
        Assert.Equal("CC-1000", Text(labels, "costCentre"));
        Assert.Equal(2, labels.Children.Count);
    }

    [Fact]
    public void Yaml_Slo_AnnotatesAgreementIdVersionAndEffectiveDateAsStrings()
    {
        var annotations = (YamlMappingNode)At(SloFor("availability", Availability(99.9m)), "metadata", "annotations");

        Assert.Equal(AgreementId.ToString(), Text(annotations, "catalog.example/agreement-id"));
        Assert.Equal("1", Text(annotations, "catalog.example/agreement-version"));
        Assert.Equal("2026-03-15", Text(annotations, "catalog.example/effective-from"));

        // OpenSLO annotations are strings: a plain 1 would read as an integer and a plain date as a timestamp.
        Assert.NotEqual(ScalarStyle.Plain, ((YamlScalarNode)At(annotations, "catalog.example/agreement-version")).Style);
        Assert.NotEqual(ScalarStyle.Plain, ((YamlScalarNode)At(annotations, "catalog.example/effective-from")).Style);
    }

    [Theory]
    [InlineData("4711")]
    [InlineData("no")]
    [InlineData("on")]
    [InlineData("y")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("1e3")]
    [InlineData("0x1f")]
    [InlineData("2026-01-01")]
    public void Yaml_LabelValueAnotherYamlReaderWouldTakeForANumberBooleanOrDate_QuotedAsAString(string value)
    {
        var context = Context(customerKey: value) with { CostCenter = value };

        var labels = (YamlMappingNode)At(Parse(OpenSloExport.Yaml(Version(Availability(99.9m)), context))[1], "metadata", "labels");

        Assert.All(labels.Children.Values.Cast<YamlScalarNode>(), label =>
        {
            Assert.Equal(value, label.Value);
            Assert.NotEqual(ScalarStyle.Plain, label.Style);
        });
    }

    [Fact]
    public void Yaml_Slo_OneCalendarMonthWindowAnchoredOnTheMonthItTakesEffect()
    {
        var slo = SloFor("availability", Availability(99.9m));

        var windows = (YamlSequenceNode)At(slo, "spec", "timeWindow");
        var window = Assert.Single(windows.Children);
        Assert.Equal("1M", Text(window, "duration"));
        Assert.Equal("false", Text(window, "isRolling"));
        Assert.Equal("2026-03-01 00:00:00", Text(window, "calendar", "startTime"));
        Assert.Equal("UTC", Text(window, "calendar", "timeZone"));
        Assert.NotEqual(ScalarStyle.Plain, ((YamlScalarNode)At(window, "calendar", "startTime")).Style);
    }

    [Fact]
    public void Yaml_CustomerInNewYork_WindowIsTheCalendarMonthInItsTimeZone()
    {
        // In force from midnight UTC on 1 April: still the evening of 31 March in New York, so March's window.
        var version = Agreement.Open(ServiceId, CustomerId, Terms(targets: [Availability(99.9m)], leadTimeDays: 0, acceptedAt: new DateTime(2026, 4, 1, 9, 0, 0, DateTimeKind.Utc))).Versions[0];

        var slo = Parse(OpenSloExport.Yaml(version, Context() with { TimeZone = "America/New_York" }))[1];

        var window = At(slo, "spec", "timeWindow", 0);
        Assert.Equal("America/New_York", Text(window, "calendar", "timeZone"));
        Assert.Equal("2026-03-01 00:00:00", Text(window, "calendar", "startTime"));
    }

    [Fact]
    public void Yaml_VersionWithServiceHoursAndMaintenanceWindows_AnnotatesEverySloAndSaysItInTheComment()
    {
        var hours = ServiceHoursCalendar.BuiltIn("Europe/Berlin").Single(c => c.Key == ServiceHoursCalendar.BusinessHours) with { Holidays = [new DateOnly(2026, 12, 25)] };
        var terms = Terms(targets: [Availability(99.9m), TimeToRestore(240m, "P1")], leadTimeDays: 14, acceptedAt: T0) with
        {
            ServiceHours = hours,
            MaintenanceWindows = [new MaintenanceWindow("FREQ=WEEKLY;BYDAY=SU;BYHOUR=2;BYMINUTE=0", 120, "Europe/Berlin", "patching")],
        };
        var version = Agreement.Open(ServiceId, CustomerId, terms).Versions[0];

        var yaml = OpenSloExport.Yaml(version, Context());

        Assert.Contains(
            "# Service hours, within which availability is measured and the time to restore runs: Monday to Friday 08:00–18:00, Europe/Berlin time, except 1 listed holidays.\n",
            LeadingComment(yaml),
            StringComparison.Ordinal);
        Assert.Contains("# Planned work inside these windows is not downtime: every Sunday 02:00–04:00, Europe/Berlin time (patching).\n", LeadingComment(yaml), StringComparison.Ordinal);
        var slos = Parse(yaml).Skip(1).ToList();
        Assert.Equal(2, slos.Count);
        foreach (var slo in slos)
        {
            var windows = JsonNode.Parse(Text(slo, "metadata", "annotations", "catalog.example/maintenance-windows"))!.AsArray();
            var window = Assert.Single(windows)!;
            Assert.Equal("FREQ=WEEKLY;BYDAY=SU;BYHOUR=2;BYMINUTE=0", window["rrule"]!.GetValue<string>());
            Assert.Equal(120, window["durationMinutes"]!.GetValue<int>());
            Assert.Equal("Europe/Berlin", window["timeZone"]!.GetValue<string>());
            Assert.Equal("patching", window["description"]!.GetValue<string>());
            Assert.Equal("every Sunday 02:00–04:00, Europe/Berlin time (patching)", Text(slo, "metadata", "annotations", "catalog.example/maintenance-windows-in-words"));

            var serviceHours = JsonNode.Parse(Text(slo, "metadata", "annotations", "catalog.example/service-hours"))!;
            Assert.Equal("business-hours", serviceHours["key"]!.GetValue<string>());
            Assert.Equal("Europe/Berlin", serviceHours["timeZone"]!.GetValue<string>());
            Assert.Equal(5, serviceHours["weeklyHours"]!.AsArray().Count);
            Assert.Equal("""{"day":"monday","from":"08:00","to":"18:00"}""", serviceHours["weeklyHours"]![0]!.ToJsonString());
            Assert.Equal("2026-12-25", serviceHours["holidays"]![0]!.GetValue<string>());
            Assert.Equal("Monday to Friday 08:00–18:00, Europe/Berlin time, except 1 listed holidays", Text(slo, "metadata", "annotations", "catalog.example/service-hours-in-words"));
        }
    }

    [Fact]
    public void Yaml_VersionWithoutServiceHoursOrWindows_NoSuchAnnotations()
    {
        var slo = SloFor("availability", Availability(99.9m));

        var annotations = (YamlMappingNode)At(slo, "metadata", "annotations");
        Assert.Equal(
            ["catalog.example/agreement-id", "catalog.example/agreement-version", "catalog.example/effective-from"],
            annotations.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
        Assert.DoesNotContain("Planned work", Render(Availability(99.9m)), StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_TimeToRestore_IncidentsRestoredInTimeOverAllIncidentsOfThePriority()
    {
        var slo = SloFor("time-to-restore", TimeToRestore(240.0m, "P1"));

        var ratio = At(slo, "spec", "indicator", "spec", "ratioMetric");
        Assert.Equal("incidents-restored-within-target", Text(ratio, "good", "metricSource", "spec", "signal"));
        Assert.Equal("P1", Text(ratio, "good", "metricSource", "spec", "priority"));
        Assert.Equal("240", Text(ratio, "good", "metricSource", "spec", "withinMinutes"));
        Assert.Equal("incidents", Text(ratio, "total", "metricSource", "spec", "signal"));
        Assert.Equal("P1", Text(ratio, "total", "metricSource", "spec", "priority"));
        Assert.Equal(OpenSloExport.EveryOccurrence, Number(slo, "spec", "objectives", 0, "target"));
        Assert.Equal("Every P1 incident restored within 240 minutes", Text(slo, "spec", "objectives", 0, "displayName"));
        Assert.StartsWith("Every P1 incident of Corporate Email is restored within 240 minutes", Text(slo, "spec", "description"), StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_TimeToRestoreWithoutPriority_CountsEveryIncident()
    {
        var slo = SloFor("time-to-restore", TimeToRestore(60m));

        Assert.Equal("corporate-email-finance-time-to-restore", Text(slo, "metadata", "name"));
        var good = (YamlMappingNode)At(slo, "spec", "indicator", "spec", "ratioMetric", "good", "metricSource", "spec");
        Assert.False(good.Children.ContainsKey(new YamlScalarNode("priority")));
        Assert.Equal("Every incident restored within 60 minutes", Text(slo, "spec", "objectives", 0, "displayName"));
    }

    [Theory]
    [InlineData("p95", "0.95")]
    [InlineData("P99.9", "0.999")]
    [InlineData("95th percentile", "0.95")]
    [InlineData("90%", "0.9")]
    public void Yaml_ResponseTimeAtAPercentile_ThresholdInTheGoodQueryAndPercentileAsTarget(string scope, string expected)
    {
        var slo = SloFor("response-time", ResponseTime(300m, scope));

        var ratio = At(slo, "spec", "indicator", "spec", "ratioMetric");
        Assert.Equal("requests-within-threshold", Text(ratio, "good", "metricSource", "spec", "signal"));
        Assert.Equal(300m, Number(ratio, "good", "metricSource", "spec", "thresholdMilliseconds"));
        Assert.Equal("requests", Text(ratio, "total", "metricSource", "spec", "signal"));
        Assert.Equal(expected, Text(slo, "spec", "objectives", 0, "target"));
    }

    [Theory]
    [InlineData(null, "Every request within 300 ms")]
    [InlineData("p100", "100% of requests within 300 ms")]
    public void Yaml_ResponseTimeForEveryRequest_WritesTheLargestTargetOpenSloAllows(string? scope, string objective)
    {
        var slo = SloFor("response-time", ResponseTime(300m, scope));

        Assert.Equal(OpenSloExport.EveryOccurrence, Number(slo, "spec", "objectives", 0, "target"));
        Assert.Equal(objective, Text(slo, "spec", "objectives", 0, "displayName"));
    }

    [Theory]
    [InlineData("checkout")]
    [InlineData("p0")]
    [InlineData("p150")]
    public void Yaml_ResponseTimeScopedByWhatIsNoPercentile_ListedNotDropped(string scope)
    {
        var yaml = Render(ResponseTime(300m, scope));

        Assert.Single(Parse(yaml));
        Assert.Contains(
            $"# Not expressible in OpenSLO: response-time ({scope}) = 300 milliseconds [scope '{scope}' is not a percentile]\n",
            LeadingComment(yaml),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_TargetsOpenSloCannotExpress_ListedInTheLeadingComment()
    {
        var yaml = Render(
            Availability(99.9m),
            SupportHours("24x7"),
            RecoveryPoint(15m),
            RecoveryTime(480m),
            new Target("carbon", TargetValue.Of(12.5m), "eu"));

        Assert.Contains(
            "# Not expressible in OpenSLO: support-hours = 24x7, recovery-point = 15 minutes, recovery-time = 480 minutes, carbon (eu) = 12.5 kg\n",
            LeadingComment(yaml),
            StringComparison.Ordinal);
        Assert.Equal(["Service", "SLO"], Parse(yaml).Select(d => Text(d, "kind")));
    }

    [Fact]
    public void Yaml_EveryTargetExpressible_NoNotExpressibleLine()
    {
        var yaml = Render(Availability(99.9m), TimeToRestore(240m, "P1"), ResponseTime(300m, "p95"));

        Assert.DoesNotContain("Not expressible", yaml, StringComparison.Ordinal);
        Assert.Equal(4, Parse(yaml).Count);
    }

    [Fact]
    public void Yaml_ScopeWithALineBreak_StaysInsideTheComment()
    {
        var yaml = Render(SupportHours("24x7", "site A\nkind: SLO"));

        Assert.Contains("# Not expressible in OpenSLO: support-hours (site A kind: SLO) = 24x7\n", yaml, StringComparison.Ordinal);
        Assert.Equal(["Service"], Parse(yaml).Select(d => Text(d, "kind")));
    }

    [Fact]
    public void Yaml_EveryName_IsAnRfc1123Label()
    {
        var documents = Parse(OpenSloExport.Yaml(
            Version(Availability(99.9m, "Zürich & Basel"), TimeToRestore(30m, "P1 — critical"), ResponseTime(250m, "p99")),
            Context(serviceKey: "a-very-long-service-key-that-fills-most-of-the-sixty-four-chars", customerKey: "investment-banking")));

        var names = documents.SelectMany(d => d.AllNodes.OfType<YamlMappingNode>())
            .Where(m => m.Children.ContainsKey(new YamlScalarNode("metadata")))
            .Select(m => Text(m, "metadata", "name"))
            .ToList();
        Assert.Equal(7, names.Count);
        Assert.All(names, name => Assert.Matches(Rfc1123Label(), name));
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Theory]
    [InlineData(new[] { "corporate-email", "finance", "time-to-restore", "P1" }, "corporate-email-finance-time-to-restore-p1")]
    [InlineData(new[] { "mail", "finance", "availability", "Zürich & Basel" }, "mail-finance-availability-z-rich-basel")]
    [InlineData(new[] { "mail", "finance", "availability", null }, "mail-finance-availability")]
    [InlineData(new[] { "--", "" }, "slo")]
    public void Name_Parts_LowerCaseAlphanumericsJoinedByHyphens(string?[] parts, string expected)
    {
        Assert.Equal(expected, OpenSloExport.Name(parts));
    }

    [Fact]
    public void Name_LongerThan63_CutAndKeepsAHashOfTheWhole()
    {
        var prefix = new string('s', 60);

        var one = OpenSloExport.Name(prefix, "availability");
        var other = OpenSloExport.Name(prefix, "time-to-restore");

        Assert.Equal(63, one.Length);
        Assert.Matches(Rfc1123Label(), one);
        Assert.StartsWith(prefix[..50], one, StringComparison.Ordinal);
        Assert.NotEqual(one, other);
    }

    [Fact]
    public void Yaml_ScopesThatSlugAlike_GetDistinctNames()
    {
        var slos = Documents(TimeToRestore(30m, "P1"), TimeToRestore(60m, "p1")).Skip(1).ToList();

        var names = slos.Select(s => Text(s, "metadata", "name")).ToList();
        Assert.Equal(2, names.Distinct().Count());
        Assert.All(names, name => Assert.StartsWith("corporate-email-finance-time-to-restore-p1-", name, StringComparison.Ordinal));
        Assert.All(names, name => Assert.Matches(Rfc1123Label(), name));
    }

    [Fact]
    public void Yaml_TwoCustomersOfOneService_SloNamesDifferServiceNameAgrees()
    {
        var version = Version(Availability(99.9m));

        var finance = Parse(OpenSloExport.Yaml(version, Context(customerKey: "finance")));
        var sales = Parse(OpenSloExport.Yaml(version, Context(customerKey: "sales")));

        Assert.Equal(Text(finance[0], "metadata", "name"), Text(sales[0], "metadata", "name"));
        Assert.NotEqual(Text(finance[1], "metadata", "name"), Text(sales[1], "metadata", "name"));
    }

    [Fact]
    public void Yaml_LongServiceSummary_DescriptionCutToOpenSloLimit()
    {
        var context = Context() with { ServiceSummary = new string('x', 2_000) };

        var description = Text(Parse(OpenSloExport.Yaml(Version(Availability(99.9m)), context))[0], "spec", "description");

        Assert.Equal(1050, description.Length);
        Assert.StartsWith("Corporate Email: xxx", description, StringComparison.Ordinal);
        Assert.EndsWith("x…", description, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_SameVersion_SameText()
    {
        Assert.Equal(Render(Availability(99.9m), TimeToRestore(240m, "P1")), Render(Availability(99.9m), TimeToRestore(240m, "P1")));
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\z")]
    private static partial Regex Rfc1123Label();
}
