using System.Globalization;
using Catalog.Api.Domain.Common;
using Catalog.Api.Domain.Metrics;
using Catalog.Api.Domain.Negotiation;
using NodaTime;

namespace Catalog.Api.Domain.Delivery;

/// <summary>What one agreement version says a miss costs, and what it charges per month.</summary>
/// <param name="Credits">The agreed credit bands; null when the version was agreed without any.</param>
public sealed record CreditTerms(ServiceCredits? Credits, decimal MonthlyCharge, string Currency);

/// <summary>
/// The credit one version earned in a closed month: the share of the month it was in force (pro rata by day, as
/// charges count it), the part of its monthly charge those days bear, and the percentage of that part credited.
/// </summary>
public sealed record VersionCredit(int Version, decimal CreditPercent, int Days, int DaysInMonth, decimal MonthlyCharge, decimal ChargedAmount, decimal Amount, string Reason);

/// <summary>A closed month's credit over every version in force in it that carried credit bands.</summary>
/// <param name="CreditPercent">The highest percentage any of the month's versions earned.</param>
public sealed record MonthCredit(decimal CreditPercent, decimal Amount, string Currency, IReadOnlyList<VersionCredit> Versions);

/// <summary>
/// What a miss costs IT. For a closed month, per version stretch: each missed target falls into the worst band its
/// result crosses; the worst target decides; the cap limits it; and the percentage applies to the version's monthly
/// charge for the days of the month it was in force. A running month earns nothing yet.
/// </summary>
public static class CreditRules
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <param name="zone">The customer's time zone, in which the month's days are counted.</param>
    /// <param name="terms">Each version's credit bands and charge, by version number.</param>
    /// <returns>Null when the month is still running or none of its versions carries credit bands.</returns>
    public static MonthCredit? ForMonth(MonthAttainment month, DateTimeZone zone, IReadOnlyDictionary<int, CreditTerms> terms, IReadOnlyDictionary<string, Metric> metrics)
    {
        if (!month.Closed)
        {
            return null;
        }

        var credits = new List<VersionCredit>();
        string? currency = null;
        foreach (var stretch in month.Versions)
        {
            if (!terms.TryGetValue(stretch.Version, out var version) || version.Credits is not { } agreed)
            {
                continue;
            }

            currency = version.Currency;
            credits.Add(ForStretch(month.Month, zone, stretch, version, agreed, metrics));
        }

        return credits.Count == 0
            ? null
            : new MonthCredit(credits.Max(c => c.CreditPercent), credits.Sum(c => c.Amount), currency!, credits);
    }

    private static VersionCredit ForStretch(YearMonth month, DateTimeZone zone, VersionAttainment stretch, CreditTerms version, ServiceCredits agreed, IReadOnlyDictionary<string, Metric> metrics)
    {
        var misses = new List<Miss>();
        foreach (var target in stretch.Targets.Where(t => t.Met == false && t.Achieved is not null))
        {
            if (!metrics.TryGetValue(target.Metric, out var metric))
            {
                continue;
            }

            var achieved = TargetValue.Of(target.Achieved!.Value);
            var crossed = agreed.Bands
                .Where(b => b.Identity == (target.Metric, target.Scope ?? string.Empty))
                .Where(b => TargetRules.Strictness(metric, achieved, TargetValue.Of(b.WorseThan)) < 0)
                .MaxBy(b => b.CreditPercent);
            if (crossed is not null)
            {
                misses.Add(new Miss(target, metric, crossed));
            }
        }

        var earned = misses.Count == 0 ? 0m : misses.Max(m => m.Band.CreditPercent);
        var percent = Math.Min(earned, agreed.CapPercent);

        // The same rule as charges: a day belongs to the version in force at its start. The stretch's instants are read
        // as wall-clock times in the customer's zone, where the month's days begin.
        var calendarMonth = new CalendarMonth(month.Year, month.Month);
        var days = calendarMonth.DaysCovered(stretch.From.InZone(zone).ToDateTimeUnspecified(), stretch.To.InZone(zone).ToDateTimeUnspecified());
        var charged = Common.Money.Round(version.MonthlyCharge * days / calendarMonth.Days);
        var amount = Common.Money.Round(charged * percent / 100m);
        return new VersionCredit(stretch.Version, percent, days, calendarMonth.Days, version.MonthlyCharge, charged, amount, Reason(misses, earned, percent, days, calendarMonth.Days, charged, amount, version.Currency));
    }

    private static string Reason(
        List<Miss> misses, decimal earned, decimal percent, int days, int daysInMonth, decimal charged, decimal amount, string currency)
    {
        if (misses.Count == 0)
        {
            return "No target was delivered worse than its credit bands: nothing is credited.";
        }

        var what = string.Join("; ", misses.Select(m =>
            $"{Label(m.Metric, m.Target.Scope)} was {ServiceCredits.Value(m.Metric, m.Target.Achieved!.Value)} against the promised {ServiceCredits.Value(m.Metric, m.Target.Target.Number ?? 0m)}, worse than {ServiceCredits.Value(m.Metric, m.Band.WorseThan)}: {ServiceCredits.Percent(m.Band.CreditPercent)}"));
        var worst = misses.Count > 1 ? $"; the worst miss counts, {ServiceCredits.Percent(earned)}" : string.Empty;
        var cap = percent < earned ? $", capped at {ServiceCredits.Percent(percent)}" : string.Empty;
        var share = days == daysInMonth
            ? $"the month's charge of {Money(charged, currency)}"
            : $"the {Money(charged, currency)} charged for the {days} of {daysInMonth} days this version was in force";
        var sentence = $"{what}{worst}{cap}. {ServiceCredits.Percent(percent)} of {share} is credited: {Money(amount, currency)}.";
        return char.ToUpperInvariant(sentence[0]) + sentence[1..];
    }

    private static string Label(Metric metric, string? scope)
    {
        var name = metric.BuiltIn ? metric.Name.ToLowerInvariant() : metric.Name;
        return scope is null ? name : $"{name} ({scope})";
    }

    private static string Money(decimal amount, string currency) => Agreements.AgreementDocument.Money(amount, currency);

    /// <summary>A missed target and the worst band its result fell into.</summary>
    private sealed record Miss(TargetAttainment Target, Metric Metric, CreditBand Band);
}
