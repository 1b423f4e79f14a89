using Catalog.Api.Domain.Metrics;
using Catalog.Api.Domain.Negotiation;
using static Catalog.Api.UnitTests.Domain.Negotiation.NegotiationTestData;

namespace Catalog.Api.UnitTests.Domain.Negotiation;

public class TargetRulesTests
{
    private static TargetRules.Problem SingleProblem(params Target[] targets) => Assert.Single(TargetRules.Check(targets, Vocabulary));

    // ---- Check ----

    [Fact]
    public void Check_ValidSetOfEveryBuiltInMetric_HasNoProblems()
    {
        Target[] targets =
        [
            Availability(99.9m),
            TimeToRestore(240m, "P1"),
            ResponseTime(300m, "p95"),
            SupportHours("extended-hours"),
            RecoveryPoint(15m),
            RecoveryTime(240m),
        ];

        Assert.Empty(TargetRules.Check(targets, Vocabulary));
    }

    [Fact]
    public void Check_NoTargets_HasNoProblems()
    {
        // The count is the validator's business (1..MaxTargets); the rules judge each target.
        Assert.Empty(TargetRules.Check([], Vocabulary));
    }

    [Fact]
    public void Check_UnknownMetric_ReportsMetricAtItsIndex()
    {
        var problem = SingleProblem(Availability(99.9m), new Target("uptime", TargetValue.Of(99.9m)));

        Assert.Equal((1, "metric"), (problem.Index, problem.Field));
        Assert.Contains("'uptime'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_MetricKeyInOtherCase_IsUnknown()
    {
        var problem = SingleProblem(new Target("Availability", TargetValue.Of(99.9m)));

        Assert.Equal((0, "metric"), (problem.Index, problem.Field));
    }

    [Theory]
    [InlineData("availability")]
    [InlineData("time-to-restore")]
    [InlineData("response-time")]
    [InlineData("recovery-point")]
    [InlineData("recovery-time")]
    public void Check_NumericMetricWithLevel_ReportsValue(string metric)
    {
        var problem = SingleProblem(new Target(metric, TargetValue.Of("high")));

        Assert.Equal((0, "value"), (problem.Index, problem.Field));
        Assert.Contains("takes a number", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("weekends")]
    [InlineData("24X7")]
    [InlineData("")]
    public void Check_SupportHoursWithUnknownLevel_ReportsValue(string level)
    {
        var problem = SingleProblem(SupportHours(level));

        Assert.Equal((0, "value"), (problem.Index, problem.Field));
        Assert.Contains("business-hours, extended-hours, 24x7", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_SupportHoursWithNumber_ReportsValue()
    {
        var problem = SingleProblem(new Target("support-hours", TargetValue.Of(24m)));

        Assert.Equal((0, "value"), (problem.Index, problem.Field));
    }

    [Theory]
    [InlineData("business-hours")]
    [InlineData("extended-hours")]
    [InlineData("24x7")]
    public void Check_SupportHoursWithKnownLevel_HasNoProblems(string level)
    {
        Assert.Empty(TargetRules.Check([SupportHours(level)], Vocabulary));
    }

    public static TheoryData<decimal> AvailabilityOutOfRange => [100.01m, 101m, -0.01m, -5m];

    [Theory]
    [MemberData(nameof(AvailabilityOutOfRange))]
    public void Check_AvailabilityOutsideZeroToHundred_ReportsValue(decimal percent)
    {
        var problem = SingleProblem(Availability(percent));

        Assert.Equal((0, "value"), (problem.Index, problem.Field));
        Assert.Equal("A percentage lies between 0 and 100.", problem.Message);
    }

    public static TheoryData<decimal> AvailabilityInRange => [0m, 99.999m, 100m];

    [Theory]
    [MemberData(nameof(AvailabilityInRange))]
    public void Check_AvailabilityWithinZeroToHundred_HasNoProblems(decimal percent)
    {
        Assert.Empty(TargetRules.Check([Availability(percent)], Vocabulary));
    }

    [Theory]
    [InlineData("time-to-restore")]
    [InlineData("response-time")]
    [InlineData("recovery-point")]
    [InlineData("recovery-time")]
    public void Check_NegativeNumber_ReportsValue(string metric)
    {
        var problem = SingleProblem(new Target(metric, TargetValue.Of(-1m)));

        Assert.Equal((0, "value"), (problem.Index, problem.Field));
        Assert.Equal("The value cannot be negative.", problem.Message);
    }

    [Fact]
    public void Check_NonPercentMetricAboveHundred_HasNoProblems()
    {
        Assert.Empty(TargetRules.Check([TimeToRestore(1440m), ResponseTime(2500m)], Vocabulary));
    }

    [Fact]
    public void Check_SameMetricTwiceWithoutScope_ReportsScopeOnTheSecond()
    {
        var problem = SingleProblem(Availability(99.9m), Availability(99.5m));

        Assert.Equal((1, "scope"), (problem.Index, problem.Field));
        Assert.Contains("'availability'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_SameMetricTwiceWithSameScope_ReportsScope()
    {
        var problem = SingleProblem(TimeToRestore(240m, "P1"), TimeToRestore(60m, "P2"), TimeToRestore(120m, "P1"));

        Assert.Equal((2, "scope"), (problem.Index, problem.Field));
        Assert.Contains("'P1'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_SameMetricWithDifferentScopes_HasNoProblems()
    {
        Assert.Empty(TargetRules.Check([TimeToRestore(60m, "P1"), TimeToRestore(240m, "P2"), TimeToRestore(1440m)], Vocabulary));
    }

    [Fact]
    public void Check_SeveralBadTargets_ReportsEachAtItsIndex()
    {
        var problems = TargetRules.Check(
            [new Target("uptime", TargetValue.Of(1m)), Availability(120m), SupportHours("weekends"), Availability(99m)],
            Vocabulary);

        Assert.Equal([(0, "metric"), (1, "value"), (2, "value"), (3, "scope")], problems.Select(p => (p.Index, p.Field)));
    }

    [Fact]
    public void Check_CustomLevelMetric_UsesItsOwnLevels()
    {
        var tiers = Metric.Define(
            new Guid("0190f0b4-0000-7000-8000-0000000000f1"), "service-desk-tier", "Service desk tier", "tier", MetricDirection.HigherIsStricter, ["bronze", "silver", "gold"], null, false, TestData.T0);
        var metrics = new Dictionary<string, Metric>(Vocabulary) { [tiers.Key] = tiers };

        Assert.Empty(TargetRules.Check([new Target("service-desk-tier", TargetValue.Of("gold"))], metrics));
        Assert.Equal("value", Assert.Single(TargetRules.Check([new Target("service-desk-tier", TargetValue.Of("24x7"))], metrics)).Field);
    }

    // ---- Strictness ----

    [Theory]
    [InlineData("availability", 99.99, 99.9)]
    [InlineData("availability", 100, 0)]
    [InlineData("time-to-restore", 15, 30)]
    [InlineData("response-time", 200, 500)]
    [InlineData("recovery-point", 0, 15)]
    [InlineData("recovery-time", 60, 240)]
    public void Strictness_NumericCandidateStricter_IsPositiveAndReversedIsNegative(string key, double candidate, double reference)
    {
        var metric = MetricOf(key);
        var stricter = TargetValue.Of((decimal)candidate);
        var looser = TargetValue.Of((decimal)reference);

        Assert.True(TargetRules.Strictness(metric, stricter, looser) > 0, "stricter should be positive");
        Assert.True(TargetRules.Strictness(metric, looser, stricter) < 0, "looser should be negative");
    }

    [Theory]
    [InlineData("24x7", "business-hours")]
    [InlineData("24x7", "extended-hours")]
    [InlineData("extended-hours", "business-hours")]
    public void Strictness_SupportHoursHigherLevel_IsStricterAndReversedIsLooser(string candidate, string reference)
    {
        var metric = MetricOf("support-hours");

        Assert.True(TargetRules.Strictness(metric, TargetValue.Of(candidate), TargetValue.Of(reference)) > 0);
        Assert.True(TargetRules.Strictness(metric, TargetValue.Of(reference), TargetValue.Of(candidate)) < 0);
    }

    [Theory]
    [InlineData("availability")]
    [InlineData("time-to-restore")]
    public void Strictness_EqualNumbers_IsZero(string key)
    {
        Assert.Equal(0, TargetRules.Strictness(MetricOf(key), TargetValue.Of(99.9m), TargetValue.Of(99.90m)));
    }

    [Fact]
    public void Strictness_EqualLevels_IsZero()
    {
        Assert.Equal(0, TargetRules.Strictness(MetricOf("support-hours"), TargetValue.Of("24x7"), TargetValue.Of("24x7")));
    }

    [Fact]
    public void Strictness_AvailabilityExample_99_99Vs99_9IsStricter()
    {
        Assert.Equal(1, Math.Sign(TargetRules.Strictness(MetricOf("availability"), TargetValue.Of(99.99m), TargetValue.Of(99.9m))));
    }

    [Fact]
    public void Strictness_TimeToRestoreExample_15Vs30IsStricter()
    {
        Assert.Equal(1, Math.Sign(TargetRules.Strictness(MetricOf("time-to-restore"), TargetValue.Of(15m), TargetValue.Of(30m))));
    }

    [Fact]
    public void Strictness_CustomLowerIsStricterLevels_LaterLevelIsLooser()
    {
        var tiers = Metric.Define(
            new Guid("0190f0b4-0000-7000-8000-0000000000f2"), "escalation-tier", "Escalation tier", "tier", MetricDirection.LowerIsStricter, ["first", "second", "third"], null, false, TestData.T0);

        Assert.True(TargetRules.Strictness(tiers, TargetValue.Of("first"), TargetValue.Of("third")) > 0);
        Assert.True(TargetRules.Strictness(tiers, TargetValue.Of("third"), TargetValue.Of("first")) < 0);
    }
}
