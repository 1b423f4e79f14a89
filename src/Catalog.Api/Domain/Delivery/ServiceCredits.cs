using System.Text.Json.Serialization;
using Catalog.Api.Domain.Metrics;
using Catalog.Api.Domain.Negotiation;

namespace Catalog.Api.Domain.Delivery;

/// <summary>
/// One step of what a miss costs IT: when the target of <see cref="Metric"/> (and <see cref="Scope"/>) was delivered
/// worse than <see cref="WorseThan"/> in a closed month, <see cref="CreditPercent"/> of that month's charge is credited.
/// "Worse" follows the metric's direction: lower availability, a longer time to restore.
/// </summary>
public sealed record CreditBand(string Metric, decimal WorseThan, decimal CreditPercent, string? Scope = null)
{
    [JsonIgnore]
    public (string Metric, string Scope) Identity => (Metric, Scope ?? string.Empty);
}

/// <summary>The credit bands IT offers with an analysis option, and the most that can be credited in any month.</summary>
public sealed record ServiceCredits(IReadOnlyList<CreditBand> Bands, decimal CapPercent)
{
    public const int MaxBands = 20;

    public sealed record Problem(string Field, string Message);

    /// <summary>
    /// Every reason the bands cannot be agreed with these targets; empty when they can. A band must name one of the
    /// option's numeric targets and a threshold no stricter than that target; the bands of one target must each name
    /// another threshold, and a worse threshold must credit more; the cap lies between the largest band and 100%.
    /// Fields are relative to the credits object ("bands[1].creditPercent", "capPercent").
    /// </summary>
    public IReadOnlyList<Problem> Problems(IReadOnlyList<Target> targets, IReadOnlyDictionary<string, Metric> metrics)
    {
        var problems = new List<Problem>();
        if (CapPercent is < 0 or > 100)
        {
            problems.Add(new Problem("capPercent", "capPercent is a percentage between 0 and 100."));
        }

        var byTarget = targets.ToDictionary(t => t.Identity);
        var judged = new List<(int Index, CreditBand Band, Metric Metric)>();
        for (var i = 0; i < Bands.Count; i++)
        {
            var band = Bands[i];
            var field = $"bands[{i}]";
            if (band.CreditPercent is < 0 or > 100)
            {
                problems.Add(new Problem($"{field}.creditPercent", "creditPercent is a percentage between 0 and 100."));
            }
            else if (band.CreditPercent > CapPercent && CapPercent is >= 0 and <= 100)
            {
                problems.Add(new Problem("capPercent", $"The cap of {Percent(CapPercent)} is below band {i}'s {Percent(band.CreditPercent)}; no band can credit more than the cap."));
            }

            if (!byTarget.TryGetValue(band.Identity, out var target) || !metrics.TryGetValue(band.Metric, out var metric))
            {
                var scoped = band.Scope is null ? string.Empty : $" for scope '{band.Scope}'";
                problems.Add(new Problem($"{field}.metric", $"'{band.Metric}'{scoped} is not one of this option's targets; a credit band applies to a target the option promises."));
                continue;
            }

            if (metric.ValueType != MetricValueType.Number || target.Value.Number is not { } promised)
            {
                problems.Add(new Problem($"{field}.metric", $"'{band.Metric}' is promised as a level, not a number; credit bands apply to measured numbers."));
                continue;
            }

            if (band.WorseThan < 0 || (metric.Unit == "percent" && band.WorseThan > 100))
            {
                problems.Add(new Problem($"{field}.worseThan", metric.Unit == "percent" ? "A percentage lies between 0 and 100." : "The threshold cannot be negative."));
                continue;
            }

            if (TargetRules.Strictness(metric, TargetValue.Of(band.WorseThan), TargetValue.Of(promised)) > 0)
            {
                problems.Add(new Problem(
                    $"{field}.worseThan",
                    $"{Value(metric, band.WorseThan)} is stricter than the promised {Value(metric, promised)} for '{band.Metric}'; a credit is earned only for delivering worse than the promise, so the threshold is the promise or worse."));
                continue;
            }

            judged.Add((i, band, metric));
        }

        foreach (var group in judged.GroupBy(j => j.Band.Identity))
        {
            // From the mildest miss to the worst: each threshold further from the promise must credit more.
            var metric = group.First().Metric;
            var ordered = group.OrderByDescending(j => j.Band.WorseThan, Comparer<decimal>.Create((a, b) => TargetRules.Strictness(metric, TargetValue.Of(a), TargetValue.Of(b)))).ToList();
            for (var k = 1; k < ordered.Count; k++)
            {
                var (previousIndex, previous, _) = ordered[k - 1];
                var (index, band, _) = ordered[k];
                if (band.WorseThan == previous.WorseThan)
                {
                    problems.Add(new Problem($"bands[{index}].worseThan", $"Bands {previousIndex} and {index} both start at {Value(metric, band.WorseThan)} for '{band.Metric}'; each band needs a threshold of its own."));
                }
                else if (band.CreditPercent <= previous.CreditPercent)
                {
                    problems.Add(new Problem(
                        $"bands[{index}].creditPercent",
                        $"Worse than {Value(metric, band.WorseThan)} is a bigger miss than worse than {Value(metric, previous.WorseThan)}, so it must credit more than {Percent(previous.CreditPercent)}, not {Percent(band.CreditPercent)}."));
                }
            }
        }

        return problems;
    }

    /// <summary>A number with its metric's unit: "99.5%", "240 minutes".</summary>
    internal static string Value(Metric metric, decimal number) =>
        number.ToString(TargetValue.ExactFormat, System.Globalization.CultureInfo.InvariantCulture) + (metric.Unit == "percent" ? "%" : $" {metric.Unit}");

    internal static string Percent(decimal percent) => $"{percent.ToString(TargetValue.ExactFormat, System.Globalization.CultureInfo.InvariantCulture)}%";
}
