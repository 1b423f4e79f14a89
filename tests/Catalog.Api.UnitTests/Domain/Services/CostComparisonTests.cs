using Catalog.Api.Domain.Services;

namespace Catalog.Api.UnitTests.Domain.Services;

public class CostComparisonTests
{
    private static readonly UnitCost Own = new("mailbox", 12.50m, "EUR");

    [Fact]
    public void Compare_SameCurrency_ComputesMonthlyTotals()
    {
        var comparison = CostComparison.Compare(Own, [new Alternative("Hosted", 10m, "EUR", null)], 40);

        Assert.Equal(40, comparison.Units);
        Assert.Equal(new CostComparison.CostLine(12.50m, "EUR", 500.00m), comparison.Own);
        Assert.Equal(new CostComparison.CostLine(10m, "EUR", 400.00m), Assert.Single(comparison.Alternatives).Cost);
    }

    [Fact]
    public void Compare_CheaperAlternative_DifferencesAreNegative()
    {
        var line = Assert.Single(CostComparison.Compare(Own, [new Alternative("Hosted", 10m, "EUR", "per seat")], 40).Alternatives);

        Assert.Equal("Hosted", line.Name);
        Assert.Equal("per seat", line.Note);
        Assert.True(line.Comparable);
        Assert.Equal(-2.50m, line.DifferencePerUnit);
        Assert.Equal(-100.00m, line.MonthlyDifference);
        Assert.Equal(-20.00m, line.DifferencePercent);
    }

    [Fact]
    public void Compare_DearerAlternative_DifferencesArePositive()
    {
        var line = Assert.Single(CostComparison.Compare(Own, [new Alternative("Premium", 15m, "EUR", null)], 40).Alternatives);

        Assert.Equal(2.50m, line.DifferencePerUnit);
        Assert.Equal(100.00m, line.MonthlyDifference);
        Assert.Equal(20.00m, line.DifferencePercent);
    }

    [Fact]
    public void Compare_EqualCost_DifferencesAreZero()
    {
        var line = Assert.Single(CostComparison.Compare(Own, [new Alternative("Same", 12.50m, "EUR", null)], 3).Alternatives);

        Assert.Equal(0m, line.DifferencePerUnit);
        Assert.Equal(0m, line.MonthlyDifference);
        Assert.Equal(0m, line.DifferencePercent);
    }

    [Fact]
    public void Compare_FractionalTotals_RoundToCentsAwayFromZero()
    {
        // 0.125 is a midpoint: banker's rounding would give 0.12.
        var comparison = CostComparison.Compare(new UnitCost("run", 0.125m, "EUR"), [new Alternative("Other", 0.333m, "EUR", null)], 1);
        var line = Assert.Single(comparison.Alternatives);

        Assert.Equal(0.13m, comparison.Own.MonthlyTotal);
        Assert.Equal(0.33m, line.Cost.MonthlyTotal);
        Assert.Equal(0.208m, line.DifferencePerUnit);
        Assert.Equal(0.20m, line.MonthlyDifference);
        Assert.Equal(166.40m, line.DifferencePercent);
    }

    [Fact]
    public void Compare_ManyUnits_RoundsTheTotalNotTheUnitCost()
    {
        var comparison = CostComparison.Compare(new UnitCost("run", 0.333m, "EUR"), [], 3);

        Assert.Equal(1.00m, comparison.Own.MonthlyTotal);
        Assert.Equal(0.333m, comparison.Own.UnitCostPerMonth);
    }

    [Fact]
    public void Compare_RepeatingPercent_RoundsToTwoDecimals()
    {
        var line = Assert.Single(CostComparison.Compare(new UnitCost("user", 3m, "EUR"), [new Alternative("Other", 1m, "EUR", null)], 1).Alternatives);

        Assert.Equal(-66.67m, line.DifferencePercent);
    }

    [Fact]
    public void Compare_DifferentCurrency_NotComparableAndNoDifferences()
    {
        var line = Assert.Single(CostComparison.Compare(Own, [new Alternative("Overseas", 9m, "USD", null)], 10).Alternatives);

        Assert.False(line.Comparable);
        Assert.Null(line.DifferencePerUnit);
        Assert.Null(line.MonthlyDifference);
        Assert.Null(line.DifferencePercent);
        Assert.Equal(new CostComparison.CostLine(9m, "USD", 90.00m), line.Cost);
    }

    [Fact]
    public void Compare_OwnCostZero_PercentIsNullOtherDifferencesSet()
    {
        var line = Assert.Single(CostComparison.Compare(new UnitCost("user", 0m, "EUR"), [new Alternative("Other", 5m, "EUR", null)], 4).Alternatives);

        Assert.True(line.Comparable);
        Assert.Equal(5m, line.DifferencePerUnit);
        Assert.Equal(20.00m, line.MonthlyDifference);
        Assert.Null(line.DifferencePercent);
    }

    [Fact]
    public void Compare_SeveralAlternatives_KeepsTheirOrder()
    {
        var comparison = CostComparison.Compare(
            Own,
            [new Alternative("Zeta", 1m, "EUR", null), new Alternative("Alpha", 2m, "USD", null), new Alternative("Mid", 3m, "EUR", null)],
            1);

        Assert.Equal(["Zeta", "Alpha", "Mid"], comparison.Alternatives.Select(a => a.Name));
        Assert.Equal([true, false, true], comparison.Alternatives.Select(a => a.Comparable));
    }

    [Fact]
    public void Compare_NoAlternatives_ReturnsOwnLineOnly()
    {
        var comparison = CostComparison.Compare(Own, [], 2);

        Assert.Empty(comparison.Alternatives);
        Assert.Equal(25.00m, comparison.Own.MonthlyTotal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void Compare_UnitsBelowOne_Throws(int units)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => CostComparison.Compare(Own, [], units));

        Assert.Equal("units", error.ParamName);
    }
}
