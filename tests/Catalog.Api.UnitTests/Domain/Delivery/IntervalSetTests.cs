using Catalog.Api.Domain.Delivery;
using NodaTime;

namespace Catalog.Api.UnitTests.Domain.Delivery;

public class IntervalSetTests
{
    private static Instant At(int minute) => Instant.FromUtc(2026, 1, 1, 0, 0) + Duration.FromMinutes(minute);

    private static Interval Span(int from, int to) => new(At(from), At(to));

    [Fact]
    public void Union_OverlappingAndTouching_Merge()
    {
        var set = IntervalSet.Union([Span(30, 40), Span(0, 10), Span(5, 20), Span(20, 25)]);

        Assert.Equal([Span(0, 25), Span(30, 40)], set.Intervals);
        Assert.Equal(Duration.FromMinutes(35), set.TotalDuration);
    }

    [Fact]
    public void Intersect_TwoSets_KeepsOnlyWhatBothHold()
    {
        var a = IntervalSet.Union([Span(0, 10), Span(20, 30)]);
        var b = IntervalSet.Union([Span(5, 25)]);

        Assert.Equal([Span(5, 10), Span(20, 25)], a.Intersect(b).Intervals);
    }

    [Fact]
    public void Subtract_Holes_LeavesTheRest()
    {
        var a = IntervalSet.Union([Span(0, 60)]);
        var holes = IntervalSet.Union([Span(-5, 5), Span(10, 20), Span(50, 70)]);

        Assert.Equal([Span(5, 10), Span(20, 50)], a.Subtract(holes).Intervals);
    }
}
