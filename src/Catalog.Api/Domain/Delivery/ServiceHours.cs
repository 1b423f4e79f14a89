using System.Globalization;
using Catalog.Api.Domain.Common;
using NodaTime;

namespace Catalog.Api.Domain.Delivery;

/// <summary>One stretch of service hours on a day of the week, in minutes since local midnight; 1440 is midnight at the day's end.</summary>
public sealed record WeeklyHours(IsoDayOfWeek Day, int FromMinute, int ToMinute)
{
    public const int EndOfDay = 24 * 60;

    /// <summary>Minutes since local midnight as a wall-clock time, "HH:mm"; the day's end is "24:00".</summary>
    public static string Clock(int minute) => string.Create(CultureInfo.InvariantCulture, $"{minute / 60:00}:{minute % 60:00}");
}

/// <summary>
/// What a level of support hours means: the stretches of each week during which the service is promised, in one
/// IANA time zone, less public holidays. Availability is measured within these hours and the time-to-restore clock
/// only runs within them.
/// </summary>
public sealed record ServiceHoursCalendar(string Key, string Name, string TimeZone, IReadOnlyList<WeeklyHours> WeeklyHours, IReadOnlyList<DateOnly> Holidays)
{
    public const string BusinessHours = "business-hours";
    public const string ExtendedHours = "extended-hours";
    public const string AllHours = "24x7";

    /// <summary>The built-in meaning of each support-hours level, in the given time zone.</summary>
    public static IReadOnlyList<ServiceHoursCalendar> BuiltIn(string timeZone) =>
    [
        new(BusinessHours, "Business hours", timeZone, Days(IsoDayOfWeek.Monday, IsoDayOfWeek.Friday, 8 * 60, 18 * 60), []),
        new(ExtendedHours, "Extended hours", timeZone, Days(IsoDayOfWeek.Monday, IsoDayOfWeek.Saturday, 7 * 60, 22 * 60), []),
        new(AllHours, "Around the clock", timeZone, Days(IsoDayOfWeek.Monday, IsoDayOfWeek.Sunday, 0, Delivery.WeeklyHours.EndOfDay), []),
    ];

    /// <summary>Plain words for people: "Monday to Friday 08:00–18:00, Europe/Berlin time, except public holidays".</summary>
    public string Describe()
    {
        var days = WeeklyHours.GroupBy(h => (h.FromMinute, h.ToMinute)).Select(g =>
        {
            var list = g.Select(h => h.Day).Order().ToList();
            var consecutive = list.Count > 2 && list[^1] - list[0] == list.Count - 1;
            var named = consecutive ? $"{list[0]} to {list[^1]}" : string.Join(", ", list);
            return g.Key is (0, Delivery.WeeklyHours.EndOfDay) ? $"{named}, all day" : $"{named} {Delivery.WeeklyHours.Clock(g.Key.FromMinute)}–{Delivery.WeeklyHours.Clock(g.Key.ToMinute)}";
        });
        return $"{string.Join("; ", days)}, {TimeZone} time{(Holidays.Count > 0 ? $", except {Holidays.Count} listed holidays" : string.Empty)}";
    }

    /// <summary>Every reason the calendar cannot be used; empty when it is well-formed.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZone) is null)
        {
            problems.Add($"'{TimeZone}' is not an IANA time zone (e.g. Europe/Berlin).");
        }

        foreach (var hours in WeeklyHours)
        {
            if (hours.FromMinute < 0 || hours.ToMinute > Delivery.WeeklyHours.EndOfDay || hours.FromMinute >= hours.ToMinute)
            {
                problems.Add($"{hours.Day}: service hours run from a time to a later time of the same day (00:00 to 24:00).");
            }
        }

        if (WeeklyHours.Count == 0)
        {
            problems.Add("A calendar needs at least one stretch of service hours.");
        }

        return problems;
    }

    /// <summary>The service hours between two instants, with daylight-saving changes taken as the zone's rules say.</summary>
    public IntervalSet Between(Instant start, Instant end)
    {
        if (start >= end)
        {
            return IntervalSet.Empty;
        }

        var zone = Zone();
        var holidays = Holidays.Select(LocalDate.FromDateOnly).ToHashSet();
        var byDay = WeeklyHours.ToLookup(h => h.Day);
        var intervals = new List<Interval>();

        // One day either side: a local day's hours can reach across the UTC boundaries of the range.
        var lastDay = end.InZone(zone).Date.PlusDays(1);
        for (var day = start.InZone(zone).Date.PlusDays(-1); day <= lastDay; day = day.PlusDays(1))
        {
            if (holidays.Contains(day))
            {
                continue;
            }

            foreach (var hours in byDay[day.DayOfWeek])
            {
                intervals.Add(new Interval(AtMinute(zone, day, hours.FromMinute), AtMinute(zone, day, hours.ToMinute)));
            }
        }

        return IntervalSet.Union(intervals).Intersect(start, end);
    }

    public DateTimeZone Zone() => DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZone)
        ?? throw new DomainRuleException("unknown-time-zone", $"'{TimeZone}' is not an IANA time zone.");

    // A wall-clock time skipped by a daylight-saving change maps to the instant the clocks jump to.
    private static Instant AtMinute(DateTimeZone zone, LocalDate day, int minute) =>
        (minute >= Delivery.WeeklyHours.EndOfDay ? day.PlusDays(1).AtMidnight() : day.At(LocalTime.FromMinutesSinceMidnight(minute)))
            .InZoneLeniently(zone).ToInstant();

    private static List<Delivery.WeeklyHours> Days(IsoDayOfWeek first, IsoDayOfWeek last, int from, int to) =>
        Enumerable.Range((int)first, last - first + 1).Select(d => new Delivery.WeeklyHours((IsoDayOfWeek)d, from, to)).ToList();
}
