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
    IReadOnlyList<MonthResponse> Months);

/// <param name="Month">The calendar month, YYYY-MM, in the customer's time zone.</param>
/// <param name="Status">`closed` once the month has ended; `in-progress` for the running month.</param>
public sealed record MonthResponse(string Month, string Status, IReadOnlyList<VersionStretchResponse> Versions);

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
