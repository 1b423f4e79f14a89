using Catalog.Api.Domain.Common;
using NodaTime;

namespace Catalog.Api.Domain.Delivery;

/// <summary>
/// The stored, admin-editable meaning of a support-hours level. Without a time zone of its own, a calendar is read in
/// each customer's time zone: "business hours" for a business unit in Berlin are Berlin's business hours.
/// </summary>
public sealed class ServiceCalendar
{
    public const int MaxHolidays = 100;

    private List<WeeklyHours> _weeklyHours = [];
    private List<DateOnly> _holidays = [];

    private ServiceCalendar()
    {
        Key = Name = string.Empty;
    }

    public Guid Id { get; private set; }

    public string Key { get; private set; }

    public string Name { get; private set; }

    /// <summary>The IANA time zone its hours are in; null for the customer's own.</summary>
    public string? TimeZone { get; private set; }

    public IReadOnlyList<WeeklyHours> WeeklyHours => _weeklyHours;

    public IReadOnlyList<DateOnly> Holidays => _holidays;

    public DateTime UpdatedAt { get; private set; }

    public int Version { get; private set; }

    /// <summary>The three levels every installation starts with, read in the customer's time zone.</summary>
    private static readonly DateTime Epoch = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static IReadOnlyList<ServiceCalendar> BuiltIn { get; } =
        ServiceHoursCalendar.BuiltIn("UTC").Select((c, i) => new ServiceCalendar
        {
            // Fixed ids, so that every database agrees on them.
            Id = new Guid($"00000000-0000-7000-8000-0000000001{i + 1:00}"),
            Key = c.Key,
            Name = c.Name,
            TimeZone = null,
            _weeklyHours = [.. c.WeeklyHours],
            UpdatedAt = Epoch,
            Version = 1,
        }).ToList();

    /// <summary>Replaces the calendar's hours; refused with the reasons when they are not well-formed.</summary>
    public void Change(string name, string? timeZone, IReadOnlyList<WeeklyHours> weeklyHours, IReadOnlyList<DateOnly> holidays, DateTime now)
    {
        var candidate = new ServiceHoursCalendar(Key, name, timeZone ?? "UTC", weeklyHours, holidays);
        if (candidate.Problems() is { Count: > 0 } problems)
        {
            throw new DomainRuleException("calendar-invalid", string.Join(" ", problems));
        }

        Name = name;
        TimeZone = timeZone;
        _weeklyHours = [.. weeklyHours.OrderBy(h => h.Day).ThenBy(h => h.FromMinute)];
        _holidays = [.. holidays.Distinct().Order()];
        UpdatedAt = now;
        Version++;
    }

    /// <summary>The calendar as it applies to a customer in <paramref name="customerTimeZone"/>.</summary>
    public ServiceHoursCalendar For(string customerTimeZone) => new(Key, Name, TimeZone ?? customerTimeZone, _weeklyHours, _holidays);
}
