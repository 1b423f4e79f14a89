using Catalog.Api.Domain.Delivery;
using Catalog.Api.Domain.Metrics;
using Catalog.Api.Domain.Negotiation;

namespace Catalog.Api.UnitTests.Domain.Delivery;

public class ServiceCreditsTests
{
    private static readonly IReadOnlyDictionary<string, Metric> Metrics = BuiltInMetrics.All.ToDictionary(m => m.Key);

    private static readonly Target[] Targets =
    [
        new("availability", TargetValue.Of(99.9m)),
        new("time-to-restore", TargetValue.Of(60m), "P1"),
        new("support-hours", TargetValue.Of("24x7")),
    ];

    private static CreditBand Band(string metric, decimal worseThan, decimal percent, string? scope = null) => new(metric, worseThan, percent, scope);

    private static List<string> Fields(params CreditBand[] bands) => Fields(30m, bands);

    private static List<string> Fields(decimal cap, params CreditBand[] bands) =>
        new ServiceCredits(bands, cap).Problems(Targets, Metrics).Select(p => p.Field).ToList();

    [Fact]
    public void Problems_BandsThatFollowEachTargetsDirection_None()
    {
        Assert.Empty(Fields(
            Band("availability", 99.9m, 10m), Band("availability", 99.5m, 25m),
            Band("time-to-restore", 60m, 5m, "P1"), Band("time-to-restore", 240m, 30m, "P1")));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(100.5)]
    public void Problems_CreditPercentOutsideAPercentage_NamesIt(decimal percent) =>
        Assert.Contains("bands[0].creditPercent", Fields(100m, Band("availability", 99.9m, percent)));

    [Theory]
    [InlineData(-5)]
    [InlineData(101)]
    [InlineData(20)]
    public void Problems_CapOutsideAPercentageOrBelowABand_NamesTheCap(decimal cap) =>
        Assert.Equal(["capPercent"], Fields(cap, Band("availability", 99.9m, 25m)));

    [Fact]
    public void Problems_MetricNotAmongTheTargets_NamesTheMetric() =>
        Assert.Equal(["bands[0].metric"], Fields(Band("response-time", 800m, 10m, "p95")));

    [Fact]
    public void Problems_ScopeNotAmongTheTargets_NamesTheMetric() =>
        Assert.Equal(["bands[0].metric"], Fields(Band("time-to-restore", 60m, 10m, "P2")));

    [Fact]
    public void Problems_LevelledTarget_NamesTheMetric() =>
        Assert.Equal(["bands[0].metric"], Fields(Band("support-hours", 1m, 10m)));

    [Fact]
    public void Problems_RepeatedThreshold_NamesTheSecond() =>
        Assert.Equal(["bands[1].worseThan"], Fields(Band("availability", 99.5m, 10m), Band("availability", 99.5m, 20m)));

    [Fact]
    public void Problems_WorseAvailabilityCreditingLess_NamesItsPercent() =>
        Assert.Equal(["bands[0].creditPercent"], Fields(Band("availability", 99.5m, 10m), Band("availability", 99.9m, 25m)));

    [Fact]
    public void Problems_LongerRestoreCreditingTheSame_NamesItsPercent() =>
        Assert.Equal(["bands[1].creditPercent"], Fields(Band("time-to-restore", 60m, 10m, "P1"), Band("time-to-restore", 240m, 10m, "P1")));

    [Theory]
    [InlineData("availability", 99.95, null)]
    [InlineData("time-to-restore", 30, "P1")]
    public void Problems_ThresholdStricterThanThePromise_NamesTheThreshold(string metric, decimal worseThan, string? scope) =>
        Assert.Equal(["bands[0].worseThan"], Fields(Band(metric, worseThan, 10m, scope)));

    [Fact]
    public void Problems_AvailabilityThresholdAbove100_NamesTheThreshold() =>
        Assert.Equal(["bands[0].worseThan"], Fields(Band("availability", 100.5m, 10m)));
}
