using Catalog.Api.Domain.Agreements;
using Catalog.Api.Domain.Delivery;
using Catalog.Api.Domain.Metrics;
using Catalog.Api.Domain.Negotiation;
using NodaTime;

namespace Catalog.Api.UnitTests.Domain.Delivery;

/// <summary>Credit arithmetic against hand-computed months.</summary>
public class CreditRulesTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private static readonly IReadOnlyDictionary<string, Metric> Metrics = BuiltInMetrics.All.ToDictionary(m => m.Key);

    /// <summary>"Availability worse than 99.9%: 10%; worse than 99.5%: 25%; at most 30%."</summary>
    private static readonly ServiceCredits Standard = new([Band("availability", 99.9m, 10m), Band("availability", 99.5m, 25m)], 30m);

    private static CreditBand Band(string metric, decimal worseThan, decimal percent, string? scope = null) => new(metric, worseThan, percent, scope);

    private static Instant Local(int year, int month, int day, int hour = 0) => new LocalDateTime(year, month, day, hour, 0).InZoneStrictly(Berlin).ToInstant();

    private static TargetAttainment Availability(decimal promised, decimal achieved) =>
        new("availability", null, TargetValue.Of(promised), achieved, achieved >= promised, false);

    private static TargetAttainment Restore(decimal promised, decimal slowest, string scope) =>
        new("time-to-restore", scope, TargetValue.Of(promised), slowest, slowest <= promised, false);

    private static MonthAttainment June(params TargetAttainment[] targets) =>
        new(new YearMonth(2026, 6), true, [new VersionAttainment(1, Local(2026, 6, 1), Local(2026, 7, 1), targets)]);

    private static Dictionary<int, CreditTerms> Charged(decimal monthlyCharge, ServiceCredits? credits) => new() { [1] = new CreditTerms(credits, monthlyCharge, "EUR") };

    [Fact]
    public void ForMonth_AvailabilityInTheSecondBand_CreditsThatBandOfTheWholeCharge()
    {
        // 99.42% is worse than 99.5%: 25% of 3,000.00 EUR.
        var credit = CreditRules.ForMonth(June(Availability(99.9m, 99.42m)), Berlin, Charged(3_000m, Standard), Metrics)!;

        var version = credit.Versions.Single();
        Assert.Equal(25m, version.CreditPercent);
        Assert.Equal((30, 30), (version.Days, version.DaysInMonth));
        Assert.Equal(3_000m, version.ChargedAmount);
        Assert.Equal(750m, version.Amount);
        Assert.Equal((25m, 750m, "EUR"), (credit.CreditPercent, credit.Amount, credit.Currency));
        Assert.Equal(
            "Availability was 99.42% against the promised 99.9%, worse than 99.5%: 25%. 25% of the month's charge of 3,000.00 EUR is credited: 750.00 EUR.",
            version.Reason);
    }

    [Fact]
    public void ForMonth_AvailabilityInTheFirstBand_CreditsTheFirstBand()
    {
        var credit = CreditRules.ForMonth(June(Availability(99.9m, 99.7m)), Berlin, Charged(3_000m, Standard), Metrics)!;

        Assert.Equal((10m, 300m), (credit.CreditPercent, credit.Amount));
    }

    [Fact]
    public void ForMonth_TargetMet_CreditsNothingAndSaysSo()
    {
        var credit = CreditRules.ForMonth(June(Availability(99.9m, 99.95m)), Berlin, Charged(3_000m, Standard), Metrics)!;

        var version = credit.Versions.Single();
        Assert.Equal((0m, 0m), (version.CreditPercent, version.Amount));
        Assert.Equal("No target was delivered worse than its credit bands: nothing is credited.", version.Reason);
    }

    [Fact]
    public void ForMonth_MissedButNotWorseThanTheFirstBand_CreditsNothing()
    {
        var credits = new ServiceCredits([Band("availability", 99.5m, 25m)], 25m);

        var credit = CreditRules.ForMonth(June(Availability(99.9m, 99.7m)), Berlin, Charged(3_000m, credits), Metrics)!;

        Assert.Equal(0m, credit.Amount);
    }

    [Fact]
    public void ForMonth_SeveralTargetsMissed_TheWorstCountsUpToTheCap()
    {
        // Availability falls into 10%; P1 restoration took 300 minutes, worse than 240: 40%; the cap is 30%. 30% of 1,000.00.
        var credits = new ServiceCredits(
            [Band("availability", 99.9m, 10m), Band("time-to-restore", 60m, 5m, "P1"), Band("time-to-restore", 240m, 40m, "P1")], 40m) with { CapPercent = 30m };

        var credit = CreditRules.ForMonth(June(Availability(99.9m, 99.7m), Restore(60m, 300m, "P1")), Berlin, Charged(1_000m, credits), Metrics)!;

        var version = credit.Versions.Single();
        Assert.Equal((30m, 300m), (version.CreditPercent, version.Amount));
        Assert.Contains("time to restore (P1) was 300 minutes against the promised 60 minutes, worse than 240 minutes: 40%", version.Reason, StringComparison.Ordinal);
        Assert.Contains("the worst miss counts, 40%, capped at 30%", version.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ForMonth_RestoreBandsOfAnotherScope_DoNotApply()
    {
        var credits = new ServiceCredits([Band("time-to-restore", 60m, 10m, "P1")], 10m);

        var credit = CreditRules.ForMonth(June(Restore(60m, 300m, "P2")), Berlin, Charged(1_000m, credits), Metrics)!;

        Assert.Equal(0m, credit.Amount);
    }

    [Fact]
    public void ForMonth_NewVersionMidMonth_CreditsEachVersionProRataByDay()
    {
        // July 2026 has 31 days. Version 1 runs to the 10th 12:00 (its days: 1st-10th, as a day belongs to what is in force
        // at its start), version 2 from then (11th-31st: 21 days).
        // Version 1: 1,000.00 × 10/31 = 322.58, 25% = 80.645 → 80.65. Version 2: 1,200.00 × 21/31 = 812.90, 10% = 81.29.
        var split = Local(2026, 7, 10, 12);
        var month = new MonthAttainment(new YearMonth(2026, 7), true,
        [
            new VersionAttainment(1, Local(2026, 7, 1), split, [Availability(99.9m, 99.2m)]),
            new VersionAttainment(2, split, Local(2026, 8, 1), [Availability(99.95m, 99.8m)]),
        ]);
        var terms = new Dictionary<int, CreditTerms>
        {
            [1] = new(Standard, 1_000m, "EUR"),
            [2] = new(new ServiceCredits([Band("availability", 99.95m, 10m)], 10m), 1_200m, "EUR"),
        };

        var credit = CreditRules.ForMonth(month, Berlin, terms, Metrics)!;

        Assert.Equal([(1, 10, 322.58m, 25m, 80.65m), (2, 21, 812.90m, 10m, 81.29m)], credit.Versions.Select(v => (v.Version, v.Days, v.ChargedAmount, v.CreditPercent, v.Amount)));
        Assert.Equal(161.94m, credit.Amount);
        Assert.Equal(25m, credit.CreditPercent);
        Assert.Contains("25% of the 322.58 EUR charged for the 10 of 31 days this version was in force is credited: 80.65 EUR.", credit.Versions[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ForMonth_VersionWithoutCredits_IsLeftOut()
    {
        var split = Local(2026, 7, 16);
        var month = new MonthAttainment(new YearMonth(2026, 7), true,
        [
            new VersionAttainment(1, Local(2026, 7, 1), split, [Availability(99.9m, 99.0m)]),
            new VersionAttainment(2, split, Local(2026, 8, 1), [Availability(99.9m, 99.0m)]),
        ]);
        var terms = new Dictionary<int, CreditTerms> { [1] = new(null, 1_000m, "EUR"), [2] = new(Standard, 3_100m, "EUR") };

        var credit = CreditRules.ForMonth(month, Berlin, terms, Metrics)!;

        // Version 2 from the 16th: 16 days, 3,100.00 × 16/31 = 1,600.00, 25% = 400.00.
        Assert.Equal((2, 16, 400m), (credit.Versions.Single().Version, credit.Versions.Single().Days, credit.Amount));
    }

    [Fact]
    public void ForMonth_NoVersionCarriesCredits_IsNull()
    {
        Assert.Null(CreditRules.ForMonth(June(Availability(99.9m, 90m)), Berlin, Charged(3_000m, null), Metrics));
    }

    [Fact]
    public void ForMonth_RunningMonth_EarnsNothingYet()
    {
        var running = June(Availability(99.9m, 90m)) with { Closed = false };

        Assert.Null(CreditRules.ForMonth(running, Berlin, Charged(3_000m, Standard), Metrics));
    }

    [Fact]
    public void ForMonth_JudgedByAttainmentRules_CreditsTheMonthsCountedDowntime()
    {
        // June 2026 around the clock: 43,200 minutes. Down 4 hours: 99.4444%, worse than 99.5%: 25% of 2,000.00.
        var versions = new[] { new PromisedTerms(1, Local(2026, 1, 1), [new Target("availability", TargetValue.Of(99.9m))], ServiceHoursCalendar.BuiltIn("Europe/Berlin").Single(c => c.Key == "24x7"), []) };
        var outage = new CountedOutageInput(Guid.NewGuid(), Guid.NewGuid(), OutageKind.Outage, null, Local(2026, 6, 10, 8), Local(2026, 6, 10, 12));
        var month = AttainmentRules.ForMonth(new YearMonth(2026, 6), Berlin, versions, null, [outage], [], Metrics, Local(2027, 1, 1))!;

        var credit = CreditRules.ForMonth(month, Berlin, Charged(2_000m, Standard), Metrics)!;

        Assert.Equal(99.4444m, month.Versions.Single().Targets.Single().Achieved);
        Assert.Equal(500m, credit.Amount);
    }

    [Fact]
    public void CreditSentences_OneTarget_ReadsAsOneSentenceWithTheCap()
    {
        var sentences = AgreementDocument.CreditSentences(new ServiceCredits([Band("availability", 99.5m, 25m), Band("availability", 99.9m, 10m)], 30m), Metrics);

        Assert.Equal(["If availability is worse than 99.9% in a month, 10% of that month's charge is credited; worse than 99.5%: 25%; at most 30% in any month."], sentences);
    }

    [Fact]
    public void CreditSentences_TwoTargets_OneSentenceEachAndTheCapApart()
    {
        var sentences = AgreementDocument.CreditSentences(
            new ServiceCredits([Band("availability", 99.9m, 10m), Band("time-to-restore", 480m, 20m, "P1"), Band("time-to-restore", 240m, 5m, "P1")], 30m), Metrics);

        Assert.Equal(
            [
                "If availability is worse than 99.9% in a month, 10% of that month's charge is credited.",
                "If time to restore, P1 incidents is worse than 240 minutes in a month, 5% of that month's charge is credited; worse than 480 minutes: 20%.",
                "Where several targets are missed in a month, the largest credit applies, at most 30% in any month.",
            ],
            sentences);
    }
}
