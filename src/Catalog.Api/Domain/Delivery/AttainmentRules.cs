using Catalog.Api.Domain.Metrics;
using Catalog.Api.Domain.Negotiation;
using NodaTime;

namespace Catalog.Api.Domain.Delivery;

public enum OutageKind
{
    /// <summary>The service was unavailable: counts as downtime within service hours.</summary>
    Outage,

    /// <summary>The service was slow or partly working: reported, not counted as downtime.</summary>
    Degradation,

    /// <summary>Planned work: counts as downtime only outside the agreed maintenance windows.</summary>
    Planned,
}

/// <summary>What one agreement version promised, as attainment needs it.</summary>
public sealed record PromisedTerms(
    int Version,
    Instant EffectiveFrom,
    IReadOnlyList<Target> Targets,
    ServiceHoursCalendar Calendar,
    IReadOnlyList<MaintenanceWindow> MaintenanceWindows);

/// <summary>An outage as attainment counts it: against the agreed service, attributed to the service that failed.</summary>
public sealed record CountedOutageInput(Guid OutageId, Guid AttributedServiceId, OutageKind Kind, string? Priority, Instant StartedAt, Instant? RestoredAt);

/// <summary>A result an integrator computed for a month that outages cannot give (a p95 response time, a tested recovery time).</summary>
public sealed record MeasurementInput(string Metric, string? Scope, YearMonth Period, decimal Value, string Source);

/// <param name="Credit">What the month's misses cost IT, once it is closed and where the versions carry credit bands (<see cref="CreditRules"/>).</param>
public sealed record MonthAttainment(YearMonth Month, bool Closed, IReadOnlyList<VersionAttainment> Versions, MonthCredit? Credit = null);

public sealed record VersionAttainment(int Version, Instant From, Instant To, IReadOnlyList<TargetAttainment> Targets);

/// <summary>
/// One target judged over one stretch of a month. <see cref="Met"/> is null when nothing measured it; in the running
/// month it says whether the target is still kept as things stand.
/// </summary>
public sealed record TargetAttainment(
    string Metric,
    string? Scope,
    TargetValue Target,
    decimal? Achieved,
    bool? Met,
    bool AtRisk,
    AvailabilityEvidence? Availability = null,
    RestoreEvidence? Restore = null,
    IReadOnlyList<MeasurementInput>? Measurements = null);

public sealed record AvailabilityEvidence(
    decimal ServiceMinutes,
    decimal AllowedDowntimeMinutes,
    decimal CountedDowntimeMinutes,
    decimal ExcludedMaintenanceMinutes,
    IReadOnlyList<OutageContribution> Outages);

/// <summary>The minutes of one outage that counted, within service hours and outside agreed maintenance.</summary>
public sealed record OutageContribution(Guid OutageId, Guid AttributedServiceId, decimal CountedMinutes);

public sealed record RestoreEvidence(IReadOnlyList<RestoreIncident> Incidents);

/// <summary>An incident of the target's scope: the service-hours minutes until it was restored (so far, while ongoing).</summary>
public sealed record RestoreIncident(Guid OutageId, Guid AttributedServiceId, decimal Minutes, bool Restored, bool InTime);

/// <summary>
/// Judges what was delivered against the agreement version in force at each instant of a calendar month: the
/// month (in the customer's time zone) is split where a new version takes effect, and each stretch is measured
/// against that version's own targets, service hours and maintenance windows.
/// </summary>
public static class AttainmentRules
{
    public const string AvailabilityMetric = "availability";
    public const string TimeToRestoreMetric = "time-to-restore";

    /// <summary>Past this share of the allowed downtime, a running month is at risk.</summary>
    public const decimal AtRiskShare = 0.75m;

    /// <summary>
    /// The month's attainment, or null when no version was in force during it (months before the first version are
    /// absent, not "met") or the month has not begun.
    /// </summary>
    /// <param name="versions">Every version of the agreement, in order.</param>
    /// <param name="endedAt">When the agreement was terminated, if it was.</param>
    public static MonthAttainment? ForMonth(
        YearMonth month,
        DateTimeZone zone,
        IReadOnlyList<PromisedTerms> versions,
        Instant? endedAt,
        IReadOnlyList<CountedOutageInput> outages,
        IReadOnlyList<MeasurementInput> measurements,
        IReadOnlyDictionary<string, Metric> metrics,
        Instant now)
    {
        var monthStart = month.OnDayOfMonth(1).AtStartOfDayInZone(zone).ToInstant();
        var monthEnd = month.PlusMonths(1).OnDayOfMonth(1).AtStartOfDayInZone(zone).ToInstant();
        if (monthStart >= now)
        {
            return null;
        }

        var stretches = new List<VersionAttainment>();
        for (var i = 0; i < versions.Count; i++)
        {
            var terms = versions[i];
            var from = Max(terms.EffectiveFrom, monthStart);
            var to = Min(Min(i + 1 < versions.Count ? versions[i + 1].EffectiveFrom : monthEnd, monthEnd), endedAt ?? monthEnd);
            if (from >= to || from >= now)
            {
                continue;
            }

            var stretch = new Stretch(terms, from, to, Min(to, now), now, outages, month, measurements);
            stretches.Add(new VersionAttainment(terms.Version, from, to, terms.Targets.Select(t => Judge(t, stretch, metrics)).ToList()));
        }

        return stretches.Count == 0 ? null : new MonthAttainment(month, monthEnd <= now, stretches);
    }

