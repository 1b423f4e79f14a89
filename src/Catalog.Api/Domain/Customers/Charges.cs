using Catalog.Api.Domain.Common;
using Catalog.Api.Domain.Services;

namespace Catalog.Api.Domain.Customers;

/// <summary>What a customer pays per month: for each subscribed service, the units it consumes times the unit cost.</summary>
public sealed record Charges(IReadOnlyList<Charges.ChargeLine> Lines, IReadOnlyList<Charges.AgreementCharge> Agreements, IReadOnlyList<Charges.ChargeTotal> Totals)
{
    /// <param name="consumption">What the customer consumes, service by service.</param>
    /// <param name="agreements">The current version of each of the customer's active agreements.</param>
    public static Charges Compute(IEnumerable<Consumption> consumption, IEnumerable<AgreementCharge> agreements)
    {
        var lines = consumption
            .Where(c => c.Units > 0)
            .Select(c => new ChargeLine(c.ServiceId, c.ServiceKey, c.ServiceName, c.Cost.Unit, c.Units, c.Cost.UnitCostPerMonth, c.Cost.Currency, Money.Round(c.Units * c.Cost.UnitCostPerMonth)))
            .OrderBy(l => l.ServiceKey, StringComparer.Ordinal)
            .ToList();

        var agreed = agreements.OrderBy(a => a.ServiceKey, StringComparer.Ordinal).ToList();

        // Amounts in different currencies are never added together.
        var totals = lines.Select(l => (l.Currency, Amount: l.MonthlyCost))
            .Concat(agreed.Select(a => (a.Currency, Amount: a.MonthlyCharge)))
            .GroupBy(a => a.Currency, StringComparer.Ordinal)
            .Select(g => new ChargeTotal(g.Key, g.Sum(a => a.Amount)))
            .OrderBy(t => t.Currency, StringComparer.Ordinal)
            .ToList();
        return new Charges(lines, agreed, totals);
    }

    public sealed record Consumption(Guid ServiceId, string ServiceKey, string ServiceName, UnitCost Cost, int Units);

    public sealed record ChargeLine(Guid ServiceId, string ServiceKey, string ServiceName, string Unit, int Units, decimal UnitCostPerMonth, string Currency, decimal MonthlyCost);

    /// <summary>The monthly charge of the current version of an active agreement.</summary>
    public sealed record AgreementCharge(Guid AgreementId, Guid ServiceId, string ServiceKey, string ServiceName, int Version, decimal MonthlyCharge, string Currency);

    public sealed record ChargeTotal(string Currency, decimal MonthlyTotal);
}
