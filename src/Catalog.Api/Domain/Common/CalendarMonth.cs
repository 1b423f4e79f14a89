using System.Globalization;
using NodaTime;

namespace Catalog.Api.Domain.Common;

/// <summary>
/// A calendar month, written YYYY-MM. Its days run from midnight to midnight UTC until customers carry a time
/// zone of their own (decision 0015).
/// </summary>
public readonly record struct CalendarMonth(int Year, int Month)
{
    public DateTime Start => new(Year, Month, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The first instant of the next month (exclusive end).</summary>
    public DateTime End => Start.AddMonths(1);

    public int Days => DateTime.DaysInMonth(Year, Month);

    public static CalendarMonth Of(DateTime instant) => new(instant.Year, instant.Month);

    /// <summary>The same month as NodaTime's type, which months in a customer's time zone are counted with.</summary>
    public YearMonth ToYearMonth() => new(Year, Month);

    /// <summary>
    /// Reads exactly YYYY-MM, from 2000-01 to 9999-11; anything else is null. A month has an end (the first instant of
    /// the next), so the last month the calendar can hold is not one.
    /// </summary>
    public static CalendarMonth? Parse(string? text) =>
        text is { Length: 7 } && DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            && first.Year >= 2000 && first < Last
            ? new CalendarMonth(first.Year, first.Month)
            : null;

    private static readonly DateTime Last = new(9999, 12, 1, 0, 0, 0, DateTimeKind.Unspecified);

    public override string ToString() => Start.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>
    /// The days of this month a period covers. A day belongs to whatever is in force at its start (00:00), so a
    /// version that takes effect on the 15th counts from the 15th, and one terminated during the 10th counts the 10th.
    /// </summary>
    public int DaysCovered(DateTime from, DateTime? until)
    {
        var first = CeilingToDay(from < Start ? Start : from);
        var end = CeilingToDay(until is { } u && u < End ? u : End);
        return Math.Max(0, (end - first).Days);
    }

    private static DateTime CeilingToDay(DateTime instant) => instant.TimeOfDay == TimeSpan.Zero ? instant : instant.Date.AddDays(1);
}
