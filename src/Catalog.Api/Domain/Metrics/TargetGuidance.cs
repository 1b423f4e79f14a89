using System.Globalization;
using Catalog.Api.Domain.Delivery;

namespace Catalog.Api.Domain.Metrics;

/// <summary>
/// What a target value means to a business reader, worked out from the metric's unit and direction rather than
/// written per number: "99.9% allows at most 43 minutes of downtime in a 30-day month", "240 minutes is 4 hours",
/// what a support-hours level covers in hours a week. Plain text (the portal escapes it), not Markdown.
/// </summary>
public static class TargetGuidance
{
    /// <summary>The month the downtime allowance is stated for: 30 days around the clock.</summary>
    public const int MinutesInMonth = 30 * 24 * 60;

    private const int MinutesInYear = 365 * 24 * 60;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Availability levels a reader is shown for comparison, from the usual to the demanding.</summary>
    public static IReadOnlyList<decimal> AvailabilityExamples { get; } = [99m, 99.5m, 99.9m, 99.95m, 99.99m];

    /// <summary>Times to restore a reader is shown for comparison, in minutes.</summary>
    public static IReadOnlyList<decimal> DurationExamples { get; } = [60m, 240m, 480m, 1440m];

    /// <summary>One numeric target value in plain words; null when the value does not fit the metric (the use case says why).</summary>
    public static string? ForNumber(string metricKey, string unit, MetricDirection direction, decimal value)
    {
        var bound = direction == MetricDirection.HigherIsStricter ? "at least" : "at most";
        switch (unit)
        {
            case "percent" when value is < 0 or > 100:
                return null;
            case "percent" when direction == MetricDirection.HigherIsStricter:
                var share = (100m - value) / 100m;
                return $"{Number(value)}% allows at most {Duration(share * MinutesInMonth)} of downtime in a 30-day month counted around the clock, "
                    + $"{Duration(share * MinutesInYear)} in a year.";
            case "minutes" when value < 0:
                return null;
            case "minutes":
                var within = metricKey switch
                {
                    "time-to-restore" => $"After a failure the service is working again within {Duration(value)}; the clock runs only during the agreed support hours.",
                    "recovery-point" => $"If data has to be restored, at most the last {Duration(value)} of changes can be lost.",
                    "recovery-time" => $"After a disaster the service is back within {Duration(value)}.",
                    _ => $"{bound} {Duration(value)}.",
                };
                return Capitalised(within);
            case "milliseconds" when value >= 0:
                return $"{Number(value)} milliseconds is {Number(Math.Round(value / 1000m, 3))} seconds.";
            default:
                return Capitalised($"{bound} {Number(value)} {unit}.");
        }
    }

    /// <summary>What a support-hours level covers: "Monday to Friday 08:00–18:00, Europe/Berlin time: 50 of the week's 168 hours".</summary>
    public static string ForLevel(ServiceHoursCalendar calendar)
    {
        var minutes = calendar.WeeklyHours.Sum(h => h.ToMinute - h.FromMinute);
        return $"{calendar.Describe()}: {Number(minutes / 60m)} of the week's 168 hours.";
    }

    /// <summary>A length of time as people say it: "43 minutes", "8 hours 46 minutes", "3 days 15 hours", "26 seconds".</summary>
    public static string Duration(decimal minutes)
    {
        if (minutes < 1m)
        {
            var seconds = (int)Math.Round(minutes * 60m, MidpointRounding.AwayFromZero);
            return Count(seconds, "second");
        }

        var whole = (long)Math.Round(minutes, MidpointRounding.AwayFromZero);
        var (days, hours, rest) = (whole / 1440, whole % 1440 / 60, whole % 60);
        var parts = new List<string>();
        if (days > 0)
        {
            parts.Add(Count(days, "day"));
        }

        if (hours > 0)
        {
            parts.Add(Count(hours, "hour"));
        }

        // Minutes beside days are noise: "3 days 15 hours" reads better than "3 days 15 hours 36 minutes".
        if (rest > 0 && days == 0)
        {
            parts.Add(Count(rest, "minute"));
        }

        return parts.Count == 0 ? Count(0, "minute") : string.Join(' ', parts);
    }

    private static string Count(long amount, string unit) => string.Create(Invariant, $"{amount:#,0} {(amount == 1 ? unit : unit + "s")}");

    private static string Number(decimal value) => value.ToString("#,0.############", Invariant);

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
