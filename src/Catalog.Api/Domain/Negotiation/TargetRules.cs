using Catalog.Api.Domain.Metrics;

namespace Catalog.Api.Domain.Negotiation;

/// <summary>What makes a set of targets well-formed, and what "stricter" means, both decided by the metric vocabulary.</summary>
public static class TargetRules
{
    public const int MaxTargets = 20;

    public sealed record Problem(int Index, string Field, string Message);

    /// <summary>Every reason the targets cannot be accepted, each tied to one target; empty when they are fine.</summary>
    public static IReadOnlyList<Problem> Check(IReadOnlyList<Target> targets, IReadOnlyDictionary<string, Metric> metrics)
    {
        var problems = new List<Problem>();
        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < targets.Count; i++)
        {
            var target = targets[i];
            if (!metrics.TryGetValue(target.Metric, out var metric))
            {
                problems.Add(new Problem(i, "metric", $"'{target.Metric}' is not a metric; see GET /api/v1/metrics."));
                continue;
            }

            if (!seen.Add(target.Identity))
            {
                problems.Add(new Problem(i, "scope", $"'{target.Metric}'{(target.Scope is null ? string.Empty : $" for scope '{target.Scope}'")} appears more than once."));
            }

            if (metric.ValueType == MetricValueType.Level)
            {
                if (target.Value.Level is null || !metric.Levels.Contains(target.Value.Level))
                {
                    problems.Add(new Problem(i, "value", $"'{metric.Key}' takes one of: {string.Join(", ", metric.Levels)}."));
                }
            }
            else if (target.Value.Number is not { } number)
            {
                problems.Add(new Problem(i, "value", $"'{metric.Key}' takes a number in {metric.Unit}."));
            }
            else if (number < 0 || (metric.Unit == "percent" && number > 100))
            {
                problems.Add(new Problem(i, "value", metric.Unit == "percent" ? "A percentage lies between 0 and 100." : "The value cannot be negative."));
            }
        }

        return problems;
    }

    /// <summary>Positive when <paramref name="candidate"/> is stricter than <paramref name="reference"/>, negative when looser, 0 when equal.</summary>
    public static int Strictness(Metric metric, TargetValue candidate, TargetValue reference)
    {
        var comparison = metric.ValueType == MetricValueType.Level
            ? IndexOf(metric, candidate).CompareTo(IndexOf(metric, reference))
            : (candidate.Number ?? 0m).CompareTo(reference.Number ?? 0m);
        return metric.Direction == MetricDirection.HigherIsStricter ? comparison : -comparison;
    }

    private static int IndexOf(Metric metric, TargetValue value) => metric.Levels.ToList().IndexOf(value.Level ?? string.Empty);
}
