using System.Globalization;
using Catalog.Api.Domain.Agreements;
using Catalog.Api.Domain.Common;
using Catalog.Api.Domain.Delivery;
using Catalog.Api.Features.Metrics;
using Catalog.Api.Features.Services;
using Catalog.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Catalog.Api.Features.Attainment;

/// <summary>One agreement's attainment over a range of months, with what the responses name.</summary>
/// <param name="ReliesOn">The agreed service and every service it depends on, directly or not: whose outages counted.</param>
public sealed record AgreementAttainment(
    Agreement Agreement,
    string CustomerName,
    string TimeZone,
    IReadOnlyList<MonthAttainment> Months,
    IReadOnlySet<Guid> ReliesOn);

/// <summary>
/// Judges a set of agreements over a range of calendar months (each in its customer's time zone), loading what all of
/// them need at once: the customers, the dependency graph below the agreed services (one query per level), the
/// outages of every service in it, the measurements and the metric vocabulary. A customer's month across fifty
/// agreements is therefore a handful of queries, not fifty times as many.
/// </summary>
public sealed class AttainmentReader(CatalogDbContext db, MetricVocabulary vocabulary)
{
    /// <summary>Names of the services the last read counted, for attributing outages.</summary>
    public IReadOnlyDictionary<Guid, string> ServiceNames { get; private set; } = new Dictionary<Guid, string>();

    /// <summary>
    /// The attainment of each agreement for the months <paramref name="from"/> to <paramref name="to"/>; months in which no
    /// version was in force, or which have not begun at <paramref name="now"/>, are absent.
    /// </summary>
    public async Task<IReadOnlyList<AgreementAttainment>> ReadAsync(
        IReadOnlyCollection<Agreement> agreements, YearMonth from, YearMonth to, Instant now, CancellationToken cancellationToken)
    {
        if (agreements.Count == 0)
        {
            return [];
        }

        var customerIds = agreements.Select(a => a.CustomerId).Distinct().ToList();
        var customers = await db.Customers.AsNoTracking()
            .Where(c => customerIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Name, c.TimeZone })
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        var zones = customers.Values.Select(c => c.TimeZone).Distinct().ToDictionary(z => z, z => DateTimeZoneProviders.Tzdb[z]);

        // The widest span any of the customers' months cover, so one query finds every outage that can count.
        var start = zones.Values.Select(z => from.OnDayOfMonth(1).AtStartOfDayInZone(z).ToInstant()).Min();
        var end = zones.Values.Select(z => to.PlusMonths(1).OnDayOfMonth(1).AtStartOfDayInZone(z).ToInstant()).Max();

        var agreedServices = agreements.Select(a => a.ServiceId).Distinct().ToList();
        var graph = await ServiceGraph.DependenciesFromAsync(db, agreedServices, cancellationToken);
        var counted = agreedServices.Concat(graph.Values.SelectMany(d => d)).ToHashSet();
        ServiceNames = await db.Services.AsNoTracking().Where(s => counted.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);

        var startUtc = start.ToDateTimeUtc();
        var endUtc = end.ToDateTimeUtc();
        var outages = (await db.Outages.AsNoTracking()
                .Where(o => counted.Contains(o.ServiceId) && o.StartedAt < endUtc && (o.RestoredAt == null || o.RestoredAt > startUtc))
                .Select(o => new { o.Id, o.ServiceId, o.Kind, o.Priority, o.StartedAt, o.RestoredAt })
                .ToListAsync(cancellationToken))
            .Select(o => new CountedOutageInput(o.Id, o.ServiceId, o.Kind, o.Priority, Instant.FromDateTimeUtc(o.StartedAt), o.RestoredAt is { } r ? Instant.FromDateTimeUtc(r) : null))
            .ToLookup(o => o.AttributedServiceId);

        var periods = Enumerable.Range(0, Months(from, to)).Select(i => Period(from.PlusMonths(i))).ToList();
        var measurements = (await db.Measurements.AsNoTracking()
                .Where(m => agreedServices.Contains(m.ServiceId) && periods.Contains(m.Period))
                .ToListAsync(cancellationToken))
            .ToLookup(
                m => m.ServiceId,
                m => new MeasurementInput(m.Metric, m.Scope.Length == 0 ? null : m.Scope, Month(m.Period)!.Value, m.Value, m.Source));
        var metrics = await vocabulary.ReadAsync(db, agreements.SelectMany(a => a.Versions).SelectMany(v => v.Targets).Select(t => t.Metric).Distinct(), cancellationToken);

        var aroundTheClock = ServiceCalendar.BuiltIn.Single(c => c.Key == ServiceHoursCalendar.AllHours);
        var results = new List<AgreementAttainment>(agreements.Count);
        foreach (var agreement in agreements)
        {
            var customer = customers[agreement.CustomerId];
            var zone = zones[customer.TimeZone];
            var versions = agreement.Versions.OrderBy(v => v.Number).Select(v => new PromisedTerms(
                v.Number, Instant.FromDateTimeUtc(v.EffectiveFrom), v.Targets, v.ServiceHours ?? aroundTheClock.For(customer.TimeZone), v.MaintenanceWindows)).ToList();
            var endedAt = agreement.TerminatedAt is { } terminated ? Instant.FromDateTimeUtc(terminated) : (Instant?)null;
            var reliesOn = ServiceGraph.Reachable(agreement.ServiceId, graph);
            var against = reliesOn.SelectMany(s => outages[s]).ToList();
            var measured = measurements[agreement.ServiceId].ToList();
            var credits = agreement.Versions.ToDictionary(v => v.Number, v => new CreditTerms(v.ServiceCredits, v.MonthlyCharge, v.Currency));

            var months = new List<MonthAttainment>();
            for (var month = from; month <= to; month = month.PlusMonths(1))
            {
                if (AttainmentRules.ForMonth(month, zone, versions, endedAt, against, measured, metrics, now) is { } attained)
                {
                    months.Add(attained with { Credit = CreditRules.ForMonth(attained, zone, credits, metrics) });
                }
            }

            results.Add(new AgreementAttainment(agreement, customer.Name, customer.TimeZone, months, reliesOn));
        }

        return results;
    }

    public static int Months(YearMonth from, YearMonth to) => ((to.Year - from.Year) * 12) + to.Month - from.Month + 1;

    public static string Period(YearMonth month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static YearMonth? Month(string? value) => CalendarMonth.Parse(value)?.ToYearMonth();
}
