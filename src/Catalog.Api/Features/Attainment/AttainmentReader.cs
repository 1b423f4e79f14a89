using System.Globalization;
using Catalog.Api.Domain.Agreements;
using Catalog.Api.Domain.Common;
using Catalog.Api.Domain.Delivery;
using Catalog.Api.Features.Agreements;
using Catalog.Api.Features.Customers;
using Catalog.Api.Features.Metrics;
using Microsoft.Extensions.Options;
using Catalog.Api.Features.Services;
using Catalog.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Catalog.Api.Features.Attainment;

/// <summary>One agreement's attainment over a range of months, with what the responses name.</summary>
/// <param name="Consumer">The customer, or for an operational level agreement the dependent service, and the zone its months run in.</param>
/// <param name="ReliesOn">The agreed service and every service it depends on, directly or not: whose outages counted.</param>
public sealed record AgreementAttainment(
    Agreement Agreement,
    ConsumerView Consumer,
    IReadOnlyList<MonthAttainment> Months,
    IReadOnlySet<Guid> ReliesOn)
{
    /// <summary>The customer's name; null for an operational level agreement.</summary>
    public string? CustomerName => Consumer.IsService ? null : Consumer.Name;

    /// <summary>The dependent service's name; null for a customer's agreement.</summary>
    public string? ConsumerServiceName => Consumer.IsService ? Consumer.Name : null;

    public string TimeZone => Consumer.TimeZone;
}

/// <summary>
/// Judges a set of agreements over a range of calendar months (each in its customer's time zone; an operational level
/// agreement's in the configured default zone), loading what all of them need at once: the customers, the dependency graph below the agreed services (one query per level), the
/// outages of every service in it, the measurements and the metric vocabulary. A customer's month across fifty
/// agreements is therefore a handful of queries, not fifty times as many.
/// </summary>
public sealed class AttainmentReader(CatalogDbContext db, MetricVocabulary vocabulary, IOptions<CustomerOptions> options)
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

        var consumers = await AgreementConsumers.ReadAsync(db, agreements.Select(a => a.Consumer), options.Value.DefaultTimeZone, cancellationToken);
        var zones = consumers.Values.Select(c => c.TimeZone).Distinct().ToDictionary(z => z, z => DateTimeZoneProviders.Tzdb[z]);

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
            var consumer = consumers[agreement.Consumer];
            var zone = zones[consumer.TimeZone];
            var versions = agreement.Versions.OrderBy(v => v.Number).Select(v => new PromisedTerms(
                v.Number, Instant.FromDateTimeUtc(v.EffectiveFrom), v.Targets, v.ServiceHours ?? aroundTheClock.For(consumer.TimeZone), v.MaintenanceWindows)).ToList();
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

            results.Add(new AgreementAttainment(agreement, consumer, months, reliesOn));
        }

        return results;
    }

    /// <summary>The time zone the agreement's months run in: its customer's, or between services the configured default.</summary>
    public async Task<DateTimeZone> ZoneOfAsync(Agreement agreement, CancellationToken cancellationToken)
    {
        var consumer = await AgreementConsumers.ReadAsync(db, agreement.Consumer, options.Value.DefaultTimeZone, cancellationToken);
        return DateTimeZoneProviders.Tzdb[consumer.TimeZone];
    }

    public static int Months(YearMonth from, YearMonth to) => ((to.Year - from.Year) * 12) + to.Month - from.Month + 1;

    public static string Period(YearMonth month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static YearMonth? Month(string? value) => CalendarMonth.Parse(value)?.ToYearMonth();
}
