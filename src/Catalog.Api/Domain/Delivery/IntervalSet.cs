using NodaTime;

namespace Catalog.Api.Domain.Delivery;

/// <summary>
/// A set of instants as sorted, disjoint, non-empty half-open intervals: service hours, downtime, maintenance.
/// Attainment is arithmetic on such sets (downtime within service hours, less agreed maintenance), so overlapping
/// outages are never counted twice.
/// </summary>
public sealed class IntervalSet
{
    private readonly List<Interval> _intervals;

    private IntervalSet(List<Interval> sortedDisjoint) => _intervals = sortedDisjoint;

    public static IntervalSet Empty { get; } = new([]);

    public IReadOnlyList<Interval> Intervals => _intervals;

    public bool IsEmpty => _intervals.Count == 0;

    public Duration TotalDuration => _intervals.Aggregate(Duration.Zero, (sum, i) => sum + i.Duration);

    public static IntervalSet Of(Instant start, Instant end) => start < end ? new([new Interval(start, end)]) : Empty;

    /// <summary>The union of any intervals, in any order, overlapping or not; empty ones are dropped.</summary>
    public static IntervalSet Union(IEnumerable<Interval> intervals)
    {
        var sorted = intervals.Where(i => i.HasStart && i.HasEnd && i.Start < i.End).OrderBy(i => i.Start).ToList();
        var merged = new List<Interval>(sorted.Count);
        foreach (var interval in sorted)
        {
            if (merged.Count > 0 && merged[^1].End >= interval.Start)
            {
                var last = merged[^1];
                merged[^1] = new Interval(last.Start, Max(last.End, interval.End));
            }
            else
            {
                merged.Add(interval);
            }
        }

        return new IntervalSet(merged);
    }

    public IntervalSet Union(IntervalSet other) => Union(_intervals.Concat(other._intervals));

    public IntervalSet Intersect(IntervalSet other)
    {
        var result = new List<Interval>();
        int i = 0, j = 0;
        while (i < _intervals.Count && j < other._intervals.Count)
        {
            var a = _intervals[i];
            var b = other._intervals[j];
            var start = Max(a.Start, b.Start);
            var end = Min(a.End, b.End);
            if (start < end)
            {
                result.Add(new Interval(start, end));
            }

            if (a.End < b.End)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return new IntervalSet(result);
    }

    public IntervalSet Intersect(Instant start, Instant end) => Intersect(Of(start, end));

    public IntervalSet Subtract(IntervalSet other)
    {
        var result = new List<Interval>();
        var j = 0;
        foreach (var interval in _intervals)
        {
            var start = interval.Start;
            while (j < other._intervals.Count && other._intervals[j].End <= start)
            {
                j++;
            }

            var k = j;
            while (k < other._intervals.Count && other._intervals[k].Start < interval.End)
            {
                var cut = other._intervals[k];
                if (cut.Start > start)
                {
                    result.Add(new Interval(start, cut.Start));
                }

                start = Max(start, cut.End);
                k++;
            }

            if (start < interval.End)
            {
                result.Add(new Interval(start, interval.End));
            }
        }

        return new IntervalSet(result);
    }

    private static Instant Max(Instant a, Instant b) => a > b ? a : b;

    private static Instant Min(Instant a, Instant b) => a < b ? a : b;
}
