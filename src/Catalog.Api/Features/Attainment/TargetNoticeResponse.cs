using Catalog.Api.Domain.Delivery;

namespace Catalog.Api.Features.Attainment;

/// <summary>
/// The data of <c>agreement.at-risk</c> and <c>agreement.target-missed</c>: which agreement, month and version, the
/// target as the attainment view shows it (what was promised, what was achieved so far, the evidence), and the
/// services whose failures brought it there.
/// </summary>
/// <param name="Month">The calendar month, YYYY-MM, in the customer's time zone.</param>
/// <param name="Version">The agreement version in force when the target was at risk or missed.</param>
/// <param name="From">Where that version's part of the month begins.</param>
/// <param name="To">Where it ends (the end of the month, or where the next version takes effect).</param>
/// <param name="CustomerId">The customer; null for an operational level agreement.</param>
/// <param name="ConsumerServiceId">The dependent service of an operational level agreement; null for a customer's.</param>
/// <param name="TimeZone">The zone the months run in: the customer's, or for an operational level agreement the configured default.</param>
/// <param name="AttributedServices">The services whose outages counted (availability) or were not restored in time (time to restore).</param>
public sealed record TargetNoticeResponse(
    Guid AgreementId,
    Guid ServiceId,
    string ServiceName,
    Guid? CustomerId,
    string? CustomerName,
    string TimeZone,
    string Month,
    int Version,
    DateTime From,
    DateTime To,
    TargetAttainmentResponse Target,
    IReadOnlyList<AttributedServiceResponse> AttributedServices,
    Guid? ConsumerServiceId,
    string? ConsumerServiceName)
{
    public static TargetNoticeResponse Of(AgreementAttainment attained, Notice notice, IReadOnlyDictionary<Guid, string> names)
    {
        var version = notice.Version!;
        var target = notice.Target!;
        var shown = MonthResponse.From(notice.Month, names).Versions.Single(v => v.Version == version.Version).Targets
            .Single(t => t.Metric == target.Metric && t.Scope == target.Scope);
        var failed = target.Availability is { } availability
            ? availability.Outages.Select(o => o.AttributedServiceId)
            : target.Restore is { } restore
                ? restore.Incidents.Where(i => !i.InTime || !i.Restored).Select(i => i.AttributedServiceId)
                : [];
        return new TargetNoticeResponse(
            attained.Agreement.Id,
            attained.Agreement.ServiceId,
            names[attained.Agreement.ServiceId],
            attained.Agreement.CustomerId,
            attained.CustomerName,
            attained.TimeZone,
            AttainmentReader.Period(notice.Month.Month),
            version.Version,
            version.From.ToDateTimeUtc(),
            version.To.ToDateTimeUtc(),
            shown,
            failed.Distinct().Select(id => new AttributedServiceResponse(id, names.GetValueOrDefault(id, "?"))).ToList(),
            attained.Agreement.ConsumerServiceId,
            attained.ConsumerServiceName);
    }
}

public sealed record AttributedServiceResponse(Guid Id, string Name);

/// <summary>
/// The data of <c>credit.earned</c>: a closed month's service credit for one agreement, with each version's share
/// and reason; what the customer's charges for that month deduct.
/// </summary>
/// <param name="Month">The calendar month, YYYY-MM, in the customer's time zone.</param>
public sealed record CreditEarnedResponse(
    Guid AgreementId,
    Guid ServiceId,
    string ServiceName,
    Guid? CustomerId,
    string? CustomerName,
    string Month,
    MonthCreditResponse Credit);
