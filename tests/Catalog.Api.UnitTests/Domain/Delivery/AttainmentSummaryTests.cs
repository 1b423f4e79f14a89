using Catalog.Api.Domain.Delivery;
using Catalog.Api.Domain.Negotiation;
using NodaTime;

namespace Catalog.Api.UnitTests.Domain.Delivery;

public sealed class AttainmentSummaryTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 11, 1, 0, 0);

    private static TargetAttainment Judged(bool? met, bool atRisk = false) =>
        new("availability", null, TargetValue.Of(99.9m), met is null ? null : 99.95m, met, atRisk);

    private static MonthAttainment Month(params TargetAttainment[][] stretches) => new(
        new YearMonth(2026, 11),
        false,
        stretches.Select((targets, i) => new VersionAttainment(i + 1, Start, Start + Duration.FromDays(30), targets)).ToList());

    [Fact]
    public void Of_EveryKindOfJudgement_EachTargetCountsOnceInOneBucket()
    {
        var months = new[]
        {
            Month([Judged(true), Judged(false), Judged(null)], [Judged(true, atRisk: true)]),
            Month([Judged(true), Judged(false, atRisk: true)]),
        };

        var summary = AttainmentSummary.Of(months);

        Assert.Equal(new AttainmentSummary(Targets: 6, Met: 2, Missed: 2, AtRisk: 1, NotMeasured: 1), summary);
    }

    [Fact]
    public void Of_NoMonths_Empty()
    {
        Assert.Equal(AttainmentSummary.Empty, AttainmentSummary.Of([]));
    }
}
