using System.Globalization;
using System.Text;
using Catalog.Api.Domain.Common;
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

/// <summary>A diff told to a business reader: what changed in each target (with units), in money, and who agreed to the newer version.</summary>
public static class VersionDiffDocument
{
    public static string Markdown(VersionDiff diff, AgreementVersion from, AgreementVersion to, string serviceName, string customerName, IReadOnlyDictionary<string, Metric> metrics)
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.Append(invariant, $"# {MarkdownText.Escape(serviceName)} for {MarkdownText.Escape(customerName)}: version {to.Number} compared with version {from.Number}\n\n");
        text.Append(invariant, $"Version {from.Number} takes effect on {AgreementDocument.Date(from.EffectiveFrom)}; version {to.Number} on {AgreementDocument.Date(to.EffectiveFrom)}.\n\n");

        text.Append("## Service levels\n\n");
        foreach (var target in diff.Targets)
        {
            var label = TargetWording.Label(target.Metric, target.Scope, metrics);
            var line = target.Change switch
            {
                TargetChange.Added => $"{label}: {TargetWording.Value(target.Metric, target.To!.Value, metrics)}, added",
                TargetChange.Removed => $"{label}: {TargetWording.Value(target.Metric, target.From!.Value, metrics)}, removed",
                TargetChange.Unchanged => $"{label}: {TargetWording.Value(target.Metric, target.To!.Value, metrics)}, unchanged",
                TargetChange.Stricter => $"{label}: {TargetWording.Change(target.Metric, target.From!.Value, target.To!.Value, metrics)}, stricter",
                _ => $"{label}: {TargetWording.Change(target.Metric, target.From!.Value, target.To!.Value, metrics)}, looser",
            };
            text.Append(invariant, $"- {char.ToUpperInvariant(line[0])}{line[1..]}\n");
        }

        text.Append("\n## Money\n\n");
        var charge = diff.MonthlyCharge;
        var direction = charge.Change switch
        {
            > 0 => $"up {AgreementDocument.Money(charge.Change, charge.Currency)}",
            < 0 => $"down {AgreementDocument.Money(-charge.Change, charge.Currency)}",
            _ => "unchanged",
        };
        text.Append(invariant, $"- Monthly charge: {AgreementDocument.Money(charge.From, charge.Currency)} → {AgreementDocument.Money(charge.To, charge.Currency)} ({direction}).\n");
        text.Append(to.OneOffCost > 0
            ? string.Create(invariant, $"- Version {to.Number} came with a one-off cost of {AgreementDocument.Money(to.OneOffCost, to.Currency)}.\n")
            : string.Create(invariant, $"- Version {to.Number} came with no one-off cost.\n"));

        text.Append("\n## Who agreed\n\n");
        foreach (var version in new[] { from, to })
        {
            var who = version.SignedBy is { } signatory ? $"signed by {AgreementDocument.Signature(signatory)}" : "accepted without a recorded signatory";
            text.Append(invariant, $"- Version {version.Number}: {who} on {AgreementDocument.Date(version.AcceptedAt)}, from the proposal \"{MarkdownText.Escape(version.ProposalTitle)}\".\n");
        }

        return text.ToString();
    }
}
