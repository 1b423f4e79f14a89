using Catalog.Api.Domain.Agreements;
using Catalog.Api.Infrastructure.Problems;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Catalog.Api.Features.Attainment;

/// <summary>The one month a customer's or a service's attainment view is asked for, and the agreements that can count in it.</summary>
internal static class AttainmentMonth
{
    public const string Field = "month";

    public const string FormatMessage = "month must be a calendar month written YYYY-MM, from 2000-01, such as 2026-12.";

    /// <summary>Where the day begins first (UTC+14): a month that has not begun there has begun nowhere.</summary>
    public static readonly DateTimeZone EarliestZone = DateTimeZone.ForOffset(Offset.FromHours(14));

    /// <summary>Where the day begins last (UTC-12).</summary>
    private static readonly DateTimeZone LatestZone = DateTimeZone.ForOffset(Offset.FromHours(-12));

    public static bool IsWellFormed(string? text) => text is null || AttainmentReader.Month(text) is not null;

    /// <summary>A month after <paramref name="running"/> has not begun: a field error, not an empty answer.</summary>
    /// <param name="where">Where the running month is counted, for the error: "in Europe/Berlin".</param>
    public static void EnsureBegun(YearMonth month, YearMonth running, string where)
    {
        if (month > running)
        {
            throw new InvalidInputException(
                Field, $"{AttainmentReader.Period(month)} has not begun {where}; the latest month with attainment is the running one, {AttainmentReader.Period(running)}.");
        }
    }

    /// <summary>
    /// The agreements among <paramref name="agreements"/>, with their versions, that may have had a version in force
    /// during the month in any time zone; the reader then judges each in its own customer's zone and leaves out those
    /// with none in force.
    /// </summary>
    public static Task<List<Agreement>> CandidatesAsync(IQueryable<Agreement> agreements, YearMonth month, CancellationToken cancellationToken)
    {
        var start = month.OnDayOfMonth(1).AtStartOfDayInZone(EarliestZone).ToInstant().ToDateTimeUtc();
        var end = month.PlusMonths(1).OnDayOfMonth(1).AtStartOfDayInZone(LatestZone).ToInstant().ToDateTimeUtc();
        return agreements.AsNoTracking()
            .Where(a => a.Versions.Any(v => v.EffectiveFrom < end) && (a.TerminatedAt == null || a.TerminatedAt > start))
            .Include(a => a.Versions)
            .OrderBy(a => a.Id)
            .ToListAsync(cancellationToken);
    }
}
