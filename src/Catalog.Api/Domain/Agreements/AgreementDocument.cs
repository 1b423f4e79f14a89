using System.Globalization;
using System.Text;
using Catalog.Api.Domain.Common;
using Catalog.Api.Domain.Delivery;
using Catalog.Api.Domain.Metrics;
using Catalog.Api.Domain.Negotiation;

namespace Catalog.Api.Domain.Agreements;

/// <summary>
/// An agreement version as a short document a business reader understands: what is promised, how recovery
/// works, what it costs and where it came from, in sentences rather than a table of metrics.
/// </summary>
public static class AgreementDocument
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <param name="ConsumerName">The customer's name, or for an operational level agreement the dependent service's.</param>
    /// <param name="CostCenter">Where the customer's charges go; unused between services, which are charged nothing.</param>
    /// <param name="ServiceNames">Names of the services the version's consequences mention, by id.</param>
    /// <param name="BetweenServices">An operational level agreement: the consumer is a service that depends on this one.</param>
    public sealed record Context(
        string ServiceName,
        string ServiceSummary,
        string ConsumerName,
        string CostCenter,
        string Unit,
        decimal UnitCostPerMonth,
        string UnitCurrency,
        int SubscribedUnits,
        AgreementStatus Status,
        IReadOnlyDictionary<string, Metric> Metrics,
        IReadOnlyDictionary<Guid, string>? ServiceNames = null,
        bool BetweenServices = false);

    public static string Markdown(AgreementVersion version, Context context)
    {
        var service = MarkdownText.Escape(context.ServiceName);
        var customer = MarkdownText.Escape(context.ConsumerName);
        var text = new StringBuilder();
        text.Append(Invariant, $"# {service} for {customer}\n\n");
        text.Append(context.BetweenServices
            ? string.Create(Invariant, $"Operational level agreement between {service} (provider) and {customer} (consumer), version {version.Number}, in force from {Date(version.EffectiveFrom)}.")
            : string.Create(Invariant, $"Service level agreement, version {version.Number}, in force from {Date(version.EffectiveFrom)}."));
        if (context.Status == AgreementStatus.Terminated)
        {
            text.Append(" This agreement has since been terminated.");
        }

        text.Append("\n\n");
        text.Append(Invariant, $"{service}: {MarkdownText.Escape(context.ServiceSummary)}\n\n");

        text.Append("## What is promised\n\n");
        foreach (var target in version.Targets.Where(t => !IsRecovery(t.Metric)))
        {
            text.Append(Invariant, $"- {Sentence(context, target)}\n");
        }

        var recovery = version.Targets.Where(t => IsRecovery(t.Metric)).ToList();
        if (recovery.Count > 0)
        {
            text.Append("\n## When things go wrong\n\n");
            foreach (var target in recovery)
            {
                text.Append(Invariant, $"- {Sentence(context, target)}\n");
            }
        }

        if (version.ServiceHours is { } hours || version.MaintenanceWindows.Count > 0)
        {
            text.Append("\n## Service hours and planned work\n\n");
            if (version.ServiceHours is { } agreed)
            {
                text.Append(Invariant, $"- Availability is measured, and the clock for restoring service runs, during {MarkdownText.Escape(agreed.Name.ToLowerInvariant())}: {MarkdownText.Escape(agreed.Describe())}.\n");
            }

            foreach (var window in version.MaintenanceWindows)
            {
                text.Append(Invariant, $"- IT may do planned work {MarkdownText.Escape(window.Describe())}; work in these windows does not count as downtime, planned work at any other time does.\n");
            }
        }

        if (version.ServiceCredits is { } credits)
        {
            text.Append("\n## If a promise is missed\n\n");
            foreach (var line in CreditSentences(credits, context.Metrics))
            {
                text.Append(Invariant, $"- {line}\n");
            }
        }

        text.Append("\n## What it costs\n\n");
        text.Append(context.BetweenServices
            ? string.Create(Invariant, $"- Keeping these service levels costs IT {Money(version.MonthlyCharge, version.Currency)} per month; an operational level agreement is charged to no business unit.\n")
            : string.Create(Invariant, $"- These service levels cost {Money(version.MonthlyCharge, version.Currency)} per month, charged to cost centre {MarkdownText.Escape(context.CostCenter)}.\n"));
        text.Append(version.OneOffCost > 0
            ? string.Create(Invariant, $"- Putting them in place costs {Money(version.OneOffCost, version.Currency)} once.\n")
            : "- There is no one-off cost.\n");

        // Between services nobody subscribes units or pays per unit: the unit price belongs to customers' documents.
        if (!context.BetweenServices)
        {
            var unit = MarkdownText.Escape(context.Unit);
            text.Append(Invariant, $"- The service itself costs {Money(context.UnitCostPerMonth, context.UnitCurrency)} per {unit} per month");
            if (context.SubscribedUnits > 0)
            {
                var perUnit = version.Currency == context.UnitCurrency ? $"; with {context.SubscribedUnits} {MarkdownText.Escape(Plural(context.Unit, context.SubscribedUnits))} the service levels add {Money(Common.Money.Round(version.MonthlyCharge / context.SubscribedUnits), version.Currency)} per {unit}" : string.Empty;
                text.Append(Invariant, $"{perUnit}.\n");
            }
            else
            {
                text.Append(".\n");
            }
        }

        if (version.TradeOffs.Count > 0 || version.Consequences.Count > 0 || version.Note is not null)
        {
            text.Append("\n## What comes with it\n\n");
            if (version.Note is not null)
            {
                text.Append(Invariant, $"IT's note on its counter-offer: {MarkdownText.Escape(version.Note)}\n\n");
            }

            if (version.TradeOffs.Count > 0)
            {
                text.Append(Invariant, $"What {customer} accepts in return:\n\n");
                foreach (var tradeOff in version.TradeOffs)
                {
                    text.Append(Invariant, $"- {MarkdownText.Escape(tradeOff)}\n");
                }

                text.Append('\n');
            }

            if (version.Consequences.Count > 0)
            {
                text.Append("What it means for other services:\n\n");
                foreach (var consequence in version.Consequences)
                {
                    var name = consequence.ServiceId is { } id && context.ServiceNames?.GetValueOrDefault(id) is { } named ? $"{MarkdownText.Escape(named)}: " : string.Empty;
                    text.Append(Invariant, $"- {name}{MarkdownText.Escape(consequence.Description)} ({Severity(consequence.Severity)} impact)\n");
                }

                text.Append('\n');
            }
        }
        else
        {
            text.Append('\n');
        }

        text.Append("## Where it came from\n\n");
        var accepted = version.Option == AcceptOption.Proposed ? "the targets it proposed" : "IT's counter-offer";
        var title = MarkdownText.Escape(version.ProposalTitle);
        if (version.SignedBy is { } signatory)
        {
            text.Append(Invariant, $"Signed on {Date(version.AcceptedAt)} for {customer} by {Signature(signatory)}, accepting {accepted} in round {version.Round} of the proposal \"{title}\".\n");
        }
        else
        {
            text.Append(Invariant, $"Accepted on {Date(version.AcceptedAt)} for {customer}, accepting {accepted} in round {version.Round} of the proposal \"{title}\"; no signatory was recorded.\n");
        }

        return text.ToString();
    }

    /// <summary>
    /// The credit bands in plain words, one sentence per target: "If availability is worse than 99.9% in a month, 10% of
    /// that month's charge is credited; worse than 99.5%: 25%; at most 30% in any month."
    /// </summary>
    public static IReadOnlyList<string> CreditSentences(ServiceCredits credits, IReadOnlyDictionary<string, Metric> metrics)
    {
        var sentences = new List<string>();
        foreach (var group in credits.Bands.GroupBy(b => b.Identity))
        {
            var first = group.First();
            var bands = metrics.TryGetValue(first.Metric, out var metric)
                ? group.OrderByDescending(b => b.WorseThan, Comparer<decimal>.Create((a, b) => TargetRules.Strictness(metric, TargetValue.Of(a), TargetValue.Of(b)))).ToList()
                : group.OrderBy(b => b.CreditPercent).ToList();
            var label = TargetWording.Label(first.Metric, first.Scope, metrics);
            var text = new StringBuilder();
            text.Append(Invariant, $"If {label} is worse than {TargetWording.Value(first.Metric, TargetValue.Of(bands[0].WorseThan), metrics)} in a month, {Percent(bands[0].CreditPercent)} of that month's charge is credited");
            foreach (var band in bands.Skip(1))
            {
                text.Append(Invariant, $"; worse than {TargetWording.Value(band.Metric, TargetValue.Of(band.WorseThan), metrics)}: {Percent(band.CreditPercent)}");
            }

            sentences.Add(text.ToString());
        }

        var cap = $"at most {Percent(credits.CapPercent)} in any month";
        if (sentences.Count == 1)
        {
            return [$"{sentences[0]}; {cap}."];
        }

        return [.. sentences.Select(s => s + "."), $"Where several targets are missed in a month, the largest credit applies, {cap}."];
    }

    private static string Percent(decimal percent) => $"{percent.ToString(TargetValue.ExactFormat, Invariant)}%";

    /// <summary>"Dana Ruiz (Head of Sales)", escaped.</summary>
    public static string Signature(Signatory signatory) =>
        signatory.Title is null ? MarkdownText.Escape(signatory.Name) : $"{MarkdownText.Escape(signatory.Name)} ({MarkdownText.Escape(signatory.Title)})";

    public static string Date(DateTime instant) => instant.ToString("d MMMM yyyy", Invariant);

    private static string Severity(ConsequenceSeverity severity) => severity switch
    {
        ConsequenceSeverity.High => "high",
        ConsequenceSeverity.Medium => "medium",
        _ => "low",
    };

    /// <summary>One target as a sentence: "Corporate Email will be available at least 99.9% of each calendar month."</summary>
    public static string Sentence(Context context, Target target)
    {
        var value = target.Value;
        var scoped = MarkdownText.Escape(target.Scope);
        var scope = target.Scope is null ? string.Empty : $" for {scoped}";
        var service = MarkdownText.Escape(context.ServiceName);
        return target.Metric switch
        {
            "availability" => $"{service} will be available at least {Number(value)}% of each calendar month{scope}.",
            "time-to-restore" => $"If it fails{(target.Scope is null ? string.Empty : $" ({scoped} incidents)")}, service is restored within {Duration(value)}.",
            "response-time" => $"It responds within {Number(value)} milliseconds{(target.Scope is null ? string.Empty : $" ({scoped} of requests)")}.",
            "support-hours" => $"Support is available {SupportHours(value.Level)}{scope}.",
            "recovery-point" => $"If data has to be restored, at most the last {Duration(value)} of changes can be lost{scope}.",
            "recovery-time" => $"After a disaster, {service} is back within {Duration(value)}{scope}.",
            _ => Generic(context, target, scope),
        };
    }

    private static string Generic(Context context, Target target, string scope)
    {
        if (!context.Metrics.TryGetValue(target.Metric, out var metric))
        {
            return $"{MarkdownText.Escape(target.Metric)}: {MarkdownText.Escape(target.Value.ToString())}{scope}.";
        }

        var bound = metric.Direction == MetricDirection.HigherIsStricter ? "at least" : "at most";
        var unit = metric.ValueType == MetricValueType.Level ? string.Empty : $" {MarkdownText.Escape(metric.Unit)}";
        return $"{MarkdownText.Escape(metric.Name)}: {bound} {MarkdownText.Escape(target.Value.ToString())}{unit}{scope}.";
    }

    private static bool IsRecovery(string metric) => metric is "time-to-restore" or "recovery-point" or "recovery-time";

    private static string Number(TargetValue value) => (value.Number ?? 0m).ToString(TargetValue.ExactFormat, Invariant);

    private static string Duration(TargetValue value)
    {
        var minutes = value.Number ?? 0m;
        return minutes switch
        {
            >= 1440 when minutes % 1440 == 0 => Count(minutes / 1440, "day"),
            >= 60 when minutes % 60 == 0 => Count(minutes / 60, "hour"),
            _ => Count(minutes, "minute"),
        };
    }

    private static string Count(decimal amount, string unit) => $"{amount.ToString(TargetValue.ExactFormat, Invariant)} {(amount == 1 ? unit : unit + "s")}";

    /// <summary>English plural of a unit name for counts other than one (mailbox → mailboxes, report run → report runs).</summary>
    private static string Plural(string unit, int count)
    {
        if (count == 1 || unit.EndsWith('s'))
        {
            return unit;
        }

        if (unit.EndsWith('x') || unit.EndsWith('z') || unit.EndsWith("ch", StringComparison.Ordinal) || unit.EndsWith("sh", StringComparison.Ordinal))
        {
            return unit + "es";
        }

        return unit.Length > 1 && unit.EndsWith('y') && !"aeiou".Contains(unit[^2], StringComparison.Ordinal) ? unit[..^1] + "ies" : unit + "s";
    }

    private static string SupportHours(string? level) => level switch
    {
        "business-hours" => "during business hours",
        "extended-hours" => "during extended hours, early mornings and evenings included",
        "24x7" => "around the clock, every day of the year",
        _ => MarkdownText.Escape(level),
    };

    public static string Money(decimal amount, string currency) => $"{amount.ToString("#,0.00", Invariant)} {currency}";
}
