using Catalog.Api.Domain.Services;

namespace Catalog.Api.Domain.Customers;

/// <summary>What a customer pays per month: for each subscribed service, the units it consumes times the unit cost.</summary>
public sealed record Charges(IReadOnlyList<Charges.ChargeLine> Lines, IReadOnlyList<Charges.ChargeTotal> Totals)
{
    public static Charges Compute(IEnumerable<Consumption> consumption)
    {
        var lines = consumption
            .Where(c => c.Units > 0)
            .Select(c => new ChargeLine(c.ServiceId, c.ServiceKey, c.ServiceName, c.Cost.Unit, c.Units, c.Cost.UnitCostPerMonth, c.Cost.Currency, Money.Round(c.Units * c.Cost.UnitCostPerMonth)))
            .OrderBy(l => l.ServiceKey, StringComparer.Ordinal)
            .ToList();

        // Amounts in different currencies are never added together.
        var totals = lines
            .GroupBy(l => l.Currency, StringComparer.Ordinal)
            .Select(g => new ChargeTotal(g.Key, g.Sum(l => l.MonthlyCost)))
            .OrderBy(t => t.Currency, StringComparer.Ordinal)
            .ToList();
        return new Charges(lines, totals);
    }

    public sealed record Consumption(Guid ServiceId, string ServiceKey, string ServiceName, UnitCost Cost, int Units);

    public sealed record ChargeLine(Guid ServiceId, string ServiceKey, string ServiceName, string Unit, int Units, decimal UnitCostPerMonth, string Currency, decimal MonthlyCost);

    public sealed record ChargeTotal(string Currency, decimal MonthlyTotal);
}
