using Catalog.Api.Domain.Delivery;
using Catalog.Api.Domain.Metrics;
using Catalog.Api.Domain.Negotiation;
using NodaTime;

namespace Catalog.Api.UnitTests.Domain.Delivery;

public class AttainmentTests
{
    private const string Berlin = "Europe/Berlin";
    private static readonly DateTimeZone BerlinZone = DateTimeZoneProviders.Tzdb[Berlin];
    private static readonly Guid Email = Guid.NewGuid();
    private static readonly Guid Storage = Guid.NewGuid();
    private static readonly IReadOnlyDictionary<string, Metric> Metrics = BuiltInMetrics.All.ToDictionary(m => m.Key);

    private static ServiceHoursCalendar Calendar(string key) => ServiceHoursCalendar.BuiltIn(Berlin).Single(c => c.Key == key);

    private static Instant Local(int year, int month, int day, int hour, int minute = 0) =>
        new LocalDateTime(year, month, day, hour, minute).InZoneStrictly(BerlinZone).ToInstant();

    private static PromisedTerms Terms(int version, Instant from, string calendar, params Target[] targets) =>
        new(version, from, targets, Calendar(calendar), []);

    private static Target Availability(decimal percent) => new("availability", TargetValue.Of(percent));

    private static CountedOutageInput Outage(Instant start, Instant? end, OutageKind kind = OutageKind.Outage, Guid? attributed = null, string? priority = null) =>
        new(Guid.NewGuid(), attributed ?? Email, kind, priority, start, end);

    private static MonthAttainment Month(int year, int month, IReadOnlyList<PromisedTerms> versions, IReadOnlyList<CountedOutageInput> outages, Instant? now = null, IReadOnlyList<MeasurementInput>? measurements = null) =>
        AttainmentRules.ForMonth(new YearMonth(year, month), BerlinZone, versions, null, outages, measurements ?? [], Metrics, now ?? Local(2027, 1, 1, 0))!;

    [Fact]
    public void Availability_MonthWithSpringDaylightSavingChange_CountsTheShorterMonth()
    {
        // March 2026 in Berlin has 31 days less the hour skipped on the 29th: 44,580 minutes; 99.9% allows 44.58 of them.
        var month = Month(2026, 3, [Terms(1, Local(2026, 1, 1, 0), "24x7", Availability(99.9m))], [Outage(Local(2026, 3, 10, 9), Local(2026, 3, 10, 9, 30))]);

        var target = month.Versions.Single().Targets.Single();
        Assert.Equal(44_580m, target.Availability!.ServiceMinutes);
        Assert.Equal(44.58m, target.Availability.AllowedDowntimeMinutes);
        Assert.Equal(30m, target.Availability.CountedDowntimeMinutes);
        Assert.True(target.Met);
        Assert.Equal(Math.Round(100m * 44_550m / 44_580m, 4), target.Achieved);
        Assert.True(month.Closed);
    }

    [Fact]
    public void Availability_UnderBusinessHours_CountsOnlyDowntimeWithinThem()
    {
        // Down from Tuesday 17:00 to Wednesday 09:00: one hour on Tuesday and one on Wednesday are within 08:00-18:00.
        var month = Month(2026, 6, [Terms(1, Local(2026, 1, 1, 0), "business-hours", Availability(99.5m))], [Outage(Local(2026, 6, 9, 17), Local(2026, 6, 10, 9))]);

        var evidence = month.Versions.Single().Targets.Single().Availability!;
        Assert.Equal(120m, evidence.CountedDowntimeMinutes);

        // June 2026 has 22 weekdays of 10 hours.
        Assert.Equal(22 * 600m, evidence.ServiceMinutes);
    }

