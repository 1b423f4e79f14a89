using Catalog.Api.Domain.Agreements;
using Catalog.Api.Domain.Common;

namespace Catalog.Api.UnitTests.Domain.Agreements;

public class InForceTests
{
    private static readonly DateTime March1 = new(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Periods_VersionsInOrder_EachLastsUntilTheNextStarts()
    {
        var periods = InForce.Periods([(1, March1), (2, March1.AddDays(10)), (3, March1.AddDays(30))], null);

        Assert.Equal(
            [new InForcePeriod(1, March1, March1.AddDays(10)), new InForcePeriod(2, March1.AddDays(10), March1.AddDays(30)), new InForcePeriod(3, March1.AddDays(30), null)],
            periods);
    }

    [Fact]
    public void Periods_TwoVersionsTheSameDay_OnlyTheNewerIsEverInForce()
    {
        var periods = InForce.Periods([(1, March1), (2, March1)], null);

        Assert.Equal([new InForcePeriod(2, March1, null)], periods);
    }

    [Fact]
    public void Periods_OlderVersionDatedAfterANewerOne_IsNeverInForce()
    {
        // Stored before versions were kept in order: version 2 overtook version 1.
        var periods = InForce.Periods([(1, March1.AddDays(120)), (2, March1.AddDays(50))], null);

        Assert.Equal([new InForcePeriod(2, March1.AddDays(50), null)], periods);
    }

    [Fact]
    public void Periods_Terminated_EndsTheLastVersionAndDropsThoseNotYetStarted()
    {
        var end = March1.AddDays(20).AddHours(9);

        var periods = InForce.Periods([(1, March1), (2, March1.AddDays(40))], end);

        Assert.Equal([new InForcePeriod(1, March1, end)], periods);
    }

    [Theory]
    [InlineData(-1, null)]
    [InlineData(0, 1)]
    [InlineData(9, 1)]
    [InlineData(10, 2)]
    [InlineData(400, 2)]
    public void VersionAt_AnyInstant_IsExactlyOneVersionOrNone(int day, int? expected)
    {
        var periods = InForce.Periods([(1, March1), (2, March1.AddDays(10))], null);

        Assert.Equal(expected, InForce.VersionAt(periods, March1.AddDays(day).AddHours(12)));
        Assert.True(periods.Count(p => p.Covers(March1.AddDays(day).AddHours(12))) <= 1);
    }
}

public class CalendarMonthTests
{
    [Theory]
    [InlineData("2026-12", 2026, 12)]
    [InlineData("2028-02", 2028, 2)]
    public void Parse_YearDashMonth_IsThatMonth(string text, int year, int month) =>
        Assert.Equal(new CalendarMonth(year, month), CalendarMonth.Parse(text));

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-1")]
    [InlineData("2026/12")]
    [InlineData("2026-12-01")]
    [InlineData("december")]
    [InlineData("1999-12")]
    [InlineData("")]
    public void Parse_AnythingElse_IsNull(string text) => Assert.Null(CalendarMonth.Parse(text));

    [Fact]
    public void DaysCovered_PeriodAroundTheMonth_IsEveryDayOfIt() =>
        Assert.Equal(29, new CalendarMonth(2028, 2).DaysCovered(new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc), null));

    [Fact]
    public void DaysCovered_StartAndEndDuringDays_CountsTheDaysWhoseStartIsCovered()
    {
        var month = new CalendarMonth(2026, 12);

        // From 5 December 10:00 to 8 December 09:00: the 6th, 7th and 8th begin inside it.
        Assert.Equal(3, month.DaysCovered(new DateTime(2026, 12, 5, 10, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 8, 9, 0, 0, DateTimeKind.Utc)));
        Assert.Equal("2026-12", month.ToString());
    }
}
