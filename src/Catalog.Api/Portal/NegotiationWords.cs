using System.Globalization;
using Catalog.Api.Domain.Delivery;
using Catalog.Api.Domain.Metrics;
using Catalog.Api.Domain.Negotiation;
using Catalog.Api.Features.Metrics;

namespace Catalog.Api.Portal;

/// <summary>The negotiation's states, targets and terms as the portal writes them for people (plain text; Razor escapes it).</summary>
public static class NegotiationWords
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Status(ProposalStatus status) => status switch
    {
        ProposalStatus.Draft => "draft, not sent to IT yet",
        ProposalStatus.Submitted => "with IT, waiting for its analysis",
        ProposalStatus.Analysed => "analysed, waiting for your decision",
        ProposalStatus.Agreed => "agreed",
        _ => "withdrawn",
    };

    /// <summary>The same status as IT reads it in its queue.</summary>
    public static string StatusForIt(ProposalStatus status) => status switch
    {
        ProposalStatus.Submitted => "waiting for an analysis",
        ProposalStatus.Analysed => "analysed, with the business unit",
        _ => Status(status),
    };

    /// <summary>"Availability", "Time to restore (P1 incidents)".</summary>
    public static string Label(string metricKey, string? scope, IReadOnlyDictionary<string, MetricResponse> metrics)
    {
        var name = metrics.TryGetValue(metricKey, out var metric) ? metric.Name : metricKey;
        return scope is null ? name : metricKey == "time-to-restore" ? $"{name} ({scope} incidents)" : $"{name} ({scope})";
    }

    /// <summary>"99.95%", "60 minutes", "business hours".</summary>
    public static string Value(string metricKey, TargetValue value, IReadOnlyDictionary<string, MetricResponse> metrics)
    {
        if (value.Number is not { } number)
        {
            return Level(value.Level);
        }

        var unit = metrics.TryGetValue(metricKey, out var metric) ? metric.Unit : string.Empty;
        var shown = number.ToString(TargetValue.ExactFormat, Invariant);
        return unit switch
        {
            "percent" => shown + "%",
            "" => shown,
            _ => $"{shown} {unit}",
        };
    }

    public static string Level(string? level) => level switch
    {
        "business-hours" => "business hours",
        "extended-hours" => "extended hours",
        "24x7" => "around the clock (24x7)",
        _ => level ?? string.Empty,
    };

    /// <summary>What the value means, where the metric's unit gives it a meaning (downtime a month, hours and minutes).</summary>
    public static string? Guidance(Target target, IReadOnlyDictionary<string, MetricResponse> metrics) =>
        target.Value.Number is { } number && metrics.TryGetValue(target.Metric, out var metric)
            ? TargetGuidance.ForNumber(metric.Key, metric.Unit, metric.Direction, number)
            : null;

    public static string Feasibility(Feasibility feasibility) => feasibility switch
    {
        Domain.Negotiation.Feasibility.Feasible => "IT can do this",
        Domain.Negotiation.Feasibility.NeedsInvestment => "IT can do this with investment",
        _ => "not possible with the technology IT has today",
    };

    public static string Severity(ConsequenceSeverity severity) => severity switch
    {
        ConsequenceSeverity.High => "high",
        ConsequenceSeverity.Medium => "medium",
        _ => "low",
    };

    public static string Option(AcceptOption option) => option == AcceptOption.Proposed ? "What you asked for" : "IT's counter-offer";

    /// <summary>"+ EUR 4,000.00 a month", "− EUR 500.00 a month", "no change a month".</summary>
    public static string Increase(decimal delta, string currency) => delta switch
    {
        > 0 => $"+ {Show.Money(delta, currency)} a month",
        < 0 => $"− {Show.Money(-delta, currency)} a month",
        _ => "no change a month",
    };

    public static string Days(int days) => days == 1 ? "1 day" : string.Create(Invariant, $"{days} days");

    public static string Outage(OutageKind kind) => kind switch
    {
        OutageKind.Outage => "outage",
        OutageKind.Degradation => "degradation (slow or partly working)",
        _ => "planned work",
    };

    /// <summary>"delivered 99.95% (target 99.9%): kept".</summary>
    public static string Met(bool? met) => met switch
    {
        true => "kept",
        false => "missed",
        _ => "not measured",
    };

    /// <summary>
    /// The credit bands, one sentence per target: "If availability is worse than 99.9% in a month, 10% of that month's
    /// charge is credited; worse than 99.5%: 25%." and the cap.
    /// </summary>
    public static IReadOnlyList<string> Credits(ServiceCredits credits, IReadOnlyDictionary<string, MetricResponse> metrics)
    {
        var sentences = credits.Bands.GroupBy(b => b.Identity).Select(group =>
        {
            var bands = group.OrderBy(b => b.CreditPercent).ToList();
            var first = bands[0];
            var rest = string.Concat(bands.Skip(1).Select(b => $"; worse than {Value(b.Metric, TargetValue.Of(b.WorseThan), metrics)}: {Percent(b.CreditPercent)}"));
            return $"If {Label(first.Metric, first.Scope, metrics).ToLowerInvariant()} is worse than {Value(first.Metric, TargetValue.Of(first.WorseThan), metrics)} in a month, "
                + $"{Percent(first.CreditPercent)} of that month's charge is credited{rest}.";
        }).ToList();
        sentences.Add($"At most {Percent(credits.CapPercent)} of a month's charge is credited in any month.");
        return sentences;
    }

    public static string Percent(decimal? percent) => percent is { } p ? p.ToString("0.####", Invariant) + "%" : "unknown";

    public static string Month(string month) =>
        DateTime.TryParseExact(month, "yyyy-MM", Invariant, DateTimeStyles.None, out var at) ? Show.Month(at) : month;
}
