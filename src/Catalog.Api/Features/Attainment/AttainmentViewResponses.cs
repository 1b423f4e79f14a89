using Catalog.Api.Domain.Delivery;

namespace Catalog.Api.Features.Attainment;

/// <summary>One agreement's attainment for the month asked, in its customer's time zone.</summary>
/// <param name="CustomerId">The customer; null for an operational level agreement.</param>
/// <param name="ConsumerServiceId">The dependent service of an operational level agreement; null for a customer's.</param>
/// <param name="TimeZone">The zone the months run in: the customer's, or for an operational level agreement the configured default.</param>
/// <param name="Attainment">The month, per version in force, per target, with the evidence (as in the agreement's own attainment).</param>
public sealed record AgreementMonthResponse(
    Guid AgreementId,
    Guid ServiceId,
    string ServiceName,
    Guid? CustomerId,
    string? CustomerName,
    string TimeZone,
    MonthResponse Attainment,
    Guid? ConsumerServiceId,
    string? ConsumerServiceName)
{
    public static AgreementMonthResponse From(AgreementAttainment attained, IReadOnlyDictionary<Guid, string> names) => new(
        attained.Agreement.Id,
        attained.Agreement.ServiceId,
        names[attained.Agreement.ServiceId],
        attained.Agreement.CustomerId,
        attained.CustomerName,
        attained.TimeZone,
        MonthResponse.From(attained.Months.Single(), names),
        attained.Agreement.ConsumerServiceId,
        attained.ConsumerServiceName);
}

/// <summary>The month's targets at a glance; each target of each version in force counts once, in one of the four.</summary>
/// <param name="Targets">All targets judged: met + missed + atRisk + notMeasured.</param>
/// <param name="Met">Kept (in the running month: kept so far, with less than three quarters of the allowance used).</param>
/// <param name="Missed">Not kept; in the running month, no longer keepable.</param>
/// <param name="AtRisk">In the running month, still kept but with more than three quarters of the allowance used.</param>
/// <param name="NotMeasured">Nothing measured them (no outage-based rule and no measurement reported).</param>
public sealed record AttainmentSummaryResponse(int Targets, int Met, int Missed, int AtRisk, int NotMeasured)
{
    public static AttainmentSummaryResponse Of(IEnumerable<AgreementAttainment> attained)
    {
        var summary = AttainmentSummary.Of(attained.SelectMany(a => a.Months));
        return new(summary.Targets, summary.Met, summary.Missed, summary.AtRisk, summary.NotMeasured);
    }
}
