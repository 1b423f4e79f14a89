using System.Globalization;
using Catalog.Api.Domain.Common;
using Catalog.Api.Domain.Metrics;
using Catalog.Api.Domain.Negotiation;

namespace Catalog.Api.Domain.Agreements;

/// <summary>
/// Targets as a business reader says them, with units and escaped for Markdown: "time to restore, P1
/// incidents: 15 minutes", "availability: 99.9% → 99.95%, stricter". Shared by the document, the diff and the timeline.
/// </summary>
public static class TargetWording
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>"availability", "time to restore, P1 incidents", "response time, p95 of requests".</summary>
    public static string Label(string metricKey, string? scope, IReadOnlyDictionary<string, Metric> metrics)
    {
        var name = metrics.TryGetValue(metricKey, out var metric) ? metric.Name : metricKey;
        name = metric?.BuiltIn == true ? name.ToLowerInvariant() : MarkdownText.Escape(name);
        if (scope is null)
        {
            return name;
        }

        var scoped = MarkdownText.Escape(scope);
        return metricKey switch
        {
            "time-to-restore" => $"{name}, {scoped} incidents",
            "response-time" => $"{name}, {scoped} of requests",
            _ => $"{name}, {scoped}",
        };
    }

    /// <summary>A value with its unit: "99.9%", "15 minutes", "800 milliseconds", "around the clock (24x7)".</summary>
    public static string Value(string metricKey, TargetValue value, IReadOnlyDictionary<string, Metric> metrics) =>
        value.Number is { } number ? Number(number) + Unit(metricKey, metrics) : Level(value.Level);

    /// <summary>"99.9% → 99.95%", "30 → 15 minutes": the unit once, where the reader expects it.</summary>
    public static string Change(string metricKey, TargetValue from, TargetValue to, IReadOnlyDictionary<string, Metric> metrics)
    {
        if (from.Number is { } before && to.Number is { } after)
        {
            var unit = Unit(metricKey, metrics);
            return unit == "%" ? $"{Number(before)}% → {Number(after)}%" : $"{Number(before)} → {Number(after)}{unit}";
        }

        return $"{Value(metricKey, from, metrics)} → {Value(metricKey, to, metrics)}";
    }

    /// <summary>"availability: 99.9%".</summary>
    public static string Describe(Target target, IReadOnlyDictionary<string, Metric> metrics) =>
        $"{Label(target.Metric, target.Scope, metrics)}: {Value(target.Metric, target.Value, metrics)}";

    public static string Number(decimal number) => number.ToString(TargetValue.ExactFormat, Invariant);

    private static string Unit(string metricKey, IReadOnlyDictionary<string, Metric> metrics)
    {
        var unit = metrics.TryGetValue(metricKey, out var metric) ? metric.Unit : string.Empty;
        return unit switch
        {
            "percent" => "%",
            "" => string.Empty,
            _ => " " + MarkdownText.Escape(unit),
        };
    }

    private static string Level(string? level) => level switch
    {
        "business-hours" => "business hours",
        "extended-hours" => "extended hours",
        "24x7" => "around the clock (24x7)",
        _ => MarkdownText.Escape(level),
    };
}
