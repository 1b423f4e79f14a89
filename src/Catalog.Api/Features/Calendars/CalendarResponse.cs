using AutoMapper;
using Catalog.Api.Infrastructure.Http;
using Catalog.Api.Domain.Delivery;
using NodaTime;
using NodaTime.Utility;

namespace Catalog.Api.Features.Calendars;

/// <summary>What a support-hours level means: the hours of each week it covers, and the public holidays it does not.</summary>
public sealed record CalendarResponse : IVersionTagged
{
    public Guid Id { get; init; }

    /// <summary>The support-hours level it defines: `business-hours`, `extended-hours` or `24x7`.</summary>
    public required string Key { get; init; }

    public required string Name { get; init; }

    /// <summary>The IANA time zone of its hours (e.g. `Europe/Berlin`); null means each customer's own time zone.</summary>
    public string? TimeZone { get; init; }

    public required IReadOnlyList<WeeklyHoursResponse> WeeklyHours { get; init; }

    /// <summary>Days without service hours, as local dates (YYYY-MM-DD).</summary>
    public required IReadOnlyList<DateOnly> Holidays { get; init; }

    public DateTime UpdatedAt { get; init; }

    public int Version { get; init; }

    internal sealed class Mapping : Profile
    {
        public Mapping()
        {
            CreateMap<WeeklyHours, WeeklyHoursResponse>().ConvertUsing(h => WeeklyHoursResponse.Of(h));
            CreateMap<ServiceCalendar, CalendarResponse>();
        }
    }
}

/// <summary>One stretch of service hours: a day of the week, from a local time to a later one (`24:00` is the day's end).</summary>
public sealed record WeeklyHoursResponse(DayOfWeek Day, string From, string To)
{
    public static WeeklyHoursResponse Of(WeeklyHours hours) => new(BclConversions.ToDayOfWeek(hours.Day), WeeklyHours.Clock(hours.FromMinute), WeeklyHours.Clock(hours.ToMinute));
}
