using System.Net;
using Catalog.Api.IntegrationTests.Features.Webhooks;
using Catalog.Api.IntegrationTests.Infrastructure;

namespace Catalog.Api.IntegrationTests.Features.Attainment;

/// <summary>
/// The watcher on an hourly check, so that between checks only writes wake it: two mail services, each on its own
/// storage, each with Sales' agreement (99.9%, at risk past 22.68 minutes of downtime in what is left of April).
/// </summary>
public sealed class AttainmentWakeTests(AttainmentWakeTests.HourlyCheckApiFactory factory) : IClassFixture<AttainmentWakeTests.HourlyCheckApiFactory>
{
    private HttpClient Admin { get; } = factory.ClientWithKey();

    [SkippableFact]
    public async Task Watcher_OutageWrittenBetweenChecks_JudgesOnlyTheAgreementsItBearsOn()
    {
        var written = await AttainmentEventsTests.AgreementOnEmailAsync(factory);
        var elsewhere = await AttainmentEventsTests.AgreementOnEmailAsync(factory);
        var start = factory.Clock.GetUtcNow().UtcDateTime;
        await RecordOutageAsync(elsewhere.StorageId, start, restoredAt: null);

        // 25 minutes on, the outage on the other storage is still going on: a check would find that agreement at risk.
        factory.Clock.Advance(TimeSpan.FromMinutes(25));
        await RecordOutageAsync(written.StorageId, start, restoredAt: factory.Clock.GetUtcNow().UtcDateTime);

        // The write wakes the watcher for the agreement on the mail that relies on the storage written, at once.
        var atRisk = await Eventually.WaitAsync(
            async () => (await Admin.FeedAsync(0, "agreement.at-risk")).Where(e => AttainmentEventsTests.SubjectId(e) == written.AgreementId).ToList(),
            events => events.Count > 0,
            "agreement.at-risk for the agreement the outage bears on");
        Assert.Equal(25m, Assert.Single(atRisk)["data"]!["target"]!["availability"]!["countedDowntimeMinutes"].Value<decimal>());

        // The other agreement waits for the next check: a wake-up does not go over every agreement.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.DoesNotContain(await Admin.FeedAsync(0, "agreement.at-risk"), e => AttainmentEventsTests.SubjectId(e) == elsewhere.AgreementId);
    }

    private async Task RecordOutageAsync(Guid serviceId, DateTime startedAt, DateTime? restoredAt) =>
        await (await Admin.PostJsonAsync("/api/v1/outages", new
        {
            serviceId, kind = "outage", priority = "P1", startedAt, restoredAt,
            summary = "Mailboxes could not be opened.", source = new { system = "monitoring", reference = TestApi.Unique("alert") },
        })).ExpectAsync(HttpStatusCode.Created);

    /// <summary>The API on a movable calendar, going over every agreement once an hour of real time: never, in a test.</summary>
    public sealed class HourlyCheckApiFactory() : MovableClockApiFactory(TimeSpan.FromHours(1));
}