    private static TargetAttainment Judge(Target target, Stretch stretch, IReadOnlyDictionary<string, Metric> metrics) => target.Metric switch
    {
        AvailabilityMetric when target.Value.Number is { } promised => Availability(target, promised, stretch),
        TimeToRestoreMetric when target.Value.Number is { } minutes => TimeToRestore(target, minutes, stretch),
        _ => Measured(target, stretch, metrics),
    };

    private static TargetAttainment Availability(Target target, decimal promised, Stretch stretch)
    {
        var serviceHours = stretch.Terms.Calendar.Between(stretch.From, stretch.To);
        var elapsed = serviceHours.Intersect(stretch.From, stretch.Until);
        var windows = IntervalSet.Union(stretch.Terms.MaintenanceWindows.SelectMany(w => w.Occurrences(stretch.From, stretch.To).Intervals));

        var contributions = new List<OutageContribution>();
        var counted = IntervalSet.Empty;
        var excluded = IntervalSet.Empty;
        foreach (var outage in stretch.Outages.Where(o => o.Kind != OutageKind.Degradation))
        {
            var during = elapsed.Intersect(Down(outage, stretch.Until));
            if (outage.Kind == OutageKind.Planned)
            {
                excluded = excluded.Union(during.Intersect(windows));
                during = during.Subtract(windows);
            }

            if (!during.IsEmpty)
            {
                counted = counted.Union(during);
                contributions.Add(new OutageContribution(outage.OutageId, outage.AttributedServiceId, Minutes(during.TotalDuration)));
            }
        }

        var serviceMinutes = Minutes(serviceHours.TotalDuration);
        var countedMinutes = Minutes(counted.TotalDuration);
        var allowed = Math.Round(serviceMinutes * (100m - promised) / 100m, 2);
        var evidence = new AvailabilityEvidence(serviceMinutes, allowed, countedMinutes, Minutes(excluded.TotalDuration), contributions);
        if (serviceMinutes == 0)
        {
            return new TargetAttainment(target.Metric, target.Scope, target.Value, null, null, false, evidence);
        }

        var achieved = Math.Round(100m * (serviceMinutes - countedMinutes) / serviceMinutes, 4);
        var met = countedMinutes <= allowed;
        var atRisk = stretch.InProgress && countedMinutes > allowed * AtRiskShare;
        return new TargetAttainment(target.Metric, target.Scope, target.Value, achieved, met, atRisk, evidence);
    }

    private static TargetAttainment TimeToRestore(Target target, decimal promisedMinutes, Stretch stretch)
    {
        var incidents = stretch.Outages
            .Where(o => o.Kind == OutageKind.Outage && o.StartedAt >= stretch.From && o.StartedAt < stretch.Until)
            .Where(o => target.Scope is null || string.Equals(o.Priority, target.Scope, StringComparison.OrdinalIgnoreCase))
            .Select(o =>
            {
                // The clock runs only within service hours: an outage at Friday 17:50 has used 10 minutes at Monday 08:00.
                var minutes = Minutes(stretch.Terms.Calendar.Between(o.StartedAt, o.RestoredAt ?? stretch.Now).TotalDuration);
                return new RestoreIncident(o.OutageId, o.AttributedServiceId, minutes, o.RestoredAt is not null, minutes <= promisedMinutes);
            })
            .ToList();
        if (incidents.Count == 0)
        {
            return new TargetAttainment(target.Metric, target.Scope, target.Value, null, null, false, Restore: new RestoreEvidence(incidents));
        }

        var slowest = incidents.Max(i => i.Minutes);
        var met = incidents.All(i => i.InTime);
        var atRisk = stretch.InProgress && incidents.Any(i => !i.Restored && i.Minutes > promisedMinutes * AtRiskShare);
        return new TargetAttainment(target.Metric, target.Scope, target.Value, slowest, met, atRisk, Restore: new RestoreEvidence(incidents));
    }

    private static TargetAttainment Measured(Target target, Stretch stretch, IReadOnlyDictionary<string, Metric> metrics)
    {
        var found = stretch.Measurements
            .Where(m => m.Metric == target.Metric && m.Period == stretch.Month && string.Equals(m.Scope ?? string.Empty, target.Scope ?? string.Empty, StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (found.Count == 0 || !metrics.TryGetValue(target.Metric, out var metric) || target.Value.Number is null)
        {
            return new TargetAttainment(target.Metric, target.Scope, target.Value, null, null, false, Measurements: found);
        }

        // Where several sources measured the same month, the worst result is the one the promise is judged by.
        var worst = found.Select(m => TargetValue.Of(m.Value)).Aggregate((a, b) => TargetRules.Strictness(metric, a, b) <= 0 ? a : b);
        var met = TargetRules.Strictness(metric, worst, target.Value) >= 0;
        return new TargetAttainment(target.Metric, target.Scope, target.Value, worst.Number, met, false, Measurements: found);
    }

    private static IntervalSet Down(CountedOutageInput outage, Instant until) => IntervalSet.Of(outage.StartedAt, outage.RestoredAt ?? until);

    private static decimal Minutes(Duration duration) => Math.Round((decimal)duration.TotalMinutes, 2);

    private static Instant Max(Instant a, Instant b) => a > b ? a : b;

    private static Instant Min(Instant a, Instant b) => a < b ? a : b;

    /// <summary>One version's part of the month; <see cref="Until"/> is where measuring stops (now, in the running month).</summary>
    private sealed record Stretch(
        PromisedTerms Terms,
        Instant From,
        Instant To,
        Instant Until,
        Instant Now,
        IReadOnlyList<CountedOutageInput> Outages,
        YearMonth Month,
        IReadOnlyList<MeasurementInput> Measurements)
    {
        public bool InProgress => Until < To;
    }
}
