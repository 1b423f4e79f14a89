using Catalog.Api.Domain.Common;

namespace Catalog.Api.Domain.Agreements;

/// <summary>
/// Where an agreement stands when an option is priced or accepted: the monthly charge a new version builds on
/// and the date before which it cannot take effect. Both rules of a new version live here, so the analysis the
/// customer reads, the check at acceptance and the version itself cannot disagree.
/// </summary>
/// <param name="MonthlyCharge">The charge of the newest version (zero before the first): what IT prices a renegotiation against.</param>
/// <param name="LatestEffectiveFrom">When the newest version takes (or took) effect; a later version never starts before it.</param>
public sealed record AgreementStanding(decimal MonthlyCharge, DateTime? LatestEffectiveFrom)
{
    /// <summary>No agreement yet: the first version's charge is the accepted increase, from its own date.</summary>
    public static AgreementStanding None { get; } = new(0m, null);

    /// <summary>The agreement's monthly charge once an option with this increase is accepted.</summary>
    public decimal ChargeWith(decimal monthlyCostDelta) => Money.Round(MonthlyCharge + monthlyCostDelta);

    /// <summary>
    /// The acceptance date (UTC) plus the accepted option's lead time, but never before the newest version's
    /// date: versions take effect in the order they were agreed, so at every instant exactly one is in force.
    /// </summary>
    public DateTime EffectiveFrom(DateTime acceptedAt, int leadTimeDays)
    {
        var ready = DateTime.SpecifyKind(acceptedAt.Date, DateTimeKind.Utc).AddDays(leadTimeDays);
        return LatestEffectiveFrom is { } previous && previous > ready ? previous : ready;
    }

    /// <summary>What accepting an option would mean now: the increase, the resulting charge, the one-off cost and the date.</summary>
    public OptionQuote Quote(decimal monthlyCostDelta, decimal oneOffCost, int leadTimeDays, DateTime now) =>
        new(monthlyCostDelta, MonthlyCharge, ChargeWith(monthlyCostDelta), oneOffCost, leadTimeDays, EffectiveFrom(now, leadTimeDays));
}

/// <summary>An option as the customer weighs it: what it adds, what the agreement would then cost, and from when.</summary>
/// <param name="MonthlyCostDelta">The increase IT quoted (negative for a decrease).</param>
/// <param name="CurrentMonthlyCharge">What the agreement charges now, before the increase.</param>
/// <param name="MonthlyCharge">The agreement's resulting monthly charge: the amount the customer confirms when accepting.</param>
/// <param name="OneOffCost">Charged once, on top.</param>
/// <param name="LeadTimeDays">The option's own lead time.</param>
/// <param name="EffectiveFrom">When the option would take effect if accepted now.</param>
public sealed record OptionQuote(decimal MonthlyCostDelta, decimal CurrentMonthlyCharge, decimal MonthlyCharge, decimal OneOffCost, int LeadTimeDays, DateTime EffectiveFrom);
