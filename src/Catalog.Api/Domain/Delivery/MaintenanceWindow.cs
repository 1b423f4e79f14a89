using System.Globalization;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using NodaTime;
using Duration = NodaTime.Duration;
using Period = NodaTime.Period;

namespace Catalog.Api.Domain.Delivery;

/// <summary>
/// Recurring planned work IT may do without it counting as downtime: an RFC 5545 recurrence rule, how long each
/// occurrence lasts, and the time zone its wall-clock times are in. The rule is read from a fixed start, Monday
/// 1 January 2001 at 00:00 local time, so a rule without BYDAY repeats on Mondays, a monthly one without
/// BYMONTHDAY on the 1st, and without BYHOUR/BYMINUTE at midnight.
/// </summary>
public sealed record MaintenanceWindow(string Rrule, int DurationMinutes, string TimeZone, string? Description = null)
{
    public const int MaxDurationMinutes = 24 * 60;

    private static readonly LocalDate Anchor = new(2001, 1, 1);

    /// <summary>Every reason the window cannot be agreed; empty when it is well-formed.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZone);
        if (zone is null)
        {
            problems.Add($"'{TimeZone}' is not an IANA time zone (e.g. Europe/Berlin).");
        }

        if (DurationMinutes is < 1 or > MaxDurationMinutes)
        {
            problems.Add($"A maintenance window lasts from 1 to {MaxDurationMinutes} minutes.");
        }

        RecurrencePattern pattern;
        try
        {
            pattern = new RecurrencePattern(Rrule);
        }
        catch (ArgumentException e)
        {
            problems.Add($"The recurrence rule is not valid RFC 5545: {e.Message.Split(" (Parameter")[0]}");
            return problems;
        }

        if (pattern.Frequency is FrequencyType.Secondly or FrequencyType.Minutely or FrequencyType.Hourly)
        {
            problems.Add("A maintenance window repeats at most daily (FREQ=DAILY, WEEKLY, MONTHLY or YEARLY).");
        }

        if (pattern.Count is not null)
        {
            problems.Add("Say when the windows stop with UNTIL, not with COUNT.");
        }

        if (problems.Count == 0)
        {
            // Windows that run into each other would be maintenance without end: each must end before the next starts.
            var from = new LocalDate(2026, 1, 1).AtStartOfDayInZone(zone!).ToInstant();
            var occurrences = Occurrences(from, from + Duration.FromDays(2 * 366)).Intervals;
            if (occurrences.Count == 0)
            {
                problems.Add("The recurrence rule never fires in the coming years.");
            }
            else if (Raw(from, from + Duration.FromDays(2 * 366)).Zip(Raw(from, from + Duration.FromDays(2 * 366)).Skip(1)).Any(p => p.First.End > p.Second.Start))
            {
                problems.Add("Each window must end before the next one starts; shorten the duration or repeat less often.");
            }
        }

        return problems;
    }

    /// <summary>The maintenance time between two instants.</summary>
    public IntervalSet Occurrences(Instant start, Instant end) => IntervalSet.Union(Raw(start, end)).Intersect(start, end);

    /// <summary>Plain words for people: "every Sunday 02:00–04:00, Europe/Berlin time".</summary>
    public string Describe()
    {
        var pattern = new RecurrencePattern(Rrule);
        var startMinute = (pattern.ByHour.FirstOrDefault() * 60) + pattern.ByMinute.FirstOrDefault();
        var endMinute = startMinute + DurationMinutes;
        var times = $"{WeeklyHours.Clock(startMinute % WeeklyHours.EndOfDay)}–{WeeklyHours.Clock(endMinute % WeeklyHours.EndOfDay)}";
        var days = pattern.ByDay.Count > 0
            ? string.Join(", ", pattern.ByDay.Select(d => CultureInfo.InvariantCulture.DateTimeFormat.GetDayName(d.DayOfWeek)))
            : null;
        var every = pattern.Interval > 1 ? $"every {pattern.Interval} " : "every ";
        var when = pattern.Frequency switch
        {
            FrequencyType.Daily => pattern.Interval > 1 ? $"every {pattern.Interval} days" : "every day",
            FrequencyType.Weekly => pattern.Interval > 1 ? $"every {pattern.Interval} weeks on {days ?? "Monday"}" : $"every {days ?? "Monday"}",
            FrequencyType.Monthly => days is not null
                ? $"{every}month{(pattern.Interval > 1 ? "s" : string.Empty)} on {OrdinalDays(pattern)}"
                : $"{every}month{(pattern.Interval > 1 ? "s" : string.Empty)} on day {string.Join(", ", pattern.ByMonthDay.DefaultIfEmpty(1))}",
            _ => $"{every}year{(pattern.Interval > 1 ? "s" : string.Empty)}",
        };
        return $"{when} {times}, {TimeZone} time{(Description is { Length: > 0 } d ? $" ({d})" : string.Empty)}";
    }

    private IEnumerable<Interval> Raw(Instant start, Instant end)
    {
        var zone = DateTimeZoneProviders.Tzdb[TimeZone];
        var pattern = new RecurrencePattern(Rrule);
        var duration = Duration.FromMinutes(DurationMinutes);

        // Start the rule a whole number of its periods after the fixed anchor, just before the range: the same
        // occurrences, without walking every one since 2001.
        var from = (start - duration - Duration.FromDays(1)).InZone(zone).Date;
        var anchor = ShiftTowards(Anchor, from, pattern.Frequency, Math.Max(1, pattern.Interval));
        var calendarEvent = new CalendarEvent
        {
            DtStart = new CalDateTime(anchor.Year, anchor.Month, anchor.Day, 0, 0, 0, TimeZone),
            Duration = Ical.Net.DataTypes.Duration.FromMinutes(DurationMinutes),
            RecurrenceRule = pattern,
        };
        var searchFrom = new CalDateTime((start - duration).ToDateTimeUtc(), "UTC", true);
        foreach (var occurrence in calendarEvent.GetOccurrences(searchFrom).TakeWhileBefore(new CalDateTime(end.ToDateTimeUtc(), "UTC", true)))
        {
            var occurrenceStart = Instant.FromDateTimeUtc(DateTime.SpecifyKind(occurrence.Period.StartTime.AsUtc, DateTimeKind.Utc));
            yield return new Interval(occurrenceStart, occurrenceStart + duration);
        }
    }

    private static LocalDate ShiftTowards(LocalDate anchor, LocalDate target, FrequencyType frequency, int interval)
    {
        if (target <= anchor)
        {
            return anchor;
        }

        return frequency switch
        {
            FrequencyType.Daily => anchor.PlusDays(Period.Between(anchor, target, PeriodUnits.Days).Days / interval * interval),
            FrequencyType.Weekly => anchor.PlusWeeks(Period.Between(anchor, target, PeriodUnits.Weeks).Weeks / interval * interval),
            FrequencyType.Monthly => anchor.PlusMonths(Period.Between(anchor, target, PeriodUnits.Months).Months / interval * interval),
            FrequencyType.Yearly => anchor.PlusYears(Period.Between(anchor, target, PeriodUnits.Years).Years / interval * interval),
            _ => anchor,
        };
    }

    private static string OrdinalDays(RecurrencePattern pattern) => string.Join(", ", pattern.ByDay.Select(d =>
        $"{d.Offset switch { 1 => "the first ", 2 => "the second ", 3 => "the third ", 4 => "the fourth ", -1 => "the last ", _ => string.Empty }}{CultureInfo.InvariantCulture.DateTimeFormat.GetDayName(d.DayOfWeek)}"));
}
