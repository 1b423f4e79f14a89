using Catalog.Api.Domain.Common;
using Catalog.Api.Domain.Metrics;
using static Catalog.Api.UnitTests.TestData;

namespace Catalog.Api.UnitTests.Domain.Metrics;

public class MetricTests
{
    private static readonly Guid MetricId = new("0190f0b4-0000-7000-8000-00000000abcd");

    [Fact]
    public void Define_WithoutLevels_IsNumberMetric()
    {
        var metric = Metric.Define(MetricId, "throughput", "Throughput", "requests/s", MetricDirection.HigherIsStricter, null, null, false, T0);

        Assert.Equal(MetricId, metric.Id);
        Assert.Equal("throughput", metric.Key);
        Assert.Equal("Throughput", metric.Name);
        Assert.Equal("requests/s", metric.Unit);
        Assert.Equal(MetricDirection.HigherIsStricter, metric.Direction);
        Assert.Equal(MetricValueType.Number, metric.ValueType);
        Assert.Empty(metric.Levels);
        Assert.Null(metric.ScopeHint);
        Assert.False(metric.BuiltIn);
        Assert.Equal(T0, metric.CreatedAt);
        Assert.Equal(1, metric.Version);
    }

    [Fact]
    public void Define_EmptyLevels_IsNumberMetric()
    {
        var metric = Metric.Define(MetricId, "throughput", "Throughput", "requests/s", MetricDirection.HigherIsStricter, [], null, false, T0);

        Assert.Equal(MetricValueType.Number, metric.ValueType);
    }

    [Fact]
    public void Define_TwoOrMoreDistinctLevels_IsLevelMetricKeepingOrder()
    {
        var metric = Metric.Define(MetricId, "tier", "Tier", "tier", MetricDirection.HigherIsStricter, ["bronze", "silver", "gold"], "region", false, T0);

        Assert.Equal(MetricValueType.Level, metric.ValueType);
        Assert.Equal(["bronze", "silver", "gold"], metric.Levels);
        Assert.Equal("region", metric.ScopeHint);
    }

    [Fact]
    public void Define_LevelsListChangedAfterwards_MetricKeepsItsOwnCopy()
    {
        var levels = new List<string> { "bronze", "silver" };
        var metric = Metric.Define(MetricId, "tier", "Tier", "tier", MetricDirection.HigherIsStricter, levels, null, false, T0);

        levels.Add("gold");

        Assert.Equal(["bronze", "silver"], metric.Levels);
    }

    [Theory]
    [InlineData(new object[] { new[] { "gold" } })]
    [InlineData(new object[] { new[] { "gold", "gold" } })]
    [InlineData(new object[] { new[] { "bronze", "gold", "bronze" } })]
    public void Define_FewerThanTwoDistinctLevels_ThrowsInvalidLevels(string[] levels)
    {
        var error = Assert.Throws<DomainRuleException>(() =>
            Metric.Define(MetricId, "tier", "Tier", "tier", MetricDirection.HigherIsStricter, levels, null, false, T0));

        Assert.Equal("invalid-levels", error.Code);
    }

    [Theory]
    [InlineData("Throughput")]
    [InlineData("through put")]
    [InlineData("")]
    public void Define_InvalidKey_ThrowsInvalidKey(string key)
    {
        var error = Assert.Throws<DomainRuleException>(() =>
            Metric.Define(MetricId, key, "Throughput", "requests/s", MetricDirection.HigherIsStricter, null, null, false, T0));

        Assert.Equal("invalid-key", error.Code);
    }
}
