using Catalog.Api.Domain.Common;

namespace Catalog.Api.Domain.Services;

/// <summary>The service's own cost set against each external alternative, for a number of units.</summary>
public sealed record CostComparison(int Units, CostComparison.CostLine Own, IReadOnlyList<CostComparison.AlternativeLine> Alternatives)
{
    public static CostComparison Compare(UnitCost own, IEnumerable<Alternative> alternatives, int units)
    {
        if (units < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(units), units, "At least one unit.");
        }

        var ownLine = new CostLine(own.UnitCostPerMonth, own.Currency, Money.Round(own.UnitCostPerMonth * units));
        var lines = alternatives.Select(a =>
        {
            var line = new CostLine(a.UnitCostPerMonth, a.Currency, Money.Round(a.UnitCostPerMonth * units));

            // Without an exchange rate, costs in different currencies are shown side by side but not subtracted.
            if (!string.Equals(a.Currency, own.Currency, StringComparison.Ordinal))
            {
                return new AlternativeLine(a.Name, a.Note, line, false, null, null, null);
            }

            var perUnit = a.UnitCostPerMonth - own.UnitCostPerMonth;
            decimal? percent = own.UnitCostPerMonth == 0 ? null : Math.Round(perUnit / own.UnitCostPerMonth * 100m, 2, MidpointRounding.AwayFromZero);
            return new AlternativeLine(a.Name, a.Note, line, true, perUnit, Money.Round(line.MonthlyTotal - ownLine.MonthlyTotal), percent);
        }).ToList();
        return new CostComparison(units, ownLine, lines);
    }

    public sealed record CostLine(decimal UnitCostPerMonth, string Currency, decimal MonthlyTotal);

    /// <summary>
    /// One alternative. Differences are the alternative minus the service's own cost: negative means the
    /// alternative is cheaper. They are null when the currencies differ.
    /// </summary>
    public sealed record AlternativeLine(
        string Name,
        string? Note,
        CostLine Cost,
        bool Comparable,
        decimal? DifferencePerUnit,
        decimal? MonthlyDifference,
        decimal? DifferencePercent);
}