    [Fact]
    public void TimeToRestore_OutageFridayEvening_ClockStopsOverTheWeekend()
    {
        var friday = Local(2026, 6, 5, 17, 50);
        var mondayMorning = Local(2026, 6, 8, 8, 0);
        var target = new Target("time-to-restore", TargetValue.Of(30m), "P1");

        var atMonday = Month(2026, 6, [Terms(1, Local(2026, 1, 1, 0), "business-hours", target)], [Outage(friday, null, priority: "P1")], now: mondayMorning);
        var restoredAt0815 = Month(2026, 6, [Terms(1, Local(2026, 1, 1, 0), "business-hours", target)], [Outage(friday, Local(2026, 6, 8, 8, 15), priority: "P1")]);

        var ongoing = atMonday.Versions.Single().Targets.Single().Restore!.Incidents.Single();
        Assert.Equal(10m, ongoing.Minutes);
        Assert.False(ongoing.Restored);
        var restored = restoredAt0815.Versions.Single().Targets.Single();
        Assert.Equal(25m, restored.Achieved);
        Assert.True(restored.Met);
    }

    [Fact]
    public void TimeToRestore_OtherPriorityOnly_IsNotMeasured()
    {
        var target = new Target("time-to-restore", TargetValue.Of(30m), "P1");

        var month = Month(2026, 6, [Terms(1, Local(2026, 1, 1, 0), "24x7", target)], [Outage(Local(2026, 6, 2, 10), Local(2026, 6, 2, 14), priority: "P3")]);

        var judged = month.Versions.Single().Targets.Single();
        Assert.Null(judged.Met);
        Assert.Empty(judged.Restore!.Incidents);
    }

    [Fact]
    public void Attainment_NewVersionMidMonth_SplitsTheMonthAndJudgesEachStretchByItsOwnTargets()
    {
        var v2From = Local(2026, 6, 16, 0);
        var versions = new[] { Terms(1, Local(2026, 1, 1, 0), "24x7", Availability(99m)), Terms(2, v2From, "24x7", Availability(99.99m)) };

        // 60 minutes down on the 20th: well within 99% but not within 99.99% of the second half.
        var month = Month(2026, 6, versions, [Outage(Local(2026, 6, 20, 10), Local(2026, 6, 20, 11))]);

        Assert.Equal([1, 2], month.Versions.Select(v => v.Version));
        Assert.Equal(v2From, month.Versions[0].To);
        Assert.Equal(v2From, month.Versions[1].From);
        Assert.Equal(15 * 1440m, month.Versions[0].Targets.Single().Availability!.ServiceMinutes);
        Assert.True(month.Versions[0].Targets.Single().Met);
        Assert.Equal(15 * 1440m, month.Versions[1].Targets.Single().Availability!.ServiceMinutes);
        Assert.Equal(0.01m * 15 * 1440 / 100, month.Versions[1].Targets.Single().Availability!.AllowedDowntimeMinutes);
        Assert.False(month.Versions[1].Targets.Single().Met);
    }

    [Fact]
    public void Attainment_MonthBeforeTheFirstVersionIsInForce_IsAbsent()
    {
        var month = AttainmentRules.ForMonth(new YearMonth(2026, 5), BerlinZone, [Terms(1, Local(2026, 6, 3, 0), "24x7", Availability(99m))], null, [], [], Metrics, Local(2027, 1, 1, 0));

        Assert.Null(month);
    }

    [Fact]
    public void Availability_PlannedWorkHalfInsideTheWindow_CountsOnlyTheHalfOutside()
    {
        var window = new MaintenanceWindow("FREQ=WEEKLY;BYDAY=SU;BYHOUR=2;BYMINUTE=0", 120, Berlin);
        var terms = new PromisedTerms(1, Local(2026, 1, 1, 0), [Availability(99.9m)], Calendar("24x7"), [window]);

        // Sunday 7 June 2026, 03:00-05:00: the window is 02:00-04:00.
        var month = Month(2026, 6, [terms], [Outage(Local(2026, 6, 7, 3), Local(2026, 6, 7, 5), OutageKind.Planned)]);

        var evidence = month.Versions.Single().Targets.Single().Availability!;
        Assert.Equal(60m, evidence.ExcludedMaintenanceMinutes);
        Assert.Equal(60m, evidence.CountedDowntimeMinutes);
    }

