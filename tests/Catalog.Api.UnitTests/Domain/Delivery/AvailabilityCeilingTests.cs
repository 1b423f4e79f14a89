using Catalog.Api.Domain.Delivery;
using NodaTime;

namespace Catalog.Api.UnitTests.Domain.Delivery;

public class AvailabilityCeilingTests
{
    private static readonly Guid Storage = new("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid Network = new("00000000-0000-0000-0000-00000000000b");
    private static readonly Guid Directory = new("00000000-0000-0000-0000-00000000000c");
    private static readonly Instant From = Instant.FromUtc(2026, 1, 1, 0, 0);
    private static readonly Instant To = From + Duration.FromDays(10);

    private static DependencyAvailability Known(Guid id, decimal percent) => new(id, percent, AvailabilityBasis.Measured);

    private static CountedOutageInput Down(Instant start, Instant? end, OutageKind kind = OutageKind.Outage) => new(Guid.NewGuid(), Storage, kind, null, start, end);

    [Fact]
    public void Of_TwoKnownDependencies_IsTheirProductLimitedByTheWorse()
    {
        var ceiling = AvailabilityCeiling.Of([Known(Storage, 99.9m), Known(Network, 99.5m)]);

        // 0.999 × 0.995 = 0.994005
        Assert.Equal(99.4005m, ceiling.Availability);
        Assert.Equal(Network, ceiling.LimitedBy!.ServiceId);
        Assert.Empty(ceiling.Unknown);
    }

    [Fact]
    public void Of_AnUnknownDependency_IsListedAndNotGuessed()
    {
        var ceiling = AvailabilityCeiling.Of([Known(Storage, 99.9m), new DependencyAvailability(Directory, null, null)]);

        Assert.Equal(99.9m, ceiling.Availability);
        Assert.Equal(Storage, ceiling.LimitedBy!.ServiceId);
        Assert.Equal(Directory, Assert.Single(ceiling.Unknown).ServiceId);
    }

    [Fact]
    public void Of_OnlyUnknownDependencies_KnowsNoCeilingAndCannotSayWhetherAPromiseIsAbove()
    {
        var ceiling = AvailabilityCeiling.Of([new DependencyAvailability(Directory, null, null)]);

        Assert.Null(ceiling.Availability);
        Assert.Null(ceiling.LimitedBy);
        Assert.Null(ceiling.Above(99.999m));
    }

    [Theory]
    [InlineData(99.95, 0.05)]
    [InlineData(99.5, null)]
    public void Above_SomeDependenciesUnknown_IsAtLeastTheKnownShortfallOrUnknown(decimal promised, double? expected)
    {
        var ceiling = AvailabilityCeiling.Of([Known(Storage, 99.9m), new DependencyAvailability(Directory, null, null)]);

        Assert.Equal(expected is { } e ? (decimal)e : null, ceiling.Above(promised));
    }

    [Fact]
    public void Of_NoDependencies_AllowsEverythingAndNamesNoLimit()
    {
        var ceiling = AvailabilityCeiling.Of([]);

        Assert.Equal(100m, ceiling.Availability);
        Assert.Null(ceiling.LimitedBy);
    }

    [Theory]
    [InlineData(99.95, 0.5495)]
    [InlineData(99.0, 0)]
    public void Above_PromiseAgainstTheCeiling_IsTheShortfallInPoints(decimal promised, decimal expected)
    {
        var ceiling = AvailabilityCeiling.Of([Known(Storage, 99.9m), Known(Network, 99.5m)]);

        Assert.Equal(expected, ceiling.Above(promised));
    }

    [Fact]
    public void Measured_OverlappingOutagesAndPlannedWork_CountEachMinuteOnceAndDegradationNotAtAll()
    {
        // 10 days = 14,400 minutes; down 02:00–03:00 and 02:30–03:30 (90 minutes), planned 12:00–12:54 (54 minutes).
        var outages = new[]
        {
            Down(From + Duration.FromHours(2), From + Duration.FromHours(3)),
            Down(From + Duration.FromMinutes(150), From + Duration.FromMinutes(210)),
            Down(From + Duration.FromHours(12), From + Duration.FromMinutes(774), OutageKind.Planned),
            Down(From + Duration.FromDays(2), From + Duration.FromDays(3), OutageKind.Degradation),
        };

        // 1 - 144 / 14,400 = 0.99
        Assert.Equal(99m, AvailabilityCeiling.Measured(outages, From, To));
    }

    [Fact]
    public void Measured_OngoingOutageAndOneBeforeThePeriod_CountOnlyWithinIt()
    {
        var outages = new[]
        {
            Down(From - Duration.FromHours(5), From + Duration.FromMinutes(72)),
            Down(To - Duration.FromMinutes(72), null),
        };

        // 144 of 14,400 minutes.
        Assert.Equal(99m, AvailabilityCeiling.Measured(outages, From, To));
    }
    [Fact]
    public void Dependency_AnOlaInForce_OverridesWhatWasMeasured()
    {
        var storage = AvailabilityCeiling.Dependency(Storage, agreed: 99.95m, measured: 99.99m);

        Assert.Equal(99.95m, storage.Availability);
        Assert.Equal(AvailabilityBasis.Ola, storage.Basis);
    }

    [Fact]
    public void Dependency_NoOla_IsWhatWasMeasuredOrUnknown()
    {
        Assert.Equal(new DependencyAvailability(Network, 99.9m, AvailabilityBasis.Measured), AvailabilityCeiling.Dependency(Network, null, 99.9m));
        Assert.Equal(new DependencyAvailability(Directory, null, null), AvailabilityCeiling.Dependency(Directory, null, null));
    }

    [Fact]
    public void Of_AnOlaAndAMeasuredDependency_IsTheSerialProductLimitedByTheOla()
    {
        var ceiling = AvailabilityCeiling.Of([AvailabilityCeiling.Dependency(Storage, 99.5m, 99.99m), AvailabilityCeiling.Dependency(Network, null, 99.9m)]);

        // The promise, not the better measurement, counts: 0.995 × 0.999 = 0.994005.
        Assert.Equal(99.4005m, ceiling.Availability);
        Assert.Equal(Storage, ceiling.LimitedBy!.ServiceId);
        Assert.Equal(AvailabilityBasis.Ola, ceiling.LimitedBy.Basis);
        Assert.Empty(ceiling.Unknown);
    }

    [Fact]
    public void Of_AnOlaForANeverWatchedDependency_MakesItKnownWhileAnotherStaysUnknown()
    {
        var ceiling = AvailabilityCeiling.Of([AvailabilityCeiling.Dependency(Storage, 99.9m, null), AvailabilityCeiling.Dependency(Directory, null, null)]);

        Assert.Equal(99.9m, ceiling.Availability);
        Assert.Equal(AvailabilityBasis.Ola, ceiling.LimitedBy!.Basis);
        Assert.Equal(Directory, Assert.Single(ceiling.Unknown).ServiceId);
        Assert.Null(ceiling.Above(99.5m));
        Assert.Equal(0.05m, ceiling.Above(99.95m));
    }
}
