using Catalog.Api.Domain.Delivery;
using NodaTime;

namespace Catalog.Api.UnitTests.Domain.Delivery;

public class ServiceHoursCalendarTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    private static Instant Local(int year, int month, int day) => new LocalDate(year, month, day).AtStartOfDayInZone(Berlin).ToInstant();

    private static ServiceHoursCalendar BuiltIn(string key) => ServiceHoursCalendar.BuiltIn("Europe/Berlin").Single(c => c.Key == key);

    [Fact]
    public void Between_AroundTheClockOnTheAutumnChange_HasTwentyFiveHours()
    {
        var hours = BuiltIn(ServiceHoursCalendar.AllHours).Between(Local(2026, 10, 25), Local(2026, 10, 26));

        Assert.Equal(Duration.FromHours(25), hours.TotalDuration);
    }

    [Fact]
    public void Between_BusinessHoursOverAWeek_AreFiveDaysOfTenHours()
    {
        var hours = BuiltIn(ServiceHoursCalendar.BusinessHours).Between(Local(2026, 6, 1), Local(2026, 6, 8));

        Assert.Equal(Duration.FromHours(50), hours.TotalDuration);
        Assert.Equal(new LocalDateTime(2026, 6, 1, 8, 0), hours.Intervals[0].Start.InZone(Berlin).LocalDateTime);
    }

    [Fact]
    public void Between_Holiday_HasNoServiceHours()
    {
        var calendar = BuiltIn(ServiceHoursCalendar.BusinessHours) with { Holidays = [new DateOnly(2026, 6, 2)] };

        var hours = calendar.Between(Local(2026, 6, 1), Local(2026, 6, 8));

        Assert.Equal(Duration.FromHours(40), hours.TotalDuration);
    }

    [Fact]
    public void Problems_BadZoneAndBackwardsHours_AreExplained()
    {
        var calendar = new ServiceHoursCalendar("x", "X", "Nowhere/Town", [new WeeklyHours(IsoDayOfWeek.Monday, 18 * 60, 8 * 60)], []);

        Assert.Equal(2, calendar.Problems().Count);
    }
}