    [Fact]
    public void Availability_Degradation_IsNotDowntime()
    {
        var month = Month(2026, 6, [Terms(1, Local(2026, 1, 1, 0), "24x7", Availability(99.9m))], [Outage(Local(2026, 6, 7, 3), Local(2026, 6, 7, 5), OutageKind.Degradation)]);

        Assert.Equal(0m, month.Versions.Single().Targets.Single().Availability!.CountedDowntimeMinutes);
        Assert.Equal(100m, month.Versions.Single().Targets.Single().Achieved);
    }

    [Fact]
    public void Availability_SupportingServiceOutageOverlappingOwnOutage_CountsTheMinutesOnceAndNamesWhoFailed()
    {
        var own = Outage(Local(2026, 6, 2, 10), Local(2026, 6, 2, 11));
        var storage = Outage(Local(2026, 6, 2, 10, 30), Local(2026, 6, 2, 11, 30), attributed: Storage);

        var evidence = Month(2026, 6, [Terms(1, Local(2026, 1, 1, 0), "24x7", Availability(99.9m))], [own, storage]).Versions.Single().Targets.Single().Availability!;

        Assert.Equal(90m, evidence.CountedDowntimeMinutes);
        Assert.Equal([Email, Storage], evidence.Outages.Select(o => o.AttributedServiceId));
        Assert.Equal([60m, 60m], evidence.Outages.Select(o => o.CountedMinutes));
    }

    [Fact]
    public void Availability_OutageAcrossTheMonthBoundary_CountsInEachMonthItsOwnPart()
    {
        var versions = new[] { Terms(1, Local(2026, 1, 1, 0), "24x7", Availability(99.9m)) };
        var outage = Outage(Local(2026, 6, 30, 23), Local(2026, 7, 1, 1, 30));

        Assert.Equal(60m, Month(2026, 6, versions, [outage]).Versions.Single().Targets.Single().Availability!.CountedDowntimeMinutes);
        Assert.Equal(90m, Month(2026, 7, versions, [outage]).Versions.Single().Targets.Single().Availability!.CountedDowntimeMinutes);
    }

    [Fact]
    public void Availability_RunningMonthPastThreeQuartersOfTheAllowance_IsAtRiskButNotYetMissed()
    {
        // 30 days of 24x7 at 99.9% allow 43.2 minutes; 35 minutes used by the 10th.
        var now = Local(2026, 6, 10, 12);
        var month = Month(2026, 6, [Terms(1, Local(2026, 1, 1, 0), "24x7", Availability(99.9m))], [Outage(Local(2026, 6, 10, 10), Local(2026, 6, 10, 10, 35))], now);

        var target = month.Versions.Single().Targets.Single();
        Assert.False(month.Closed);
        Assert.True(target.AtRisk);
        Assert.True(target.Met);
    }

    [Fact]
    public void Availability_OngoingOutageBeyondTheAllowance_IsMissedBeforeItEnds()
    {
        var now = Local(2026, 6, 10, 11);
        var month = Month(2026, 6, [Terms(1, Local(2026, 1, 1, 0), "24x7", Availability(99.9m))], [Outage(Local(2026, 6, 10, 10), null)], now);

        var target = month.Versions.Single().Targets.Single();
        Assert.Equal(60m, target.Availability!.CountedDowntimeMinutes);
        Assert.False(target.Met);
    }

    [Fact]
    public void Measured_ResponseTime_WorstSourceJudgedByTheMetricsDirection()
    {
        var target = new Target("response-time", TargetValue.Of(800m), "p95");
        MeasurementInput[] measured = [new("response-time", "p95", new YearMonth(2026, 6), 640m, "apm"), new("response-time", "p95", new YearMonth(2026, 6), 910m, "synthetic")];

        var judged = Month(2026, 6, [Terms(1, Local(2026, 1, 1, 0), "24x7", target)], [], measurements: measured).Versions.Single().Targets.Single();

        Assert.Equal(910m, judged.Achieved);
        Assert.False(judged.Met);
    }

    [Fact]
    public void Measured_NothingMeasured_IsNull()
    {
        var judged = Month(2026, 6, [Terms(1, Local(2026, 1, 1, 0), "24x7", new Target("support-hours", TargetValue.Of("24x7")))], []).Versions.Single().Targets.Single();

        Assert.Null(judged.Met);
        Assert.Null(judged.Achieved);
    }
}
