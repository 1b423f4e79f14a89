using Catalog.Api.Domain.Delivery;
using Catalog.Api.Domain.Negotiation;

namespace Catalog.Api.Features.Attainment;

/// <summary>What was delivered against an agreement, month by month, judged against the version in force at each instant.</summary>
/// <param name="CustomerId">The customer; null for an operational level agreement.</param>
/// <param name="ConsumerServiceId">The dependent service of an operational level agreement; null for a customer's.</param>
/// <param name="TimeZone">The zone the months run in: the customer's, or for an operational level agreement the configured default.</param>
public sealed record AttainmentResponse(
    Guid AgreementId,
    Guid ServiceId,
    string ServiceName,
    Guid? CustomerId,
    string? CustomerName,
    string TimeZone,
    IReadOnlyList<MonthResponse> Months,
    Guid? ConsumerServiceId,
    string? ConsumerServiceName)
{
    public static AttainmentResponse From(AgreementAttainment attained, IReadOnlyDictionary<Guid, string> names) => new(
        attained.Agreement.Id,
        attained.Agreement.ServiceId,
        names[attained.Agreement.ServiceId],
        attained.Agreement.CustomerId,
        attained.CustomerName,
        attained.TimeZone,
        attained.Months.Select(m => MonthResponse.From(m, names)).ToList(),
        attained.Agreement.ConsumerServiceId,
        attained.ConsumerServiceName);
}

/// <param name="Month">The calendar month, YYYY-MM, in the customer's time zone.</param>
/// <param name="Status">`closed` once the month has ended; `in-progress` for the running month.</param>
/// <param name="CreditPercent">The share of the month's charge credited (the highest any version of the month earned); null while the month runs or when no version in it carries credit bands.</param>
/// <param name="Credit">What the month's misses cost IT, per version, with the reason; null when <paramref name="CreditPercent"/> is.</param>
public sealed record MonthResponse(string Month, string Status, IReadOnlyList<VersionStretchResponse> Versions, decimal? CreditPercent, MonthCreditResponse? Credit)
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
                t.Measurements?.Select(m => new MeasurementEvidenceResponse(m.Value, m.Source)).ToList())).ToList())).ToList(),
        month.Credit?.CreditPercent,
        month.Credit is { } credit
            ? new MonthCreditResponse(credit.Amount, credit.Currency, credit.Versions.Select(v => new VersionCreditResponse(v.Version, v.CreditPercent, v.Days, v.DaysInMonth, v.MonthlyCharge, v.ChargedAmount, v.Amount, v.Reason)).ToList())
            : null);
}

/// <param name="Amount">The month's credit over all its versions, deducted from the customer's charges for the month.</param>
public sealed record MonthCreditResponse(decimal Amount, string Currency, IReadOnlyList<VersionCreditResponse> Versions);

/// <summary>What one version's stretch of a closed month earned: a share of the charge its days bear, and why.</summary>
/// <param name="CreditPercent">The band the worst missed target fell into, limited by the cap; 0 when no target fell into a band.</param>
/// <param name="Days">The days of the month the version was in force (a day belongs to the version in force at its start).</param>
/// <param name="ChargedAmount">The monthly charge × days ÷ days in the month, as the charges view counts it.</param>
/// <param name="Amount">ChargedAmount × CreditPercent, to the cent.</param>
/// <param name="Reason">In plain words: which target was missed by how much, which band it fell into, and what is credited.</param>
public sealed record VersionCreditResponse(int Version, decimal CreditPercent, int Days, int DaysInMonth, decimal MonthlyCharge, decimal ChargedAmount, decimal Amount, string Reason);

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
