using Catalog.Api.Domain.Agreements;
using Catalog.Api.Domain.Common;
using Catalog.Api.Domain.Services;

namespace Catalog.Api.Domain.Customers;

/// <summary>
/// What a customer pays for one month: for each subscribed service, the units it consumes times the unit cost;
/// for each agreement, the monthly charge of every version in force in that month, pro rata by day; and the
/// versions agreed but not yet in force by the month's end, listed apart as upcoming; less the service credits the
/// month earned.
/// </summary>
public sealed record Charges(
    CalendarMonth Month,
    IReadOnlyList<Charges.ChargeLine> Lines,
    IReadOnlyList<Charges.AgreementCharge> Agreements,
    IReadOnlyList<Charges.UpcomingCharge> Upcoming,
    IReadOnlyList<Charges.CreditLine> Credits,
    IReadOnlyList<Charges.ChargeTotal> Totals)
{
    /// <param name="month">The month charged.</param>
    /// <param name="consumption">What the customer consumes, service by service.</param>
    /// <param name="agreements">Each of the customer's agreements with all its versions.</param>
    /// <param name="credits">The service credits the month earned (a closed month's misses), deducted from its total.</param>
    public static Charges Compute(CalendarMonth month, IEnumerable<Consumption> consumption, IEnumerable<AgreementHistory> agreements, IEnumerable<CreditLine>? credits = null)
    {
        var lines = consumption
            .Where(c => c.Units > 0)
            .Select(c => new ChargeLine(c.ServiceId, c.ServiceKey, c.ServiceName, c.Cost.Unit, c.Units, c.Cost.UnitCostPerMonth, c.Cost.Currency, Money.Round(c.Units * c.Cost.UnitCostPerMonth)))
            .OrderBy(l => l.ServiceKey, StringComparer.Ordinal)
            .ToList();

        var agreed = new List<AgreementCharge>();
        var upcoming = new List<UpcomingCharge>();
        foreach (var agreement in agreements)
        {
            var charges = agreement.Versions.ToDictionary(v => v.Number);
            foreach (var period in InForce.Periods(agreement.Versions.Select(v => (v.Number, v.EffectiveFrom)), agreement.TerminatedAt))
            {
                var version = charges[period.Number];
                if (period.From >= month.End)
                {
                    upcoming.Add(new UpcomingCharge(agreement.AgreementId, agreement.ServiceId, agreement.ServiceKey, agreement.ServiceName, period.Number, period.From, version.MonthlyCharge, agreement.Currency));
                    continue;
                }

                var days = month.DaysCovered(period.From, period.Until);
                if (days > 0)
                {
                    var amount = Money.Round(version.MonthlyCharge * days / month.Days);
                    agreed.Add(new AgreementCharge(
                        agreement.AgreementId, agreement.ServiceId, agreement.ServiceKey, agreement.ServiceName, period.Number, period.From, period.Until, days, month.Days, version.MonthlyCharge, amount, agreement.Currency));
                }
            }
        }

        agreed = [.. agreed.OrderBy(a => a.ServiceKey, StringComparer.Ordinal).ThenBy(a => a.Version)];
        upcoming = [.. upcoming.OrderBy(u => u.EffectiveFrom).ThenBy(u => u.ServiceKey, StringComparer.Ordinal)];

        var credited = (credits ?? []).Where(c => c.Amount > 0)
            .OrderBy(c => c.ServiceKey, StringComparer.Ordinal).ThenBy(c => c.Version)
            .ToList();

        // Amounts in different currencies are never added together.
        var totals = lines.Select(l => (l.Currency, Gross: l.MonthlyCost, Credit: 0m))
            .Concat(agreed.Select(a => (a.Currency, Gross: a.Amount, Credit: 0m)))
            .Concat(credited.Select(c => (c.Currency, Gross: 0m, Credit: c.Amount)))
            .GroupBy(a => a.Currency, StringComparer.Ordinal)
            .Select(g => new ChargeTotal(g.Key, g.Sum(a => a.Gross), g.Sum(a => a.Credit), g.Sum(a => a.Gross) - g.Sum(a => a.Credit)))
            .OrderBy(t => t.Currency, StringComparer.Ordinal)
            .ToList();
        return new Charges(month, lines, agreed, upcoming, credited, totals);
    }

    public sealed record Consumption(Guid ServiceId, string ServiceKey, string ServiceName, UnitCost Cost, int Units);

    /// <param name="TerminatedAt">When the agreement ended, if it is terminated.</param>
    public sealed record AgreementHistory(Guid AgreementId, Guid ServiceId, string ServiceKey, string ServiceName, string Currency, IReadOnlyList<VersionCharge> Versions, DateTime? TerminatedAt);

    public sealed record VersionCharge(int Number, DateTime EffectiveFrom, decimal MonthlyCharge);

    public sealed record ChargeLine(Guid ServiceId, string ServiceKey, string ServiceName, string Unit, int Units, decimal UnitCostPerMonth, string Currency, decimal MonthlyCost);

    /// <summary>One agreement version in force during the month: its monthly charge, and the part of it this month bears.</summary>
    /// <param name="InForceFrom">When the version took effect (possibly before the month).</param>
    /// <param name="InForceUntil">When the next version or the termination ended it; null while it lasts.</param>
    /// <param name="Days">The days of the month it was in force.</param>
    /// <param name="Amount">The monthly charge × days ÷ days in the month, to the cent.</param>
    public sealed record AgreementCharge(
        Guid AgreementId,
        Guid ServiceId,
        string ServiceKey,
        string ServiceName,
        int Version,
        DateTime InForceFrom,
        DateTime? InForceUntil,
        int Days,
        int DaysInMonth,
        decimal MonthlyCharge,
        decimal Amount,
        string Currency);

    /// <summary>A version agreed but taking effect only after the month: not charged in it.</summary>
    public sealed record UpcomingCharge(Guid AgreementId, Guid ServiceId, string ServiceKey, string ServiceName, int Version, DateTime EffectiveFrom, decimal MonthlyCharge, string Currency);

    /// <summary>A service credit the month earned on one agreement version: its percentage, the amount deducted, and why.</summary>
    public sealed record CreditLine(Guid AgreementId, Guid ServiceId, string ServiceKey, string ServiceName, int Version, decimal CreditPercent, decimal Amount, string Currency, string Reason);

    /// <param name="Gross">Services and agreement amounts.</param>
    /// <param name="Credits">The service credits deducted.</param>
    /// <param name="MonthlyTotal">What is payable, net: gross less credits.</param>
    public sealed record ChargeTotal(string Currency, decimal Gross, decimal Credits, decimal MonthlyTotal);
}
