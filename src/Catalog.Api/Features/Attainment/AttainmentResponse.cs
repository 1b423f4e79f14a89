using Catalog.Api.Domain.Delivery;
using Catalog.Api.Domain.Negotiation;

namespace Catalog.Api.Features.Attainment;

/// <summary>What was delivered against an agreement, month by month, judged against the version in force at each instant.</summary>
public sealed record AttainmentResponse(
    Guid AgreementId,
    Guid ServiceId,
    string ServiceName,
    Guid CustomerId,
    string CustomerName,
    string TimeZone,
    IReadOnlyList<MonthResponse> Months)
{
    public static AttainmentResponse From(AgreementAttainment attained, IReadOnlyDictionary<Guid, string> names) => new(
        attained.Agreement.Id,
        attained.Agreement.ServiceId,
        names[attained.Agreement.ServiceId],
        attained.Agreement.CustomerId,
        attained.CustomerName,
        attained.TimeZone,
        attained.Months.Select(m => MonthResponse.From(m, names)).ToList());
}

/// <param name="Month">The calendar month, YYYY-MM, in the customer's time zone.</param>
/// <param name="Status">`closed` once the month has ended; `in-progress` for the running month.</param>
public sealed record MonthResponse(string Month, string Status, IReadOnlyList<VersionStretchResponse> Versions)
{
    public static MonthResponse From(MonthAttainment month, IReadOnlyDictionary<Guid, string> names) => new(
        AttainmentReader.Period(month.Month),
        month.Closed ? "closed" : "in-progress",
        month.Versions.Select(v => new VersionStretchResponse(
            v.Version,
            v.From.ToDateTimeUtc(),
            v.To.ToDateTimeUtc(),
            v.Targets.Select(t => new TargetAttainmentResponse(
                t.Metric,
                t.Scope,
                t.Target,
                t.Achieved,
                t.Met,
                t.AtRisk,
                t.Availability is { } a
                    ? new AvailabilityEvidenceResponse(a.ServiceMinutes, a.AllowedDowntimeMinutes, a.CountedDowntimeMinutes, a.ExcludedMaintenanceMinutes,
                        a.Outages.Select(o => new CountedOutageResponse(o.OutageId, o.AttributedServiceId, names.GetValueOrDefault(o.AttributedServiceId, "?"), o.CountedMinutes)).ToList())
                    : null,
                t.Restore is { } r
                    ? new RestoreEvidenceResponse(r.Incidents.Select(i => new IncidentResponse(i.OutageId, i.AttributedServiceId, names.GetValueOrDefault(i.AttributedServiceId, "?"), i.Minutes, i.Restored, i.InTime)).ToList())
                    : null,
                t.Measurements?.Select(m => new MeasurementEvidenceResponse(m.Value, m.Source)).ToList())).ToList())).ToList());
}

/// <summary>The part of the month one version was in force, and how each of its targets fared.</summary>
public sealed record VersionStretchResponse(int Version, DateTime From, DateTime To, IReadOnlyList<TargetAttainmentResponse> Targets);

/// <param name="Achieved">What was delivered, in the metric's unit (per cent for availability, minutes for the slowest restoration); null when nothing measured it.</param>
/// <param name="Met">Whether the target was kept; null when nothing measured it; in the running month, whether it is still kept as things stand.</param>
/// <param name="AtRisk">In the running month, more than three quarters of the allowed downtime (or of the time to restore) is used.</param>
public sealed record TargetAttainmentResponse(
    string Metric,
    string? Scope,
    TargetValue Target,
    decimal? Achieved,
    bool? Met,
    bool AtRisk,
    AvailabilityEvidenceResponse? Availability,
    RestoreEvidenceResponse? TimeToRestore,
    IReadOnlyList<MeasurementEvidenceResponse>? Measurements);

/// <param name="ServiceMinutes">Minutes of agreed service hours in the stretch.</param>
/// <param name="AllowedDowntimeMinutes">Downtime the target allows over the stretch's service minutes.</param>
/// <param name="CountedDowntimeMinutes">Downtime within service hours, outside agreed maintenance, each minute counted once.</param>
/// <param name="ExcludedMaintenanceMinutes">Planned work inside the agreed maintenance windows, not counted.</param>
public sealed record AvailabilityEvidenceResponse(
    decimal ServiceMinutes,
    decimal AllowedDowntimeMinutes,
    decimal CountedDowntimeMinutes,
    decimal ExcludedMaintenanceMinutes,
    IReadOnlyList<CountedOutageResponse> Outages);

/// <summary>An outage that counted, and the service that failed (the agreed service or one it depends on).</summary>
public sealed record CountedOutageResponse(Guid OutageId, Guid AttributedServiceId, string AttributedServiceName, decimal CountedMinutes);

public sealed record RestoreEvidenceResponse(IReadOnlyList<IncidentResponse> Incidents);

/// <param name="Minutes">Service-hours minutes from start to restoration (so far, while ongoing).</param>
public sealed record IncidentResponse(Guid OutageId, Guid AttributedServiceId, string AttributedServiceName, decimal Minutes, bool Restored, bool InTime);

public sealed record MeasurementEvidenceResponse(decimal Value, string Source);
