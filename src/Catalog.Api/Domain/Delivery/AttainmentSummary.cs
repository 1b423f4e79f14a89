namespace Catalog.Api.Domain.Delivery;

/// <summary>
/// A month's targets at a glance. Each target of each version stretch counts once, in exactly one bucket: missed
/// when it was not kept, at risk when it is still kept but more than three quarters of its allowance is used, met
/// when kept otherwise, and not measured when nothing measured it.
/// </summary>
public sealed record AttainmentSummary(int Targets, int Met, int Missed, int AtRisk, int NotMeasured)
{
    public static readonly AttainmentSummary Empty = new(0, 0, 0, 0, 0);

    public static AttainmentSummary Of(IEnumerable<MonthAttainment> months)
    {
        var summary = Empty;
        foreach (var target in months.SelectMany(m => m.Versions).SelectMany(v => v.Targets))
        {
            summary = target.Met switch
            {
                null => summary with { NotMeasured = summary.NotMeasured + 1 },
                false => summary with { Missed = summary.Missed + 1 },
                true when target.AtRisk => summary with { AtRisk = summary.AtRisk + 1 },
                true => summary with { Met = summary.Met + 1 },
            };
        }

        return summary with { Targets = summary.Met + summary.Missed + summary.AtRisk + summary.NotMeasured };
    }
}
