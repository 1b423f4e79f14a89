using System.Globalization;

namespace Catalog.Api.Portal.Forms;

/// <summary>
/// Reads what was typed into a form as the values a use case takes. A blank is null (the use case says whether it
/// may be); text that is not a number is an error on its field, in the API's notation, and the use case is not asked.
/// </summary>
public static class FormValues
{
    private const NumberStyles Style = NumberStyles.Number;

    public static decimal? Amount(string? typed, string field, FormErrors errors)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }

        if (decimal.TryParse(typed.Trim(), Style, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(field, "Type a number, such as 99.9 or 1500 (with a point for decimals).");
        return null;
    }

    public static int? WholeNumber(string? typed, string field, FormErrors errors)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }

        if (int.TryParse(typed.Trim(), NumberStyles.Integer | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(field, "Type a whole number, such as 30.");
        return null;
    }

    public static string? Text(string? typed) => string.IsNullOrWhiteSpace(typed) ? null : typed.Trim();

    /// <summary>One item per non-blank line of a text area.</summary>
    public static IReadOnlyList<string> Lines(string? typed) =>
        (typed ?? string.Empty).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A local date and time typed in a time zone (IANA), as UTC; an error on the field when it is not one.</summary>
    public static DateTime? Instant(string? typed, string? timeZone, string field, FormErrors errors)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }

        if (!DateTime.TryParse(typed.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            errors.Add(field, "Type a date and time, such as 2026-12-02 14:30.");
            return null;
        }

        var zone = timeZone is null ? null : NodaTime.DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone);
        if (zone is null)
        {
            errors.Add("timeZone", "Choose a time zone such as Europe/Berlin.");
            return null;
        }

        return NodaTime.LocalDateTime.FromDateTime(local).InZoneLeniently(zone).ToDateTimeUtc();
    }
}
