using NodaTime;

namespace Catalog.Api.Domain.Delivery;

/// <summary>How a dependency's availability is known.</summary>
public enum AvailabilityBasis
{
    /// <summary>Computed from the outages recorded over the period: the dependency is watched, and this is what it delivered.</summary>
    Measured,

    /// <summary>Promised: an operational level agreement in force between the dependency and this service names its availability.</summary>
    Ola,
}

/// <summary>What one direct dependency is known to deliver; <see cref="Availability"/> is null when nothing says (unknown, never a guess).</summary>
public sealed record DependencyAvailability(Guid ServiceId, decimal? Availability, AvailabilityBasis? Basis)
{
    public bool IsKnown => Availability is not null;
}

/// <summary>
/// The availability a service's dependencies allow, and the one that limits it most. <see cref="Availability"/> is the
/// product over the known dependencies only, and null when there are dependencies but none is known; <see cref="Unknown"/>
/// lists the others, which can only lower it.
/// </summary>
public sealed record AvailabilityCeilingResult(decimal? Availability, DependencyAvailability? LimitedBy, IReadOnlyList<DependencyAvailability> Unknown)
{
    /// <summary>
    /// How far a promised availability lies above the ceiling, in percentage points: at least this much when some
    /// dependencies are unknown (they can only lower the ceiling); zero when within a ceiling that is fully known; null
    /// when the promise is within what is known but the unknown could still put it above.
    /// </summary>
    public decimal? Above(decimal promised) => Availability is { } ceiling && promised > ceiling
        ? promised - ceiling
        : Unknown.Count == 0 ? 0m : null;
}

/// <summary>
/// A service that needs all of its dependencies at once can be no more available than their availabilities
/// multiplied (they fail independently or not, the product is the best it can do): the serial ceiling.
/// </summary>
public static class AvailabilityCeiling
{
    private const int Decimals = 4;

    /// <summary>
    /// What one direct dependency is known to deliver toward the service: the availability its operational level
    /// agreement with the service promises, where one is in force (a promise the provider is held to, which overrides
    /// what was measured), else what it was measured to deliver, else nothing (unknown).
    /// </summary>
    /// <param name="agreed">The availability the operational level agreement in force promises; null without one.</param>
    /// <param name="measured">The availability measured over the period; null when the dependency is not watched.</param>
    public static DependencyAvailability Dependency(Guid serviceId, decimal? agreed, decimal? measured) =>
        agreed is { } promised ? new(serviceId, promised, AvailabilityBasis.Ola)
        : measured is { } delivered ? new(serviceId, delivered, AvailabilityBasis.Measured)
        : new(serviceId, null, null);

    /// <summary>The serial ceiling over <paramref name="direct"/>, the service's direct dependencies.</summary>
    public static AvailabilityCeilingResult Of(IReadOnlyList<DependencyAvailability> direct)
    {
        var known = direct.Where(d => d.IsKnown).ToList();
        var unknown = direct.Where(d => !d.IsKnown).ToList();
        if (known.Count == 0 && unknown.Count > 0)
        {
            return new AvailabilityCeilingResult(null, null, unknown);
        }

        var product = known.Aggregate(1m, (ceiling, d) => ceiling * d.Availability!.Value / 100m);
        var limitedBy = known.OrderBy(d => d.Availability).ThenBy(d => d.ServiceId).FirstOrDefault();
        return new AvailabilityCeilingResult(Math.Round(product * 100m, Decimals), limitedBy, unknown);
    }

    /// <summary>
    /// The availability delivered around the clock between <paramref name="from"/> and <paramref name="to"/>, given
    /// the downtime: outages and planned work (no maintenance window was agreed between services), each minute once.
    /// </summary>
    public static decimal Measured(IEnumerable<CountedOutageInput> outages, Instant from, Instant to)
    {
        var period = to - from;
        if (period <= Duration.Zero)
        {
            throw new ArgumentException("The period must not be empty.", nameof(to));
        }

        var down = IntervalSet.Union(outages
                .Where(o => o.Kind != OutageKind.Degradation)
                .Select(o => new Interval(o.StartedAt, o.RestoredAt ?? to)))
            .Intersect(from, to);
        return Math.Round(100m * (1m - ((decimal)down.TotalDuration.BclCompatibleTicks / period.BclCompatibleTicks)), Decimals);
    }
}
