using Catalog.Api.Domain.Delivery;
using Catalog.Api.Domain.Metrics;
using Catalog.Api.Domain.Negotiation;
using NodaTime;

namespace Catalog.Api.UnitTests.Domain.Delivery;

/// <summary>
/// April 2026 in UTC, around the clock: 43,200 service minutes, of which 99.9% availability allows 43.2 down and
/// three quarters of that is 32.4; a P1 outage must be restored within 60 minutes (at risk past 45).
/// </summary>
public class AttainmentNoticesTests
{
    private static readonly Guid AgreementId = Guid.NewGuid();
    private static readonly Guid Storage = Guid.NewGuid();
    private static readonly IReadOnlyDictionary<string, Metric> Metrics = BuiltInMetrics.All.ToDictionary(m => m.Key);
    private static readonly Instant OutageStart = At(10, 9);

    private static Instant At(int day, int hour, int minute = 0) => Instant.FromUtc(2026, 4, day, hour, minute);

    private static MonthAttainment April(Instant now, Instant? restoredAt = null, IReadOnlyList<PromisedTerms>? versions = null, bool outage = true)
    {
        var calendar = ServiceHoursCalendar.BuiltIn("UTC").Single(c => c.Key == ServiceHoursCalendar.AllHours);
        versions ??= [new PromisedTerms(1, Instant.FromUtc(2026, 1, 1, 0, 0), [Availability, Restore], calendar, [])];
        CountedOutageInput[] outages = outage ? [new(Guid.NewGuid(), Storage, OutageKind.Outage, "P1", OutageStart, restoredAt)] : [];
        return AttainmentRules.ForMonth(new YearMonth(2026, 4), DateTimeZone.Utc, versions, null, outages, [], Metrics, now)!;
    }

    private static Target Availability { get; } = new("availability", TargetValue.Of(99.9m));

    private static Target Restore { get; } = new("time-to-restore", TargetValue.Of(60m), "P1");

    private static List<(NoticeKind, int, string, string)> Kinds(IEnumerable<Notice> notices) =>
        notices.Select(n => (n.Key.Kind, n.Key.Version, n.Key.Metric, n.Key.Scope)).ToList();

    [Fact]
    public void Due_RunningMonthWithinThreeQuartersOfEveryTarget_GivesNothing()
    {
        var month = April(OutageStart.Plus(Duration.FromMinutes(30)));

        Assert.Empty(AttainmentNotices.Due(AgreementId, month, new HashSet<NoticeKey>()));
    }

    [Fact]
    public void Due_OngoingOutagePastThreeQuartersOfAllowedDowntime_GivesAvailabilityAtRisk()
    {
        var month = April(OutageStart.Plus(Duration.FromMinutes(35)));

        var due = AttainmentNotices.Due(AgreementId, month, new HashSet<NoticeKey>());

        Assert.Equal([(NoticeKind.AtRisk, 1, "availability", "")], Kinds(due));
        Assert.Equal(202604, due.Single().Key.Month);
        Assert.Equal(35m, due.Single().Target!.Availability!.CountedDowntimeMinutes);
    }

    [Fact]
    public void Due_OngoingOutagePastAllowedDowntimeAndTimeToRestore_GivesMissedWhileStillOngoing()
    {
        var month = April(OutageStart.Plus(Duration.FromMinutes(61)));

        var due = AttainmentNotices.Due(AgreementId, month, new HashSet<NoticeKey>());

        Assert.Equal(
            [
                (NoticeKind.AtRisk, 1, "availability", ""), (NoticeKind.TargetMissed, 1, "availability", ""),
                (NoticeKind.AtRisk, 1, "time-to-restore", "P1"), (NoticeKind.TargetMissed, 1, "time-to-restore", "P1"),
            ],
            Kinds(due));
        Assert.False(month.Closed);
        Assert.All(due, n => Assert.Same(month, n.Month));
    }

