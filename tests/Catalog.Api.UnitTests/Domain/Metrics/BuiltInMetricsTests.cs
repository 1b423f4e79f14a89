using Catalog.Api.Domain.Metrics;

namespace Catalog.Api.UnitTests.Domain.Metrics;

public class BuiltInMetricsTests
{
    [Fact]
    public void All_Keys_AreExactlyTheSpecifiedVocabulary()
    {
        Assert.Equal(
            ["availability", "time-to-restore", "response-time", "support-hours", "recovery-point", "recovery-time"],
            BuiltInMetrics.All.Select(m => m.Key));
    }

    [Theory]
    [InlineData("availability", MetricDirection.HigherIsStricter, "percent")]
    [InlineData("time-to-restore", MetricDirection.LowerIsStricter, "minutes")]
    [InlineData("response-time", MetricDirection.LowerIsStricter, "milliseconds")]
    [InlineData("support-hours", MetricDirection.HigherIsStricter, "coverage")]
    [InlineData("recovery-point", MetricDirection.LowerIsStricter, "minutes")]
    [InlineData("recovery-time", MetricDirection.LowerIsStricter, "minutes")]
    public void All_EachMetric_HasSpecifiedDirectionAndUnit(string key, MetricDirection direction, string unit)
    {
        var metric = Assert.Single(BuiltInMetrics.All, m => m.Key == key);

        Assert.Equal(direction, metric.Direction);
        Assert.Equal(unit, metric.Unit);
        Assert.True(metric.BuiltIn);
    }

    [Fact]
    public void All_SupportHours_IsLevelledFromBusinessHoursTo24x7()
    {
        var supportHours = Assert.Single(BuiltInMetrics.All, m => m.Key == "support-hours");

        Assert.Equal(MetricValueType.Level, supportHours.ValueType);
        Assert.Equal(["business-hours", "extended-hours", "24x7"], supportHours.Levels);
    }

    [Fact]
    public void All_OtherMetrics_AreNumbers()
    {
        Assert.All(
            BuiltInMetrics.All.Where(m => m.Key != "support-hours"),
            m => Assert.Equal(MetricValueType.Number, m.ValueType));
    }

    [Theory]
    [InlineData("time-to-restore", "priority")]
    [InlineData("response-time", "percentile")]
    public void All_ScopedMetrics_NameTheirScope(string key, string scopeHint)
    {
        Assert.Equal(scopeHint, Assert.Single(BuiltInMetrics.All, m => m.Key == key).ScopeHint);
    }

    [Fact]
    public void All_Ids_AreFixedAndDistinct()
    {
        // Every database seeds these ids; changing one would orphan the targets that refer to it.
        Assert.Equal(
            [
                new Guid("00000000-0000-7000-8000-000000000001"),
                new Guid("00000000-0000-7000-8000-000000000002"),
                new Guid("00000000-0000-7000-8000-000000000003"),
                new Guid("00000000-0000-7000-8000-000000000004"),
                new Guid("00000000-0000-7000-8000-000000000005"),
                new Guid("00000000-0000-7000-8000-000000000006"),
            ],
            BuiltInMetrics.All.Select(m => m.Id));
        Assert.Equal(BuiltInMetrics.All.Count, BuiltInMetrics.All.Select(m => m.Id).Distinct().Count());
    }

    [Fact]
    public void All_CreatedAt_IsAFixedUtcInstant()
    {
        Assert.All(BuiltInMetrics.All, m =>
        {
            Assert.Equal(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), m.CreatedAt);
            Assert.Equal(DateTimeKind.Utc, m.CreatedAt.Kind);
        });
    }
}
