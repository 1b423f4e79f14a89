using Catalog.Api.Domain.Agreements;
using Catalog.Api.Domain.Negotiation;
using static Catalog.Api.UnitTests.Domain.Negotiation.NegotiationTestData;
using static Catalog.Api.UnitTests.TestData;

namespace Catalog.Api.UnitTests.Domain.Agreements;

public class VersionDiffTests
{
    private static readonly Guid ServiceId = new("0190f0b4-0000-7000-8000-0000000000a1");

    private static (AgreementVersion From, AgreementVersion To) Versions(
        IReadOnlyList<Target> from, IReadOnlyList<Target> to, decimal firstCharge = 1_000m, decimal delta = 250m)
    {
        var agreement = Agreement.Open(ServiceId, CustomerId, Terms(targets: from, monthlyCostDelta: firstCharge, acceptedAt: T0));
        var second = agreement.AddVersion(Terms(targets: to, monthlyCostDelta: delta, acceptedAt: T1, round: 2));
        return (agreement.Versions[0], second);
    }

    private static VersionDiff.TargetDiff Change(VersionDiff diff, string metric, string? scope = null) =>
        Assert.Single(diff.Targets, t => t.Metric == metric && t.Scope == scope);

    [Fact]
    public void Between_MixedChanges_ClassifiesEachTargetByMetricAndScope()
    {
        var (v1, v2) = Versions(
            from: [Availability(99.9m), TimeToRestore(240m, "P1"), SupportHours("business-hours"), RecoveryPoint(60m), ResponseTime(500m, "p95")],
            to: [Availability(99.95m), TimeToRestore(480m, "P1"), TimeToRestore(60m, "P2"), SupportHours("24x7"), RecoveryPoint(60m)]);

        var diff = VersionDiff.Between(v1, v2, Vocabulary);

        Assert.Equal((1, 2), (diff.From, diff.To));
        Assert.Equal(6, diff.Targets.Count);
        Assert.Equal(
            new VersionDiff.TargetDiff("availability", null, TargetChange.Stricter, TargetValue.Of(99.9m), TargetValue.Of(99.95m)),
            Change(diff, "availability"));
        Assert.Equal(
            new VersionDiff.TargetDiff("time-to-restore", "P1", TargetChange.Looser, TargetValue.Of(240m), TargetValue.Of(480m)),
            Change(diff, "time-to-restore", "P1"));
        Assert.Equal(
            new VersionDiff.TargetDiff("time-to-restore", "P2", TargetChange.Added, null, TargetValue.Of(60m)),
            Change(diff, "time-to-restore", "P2"));
        Assert.Equal(
            new VersionDiff.TargetDiff("support-hours", null, TargetChange.Stricter, TargetValue.Of("business-hours"), TargetValue.Of("24x7")),
            Change(diff, "support-hours"));
        Assert.Equal(
            new VersionDiff.TargetDiff("recovery-point", null, TargetChange.Unchanged, TargetValue.Of(60m), TargetValue.Of(60m)),
            Change(diff, "recovery-point"));
        Assert.Equal(
            new VersionDiff.TargetDiff("response-time", "p95", TargetChange.Removed, TargetValue.Of(500m), null),
            Change(diff, "response-time", "p95"));
    }

    [Fact]
    public void Between_LowerIsStricterMetric_LowerValueIsStricter()
    {
        var (v1, v2) = Versions([TimeToRestore(30m)], [TimeToRestore(15m)]);

        Assert.Equal(TargetChange.Stricter, Assert.Single(VersionDiff.Between(v1, v2, Vocabulary).Targets).Change);
    }

    [Fact]
    public void Between_HigherIsStricterMetric_LowerValueIsLooser()
    {
        var (v1, v2) = Versions([Availability(99.9m)], [Availability(99.5m)]);

        Assert.Equal(TargetChange.Looser, Assert.Single(VersionDiff.Between(v1, v2, Vocabulary).Targets).Change);
    }

    [Fact]
    public void Between_SupportHoursDown_IsLooser()
    {
        var (v1, v2) = Versions([SupportHours("24x7")], [SupportHours("extended-hours")]);

        Assert.Equal(TargetChange.Looser, Assert.Single(VersionDiff.Between(v1, v2, Vocabulary).Targets).Change);
    }

    [Fact]
    public void Between_SameValueDifferentScale_IsUnchanged()
    {
        var (v1, v2) = Versions([Availability(99.9m)], [Availability(99.900m)]);

        Assert.Equal(TargetChange.Unchanged, Assert.Single(VersionDiff.Between(v1, v2, Vocabulary).Targets).Change);
    }

    [Fact]
    public void Between_ScopeChanged_IsOneRemovedAndOneAddedTarget()
    {
        var (v1, v2) = Versions([TimeToRestore(240m, "P1")], [TimeToRestore(240m, "P2")]);

        var diff = VersionDiff.Between(v1, v2, Vocabulary);

        Assert.Equal(2, diff.Targets.Count);
        Assert.Equal(TargetChange.Added, Change(diff, "time-to-restore", "P2").Change);
        Assert.Equal(TargetChange.Removed, Change(diff, "time-to-restore", "P1").Change);
    }

    [Fact]
    public void Between_ScopedAndUnscopedOfSameMetric_AreDifferentTargets()
    {
        var (v1, v2) = Versions([TimeToRestore(240m)], [TimeToRestore(240m), TimeToRestore(60m, "P1")]);

        var diff = VersionDiff.Between(v1, v2, Vocabulary);

        Assert.Equal(TargetChange.Unchanged, Change(diff, "time-to-restore").Change);
        Assert.Equal(TargetChange.Added, Change(diff, "time-to-restore", "P1").Change);
    }

    [Fact]
    public void Between_IdenticalVersions_AreAllUnchanged()
    {
        var (v1, v2) = Versions(Round2Targets, Round2Targets, delta: 0m);

        var diff = VersionDiff.Between(v1, v2, Vocabulary);

        Assert.Equal(3, diff.Targets.Count);
        Assert.All(diff.Targets, t => Assert.Equal(TargetChange.Unchanged, t.Change));
        Assert.Equal(new VersionDiff.ChargeDiff(1_000m, 1_000m, 0m, "EUR"), diff.MonthlyCharge);
    }

    [Fact]
    public void Between_Charge_ReportsFromToAndChange()
    {
        var (v1, v2) = Versions(Round1Targets, Round1Targets, firstCharge: 11_000m, delta: 2_500m);

        Assert.Equal(new VersionDiff.ChargeDiff(11_000m, 13_500m, 2_500m, "EUR"), VersionDiff.Between(v1, v2, Vocabulary).MonthlyCharge);
    }

    [Fact]
    public void Between_ReversedOrder_SwapsAddedRemovedStricterLooserAndNegatesCharge()
    {
        var (v1, v2) = Versions([Availability(99.9m), ResponseTime(500m)], [Availability(99.95m), SupportHours("24x7")], firstCharge: 1_000m, delta: 250m);

        var diff = VersionDiff.Between(v2, v1, Vocabulary);

        Assert.Equal((2, 1), (diff.From, diff.To));
        Assert.Equal(TargetChange.Looser, Change(diff, "availability").Change);
        Assert.Equal(TargetChange.Added, Change(diff, "response-time").Change);
        Assert.Equal(TargetChange.Removed, Change(diff, "support-hours").Change);
        Assert.Equal(new VersionDiff.ChargeDiff(1_250m, 1_000m, -250m, "EUR"), diff.MonthlyCharge);
    }
}