    [Fact]
    public void Due_NoticesAlreadyGiven_AreNotGivenAgain()
    {
        var month = April(OutageStart.Plus(Duration.FromMinutes(61)));
        var first = AttainmentNotices.Due(AgreementId, month, new HashSet<NoticeKey>());
        var later = April(OutageStart.Plus(Duration.FromMinutes(90)));

        Assert.Empty(AttainmentNotices.Due(AgreementId, later, first.Select(n => n.Key).ToHashSet()));
    }

    [Fact]
    public void Due_AnotherAgreement_IsNotCoveredByTheFirstOnesNotices()
    {
        var month = April(OutageStart.Plus(Duration.FromMinutes(35)));
        var given = AttainmentNotices.Due(AgreementId, month, new HashSet<NoticeKey>()).Select(n => n.Key).ToHashSet();

        Assert.Single(AttainmentNotices.Due(Guid.NewGuid(), month, given));
    }

    [Fact]
    public void Due_EndedMonthThatMissed_GivesMissedThenClosedButNoLongerAtRisk()
    {
        var month = April(Instant.FromUtc(2026, 5, 1, 0, 5), restoredAt: OutageStart.Plus(Duration.FromMinutes(50)));

        var due = AttainmentNotices.Due(AgreementId, month, new HashSet<NoticeKey>());

        Assert.True(month.Closed);
        Assert.Equal([(NoticeKind.TargetMissed, 1, "availability", ""), (NoticeKind.MonthClosed, 0, "", "")], Kinds(due));
        Assert.Null(due[^1].Target);
    }

    [Fact]
    public void Due_EndedMonthThatKeptItsPromise_GivesOnlyClosed()
    {
        var month = April(Instant.FromUtc(2026, 5, 1, 0, 0), restoredAt: OutageStart.Plus(Duration.FromMinutes(20)));

        Assert.Equal([(NoticeKind.MonthClosed, 0, "", "")], Kinds(AttainmentNotices.Due(AgreementId, month, new HashSet<NoticeKey>())));
    }

    [Fact]
    public void Due_MonthAlreadyClosed_IsFinalEvenIfItsAttainmentChangedSince()
    {
        var month = April(Instant.FromUtc(2026, 5, 3, 0, 0), restoredAt: OutageStart.Plus(Duration.FromMinutes(50)));

        Assert.Empty(AttainmentNotices.Due(AgreementId, month, new HashSet<NoticeKey> { AttainmentNotices.Closing(AgreementId, 202604) }));
    }

    [Fact]
    public void Due_EndedMonthWithNothingMeasured_GivesOnlyClosed()
    {
        var month = April(Instant.FromUtc(2026, 5, 1, 0, 0), outage: false);

        Assert.Equal([(NoticeKind.MonthClosed, 0, "", "")], Kinds(AttainmentNotices.Due(AgreementId, month, new HashSet<NoticeKey>())));
    }

    [Fact]
    public void Due_OutageAfterAMidMonthVersion_IsNoticedAgainstTheVersionInForce()
    {
        var calendar = ServiceHoursCalendar.BuiltIn("UTC").Single(c => c.Key == ServiceHoursCalendar.AllHours);
        PromisedTerms[] versions =
        [
            new(1, Instant.FromUtc(2026, 1, 1, 0, 0), [Availability], calendar, []),
            new(2, At(5, 0), [new Target("availability", TargetValue.Of(99.99m))], calendar, []),
        ];

        var due = AttainmentNotices.Due(AgreementId, April(OutageStart.Plus(Duration.FromMinutes(10)), versions: versions), new HashSet<NoticeKey>());

        // Version 2 holds 26 days: 37,440 minutes, of which 99.99% allows 3.74; ten minutes miss it.
        Assert.Equal([(NoticeKind.AtRisk, 2, "availability", ""), (NoticeKind.TargetMissed, 2, "availability", "")], Kinds(due));
    }

    [Theory]
    [InlineData(2026, 4, 202604)]
    [InlineData(2026, 12, 202612)]
    [InlineData(2027, 1, 202701)]
    public void MonthNumber_SortsLikeTheCalendarAndReadsBack(int year, int month, int number)
    {
        Assert.Equal(number, NoticeKey.MonthNumber(new YearMonth(year, month)));
        Assert.Equal(new YearMonth(year, month), NoticeKey.FromMonthNumber(number));
    }
}
