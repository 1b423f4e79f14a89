using Catalog.Api.Domain.Delivery;
using NodaTime;

namespace Catalog.Api.UnitTests.Domain.Delivery;

public class MaintenanceWindowTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    [Fact]
    public void Occurrences_WeeklyAcrossTheSpringChange_FollowTheWallClock()
    {
        var window = new MaintenanceWindow("FREQ=WEEKLY;BYDAY=SU;BYHOUR=2;BYMINUTE=0", 120, "Europe/Berlin");
        var from = new LocalDateTime(2026, 3, 20, 0, 0).InZoneStrictly(Berlin).ToInstant();
        var to = new LocalDateTime(2026, 4, 10, 0, 0).InZoneStrictly(Berlin).ToInstant();

        var starts = window.Occurrences(from, to).Intervals.Select(i => i.Start.InZone(Berlin).LocalDateTime).ToList();

        // 02:00 does not exist on 29 March 2026 in Berlin: that window starts when the clocks jump to 03:00.
        Assert.Equal([new LocalDateTime(2026, 3, 22, 2, 0), new LocalDateTime(2026, 3, 29, 3, 0), new LocalDateTime(2026, 4, 5, 2, 0)], starts);
    }

    [Fact]
    public void Occurrences_RangeStartingInsideAWindow_IncludeItsRemainder()
    {
        var window = new MaintenanceWindow("FREQ=DAILY;BYHOUR=1", 60, "UTC");
        var from = Instant.FromUtc(2026, 6, 1, 1, 30);

        var first = window.Occurrences(from, from + Duration.FromHours(2)).Intervals.Single();

        Assert.Equal(new Interval(from, Instant.FromUtc(2026, 6, 1, 2, 0)), first);
    }

    [Fact]
    public void Describe_WeeklyWindow_ReadsAsPlainWords()
    {
        var window = new MaintenanceWindow("FREQ=WEEKLY;BYDAY=SU;BYHOUR=2;BYMINUTE=0", 120, "Europe/Berlin", "patching");

        Assert.Equal("every Sunday 02:00–04:00, Europe/Berlin time (patching)", window.Describe());
    }

    [Theory]
    [InlineData("FREQ=SECONDLY", 1, "at most daily")]
    [InlineData("FREQ=HOURLY", 10, "at most daily")]
    [InlineData("FREQ=WEEKLY;COUNT=3", 60, "UNTIL")]
    [InlineData("FREQ=DAILY", 1440, "end before the next")]
    [InlineData("FREQ=WEEKLY;UNTIL=20050101T000000Z", 60, "never fires")]
    [InlineData("FREQ=FORTNIGHTLY", 60, "not valid RFC 5545")]
    [InlineData("FREQ=WEEKLY", 0, "from 1 to 1440 minutes")]
    public void Problems_RuleThatCannotBeAgreed_IsExplained(string rrule, int minutes, string expected)
    {
        var problems = new MaintenanceWindow(rrule, minutes, "Europe/Berlin").Problems();

        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Problems_UnknownTimeZone_IsExplained()
    {
        Assert.Contains(new MaintenanceWindow("FREQ=WEEKLY;BYDAY=SU", 60, "Mars/Olympus").Problems(), p => p.Contains("IANA", StringComparison.Ordinal));
    }

    [Fact]
    public void Problems_WeeklySundayWindow_None()
    {
        Assert.Empty(new MaintenanceWindow("FREQ=WEEKLY;BYDAY=SU;BYHOUR=2", 120, "Europe/Berlin").Problems());
    }
}
