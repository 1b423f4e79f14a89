using Catalog.Api.Domain.Metrics;
using Catalog.Api.Domain.Negotiation;

namespace Catalog.Api.Domain.Agreements;

public enum TargetChange
{
    Added,
    Removed,
    Stricter,
    Looser,
    Unchanged,
}

/// <summary>How one version differs from another, target by target (by the metric's direction) and in charge.</summary>
public sealed record VersionDiff(int From, int To, IReadOnlyList<VersionDiff.TargetDiff> Targets, VersionDiff.ChargeDiff MonthlyCharge)
{
    public static VersionDiff Between(AgreementVersion from, AgreementVersion to, IReadOnlyDictionary<string, Metric> metrics)
    {
        var before = from.Targets.ToDictionary(t => t.Identity);
        var after = to.Targets.ToDictionary(t => t.Identity);
        var diffs = new List<TargetDiff>();
        foreach (var target in to.Targets)
        {
            if (!before.TryGetValue(target.Identity, out var old))
            {
                diffs.Add(new TargetDiff(target.Metric, target.Scope, TargetChange.Added, null, target.Value));
                continue;
            }

            var strictness = metrics.TryGetValue(target.Metric, out var metric) ? TargetRules.Strictness(metric, target.Value, old.Value) : 0;
            var change = strictness switch
            {
                > 0 => TargetChange.Stricter,
                < 0 => TargetChange.Looser,
                _ => TargetChange.Unchanged,
            };
            diffs.Add(new TargetDiff(target.Metric, target.Scope, change, old.Value, target.Value));
        }

        diffs.AddRange(from.Targets.Where(t => !after.ContainsKey(t.Identity)).Select(t => new TargetDiff(t.Metric, t.Scope, TargetChange.Removed, t.Value, null)));
        return new VersionDiff(from.Number, to.Number, diffs, new ChargeDiff(from.MonthlyCharge, to.MonthlyCharge, to.MonthlyCharge - from.MonthlyCharge, to.Currency));
    }

    public sealed record TargetDiff(string Metric, string? Scope, TargetChange Change, TargetValue? From, TargetValue? To);

    public sealed record ChargeDiff(decimal From, decimal To, decimal Change, string Currency);
}
