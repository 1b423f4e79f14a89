namespace Catalog.Api.Domain.Agreements;

/// <summary>When one version of an agreement is in force: from its effective date until the next one starts (or the agreement ends).</summary>
/// <param name="Until">Exclusive; null while nothing replaces it.</param>
public sealed record InForcePeriod(int Number, DateTime From, DateTime? Until)
{
    public bool Covers(DateTime instant) => From <= instant && (Until is null || instant < Until);
}

/// <summary>
/// The rule that decides which version of an agreement is in force: at any instant, the newest version whose
/// effective date has come, until the agreement is terminated. So at every instant exactly one version is in
/// force, or none (not yet, or no longer). Versions agreed later take effect no earlier than those before
/// them (<see cref="AgreementStanding.EffectiveFrom"/>); for versions stored before that rule, a version that a
/// newer one already overtook is simply never in force.
/// </summary>
public static class InForce
{
    public static IReadOnlyList<InForcePeriod> Periods(IEnumerable<(int Number, DateTime EffectiveFrom)> versions, DateTime? terminatedAt)
    {
        var ordered = versions.OrderBy(v => v.Number).ToList();
        var periods = new List<InForcePeriod>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var (number, from) = ordered[i];
            var later = ordered.Skip(i + 1).Select(v => v.EffectiveFrom).ToList();
            if (later.Any(start => start <= from))
            {
                continue;
            }

            DateTime? until = later.Count > 0 ? later.Min() : null;
            if (terminatedAt is { } end && (until is null || end < until))
            {
                until = end;
            }

            if (until is null || from < until)
            {
                periods.Add(new InForcePeriod(number, from, until));
            }
        }

        return periods;
    }

    /// <summary>The number of the version in force at the instant, or null when none is.</summary>
    public static int? VersionAt(IEnumerable<InForcePeriod> periods, DateTime instant) =>
        periods.FirstOrDefault(p => p.Covers(instant))?.Number;
}
