namespace Catalog.Api.Domain.Metrics;

/// <summary>The vocabulary every installation starts with. Ids are fixed so that every database agrees on them.</summary>
public static class BuiltInMetrics
{
    private static readonly DateTime Epoch = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static IReadOnlyList<Metric> All { get; } =
    [
        Metric.Define(new Guid("00000000-0000-7000-8000-000000000001"), "availability", "Availability", "percent", MetricDirection.HigherIsStricter, null, null, true, Epoch),
        Metric.Define(new Guid("00000000-0000-7000-8000-000000000002"), "time-to-restore", "Time to restore", "minutes", MetricDirection.LowerIsStricter, null, "priority", true, Epoch),
        Metric.Define(new Guid("00000000-0000-7000-8000-000000000003"), "response-time", "Response time", "milliseconds", MetricDirection.LowerIsStricter, null, "percentile", true, Epoch),
        Metric.Define(new Guid("00000000-0000-7000-8000-000000000004"), "support-hours", "Support hours", "coverage", MetricDirection.HigherIsStricter, ["business-hours", "extended-hours", "24x7"], null, true, Epoch),
        Metric.Define(new Guid("00000000-0000-7000-8000-000000000005"), "recovery-point", "Recovery point objective", "minutes", MetricDirection.LowerIsStricter, null, null, true, Epoch),
        Metric.Define(new Guid("00000000-0000-7000-8000-000000000006"), "recovery-time", "Recovery time objective", "minutes", MetricDirection.LowerIsStricter, null, null, true, Epoch),
    ];
}
