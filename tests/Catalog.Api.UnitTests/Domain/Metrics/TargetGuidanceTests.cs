using Catalog.Api.Domain.Delivery;
using Catalog.Api.Domain.Metrics;

namespace Catalog.Api.UnitTests.Domain.Metrics;

public class TargetGuidanceTests
{
    [Theory]
    [InlineData(99.9, "99.9% allows at most 43 minutes of downtime in a 30-day month counted around the clock, 8 hours 46 minutes in a year.")]
    [InlineData(99, "99% allows at most 7 hours 12 minutes of downtime in a 30-day month counted around the clock, 3 days 15 hours in a year.")]
    [InlineData(99.999, "99.999% allows at most 26 seconds of downtime in a 30-day month counted around the clock, 5 minutes in a year.")]
    [InlineData(100, "100% allows at most 0 seconds of downtime in a 30-day month counted around the clock, 0 seconds in a year.")]
    public void ForNumber_Availability_SaysTheDowntimeItAllows(double value, string expected)
    {
        Assert.Equal(expected, TargetGuidance.ForNumber("availability", "percent", MetricDirection.HigherIsStricter, (decimal)value));
    }

    [Theory]
    [InlineData("time-to-restore", 240, "After a failure the service is working again within 4 hours; the clock runs only during the agreed support hours.")]
    [InlineData("time-to-restore", 90, "After a failure the service is working again within 1 hour 30 minutes; the clock runs only during the agreed support hours.")]
    [InlineData("recovery-point", 15, "If data has to be restored, at most the last 15 minutes of changes can be lost.")]
    [InlineData("recovery-time", 2880, "After a disaster the service is back within 2 days.")]
    public void ForNumber_Minutes_SaysTheTimeAsPeopleDo(string metric, int value, string expected)
    {
        Assert.Equal(expected, TargetGuidance.ForNumber(metric, "minutes", MetricDirection.LowerIsStricter, value));
    }

    [Fact]
    public void ForNumber_MillisecondsOrACustomUnit_SaysTheBoundTheDirectionGives()
    {
        Assert.Equal("800 milliseconds is 0.8 seconds.", TargetGuidance.ForNumber("response-time", "milliseconds", MetricDirection.LowerIsStricter, 800m));
        Assert.Equal("At least 5 reports a day.", TargetGuidance.ForNumber("reports", "reports a day", MetricDirection.HigherIsStricter, 5m));
        Assert.Equal("At most 3 tickets.", TargetGuidance.ForNumber("backlog", "tickets", MetricDirection.LowerIsStricter, 3m));
    }

    [Theory]
    [InlineData("percent", 101)]
    [InlineData("percent", -1)]
    [InlineData("minutes", -5)]
    public void ForNumber_AValueOutsideTheUnit_HasNoGuidance(string unit, int value)
    {
        Assert.Null(TargetGuidance.ForNumber("x", unit, MetricDirection.HigherIsStricter, value));
    }

    [Fact]
    public void ForLevel_EachBuiltInCalendar_SaysItsHoursAndHowManyAWeek()
    {
        var levels = ServiceHoursCalendar.BuiltIn("Europe/Berlin").Select(TargetGuidance.ForLevel).ToList();

        Assert.Equal(
            [
                "Monday to Friday 08:00–18:00, Europe/Berlin time: 50 of the week's 168 hours.",
                "Monday to Saturday 07:00–22:00, Europe/Berlin time: 90 of the week's 168 hours.",
                "Monday to Sunday, all day, Europe/Berlin time: 168 of the week's 168 hours.",
            ],
            levels);
    }
}
