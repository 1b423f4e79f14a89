using System.Net;
using Catalog.Api.IntegrationTests.Features.Webhooks;
using Catalog.Api.IntegrationTests.Infrastructure;

namespace Catalog.Api.IntegrationTests.Features.Attainment;

/// <summary>
/// The watcher on an hourly check, so that between checks only writes wake it: two mail services, each on its own
/// storage, each with Sales' agreement from 10 April. Nothing is written before April ends, so nothing but the check
/// at the API's start has judged them.
/// </summary>
public sealed class AttainmentWakeTests(AttainmentWakeTests.HourlyCheckApiFactory factory) : IClassFixture<AttainmentWakeTests.HourlyCheckApiFactory>
{
    private HttpClient Admin { get; } = factory.ClientWithKey();

    [SkippableFact]
    public async Task Watcher_OutageWrittenBetweenChecks_JudgesOnlyTheAgreementsItBearsOn()
    {
        var written = await AttainmentEventsTests.AgreementOnEmailAsync(factory);
        var elsewhere = await AttainmentEventsTests.AgreementOnEmailAsync(factory);

        // April is over for both agreements, but the next check over every agreement is an hour of real time away.
        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 5, 1, 0, 0, 30, TimeSpan.Zero));
        await RecordOutageAsync(written.StorageId, new DateTime(2026, 4, 20, 10, 0, 0, DateTimeKind.Utc), new DateTime(2026, 4, 20, 10, 5, 0, DateTimeKind.Utc));

        // The write wakes the watcher for the agreement on the mail that relies on the storage written: its April closes.
        var closed = await Eventually.WaitAsync(
            async () => (await Admin.FeedAsync(0, "attainment.month-closed")).Where(e => AttainmentEventsTests.SubjectId(e) == written.AgreementId).ToList(),
            events => events.Count > 0,
            "attainment.month-closed for the agreement the outage bears on");
        Assert.Equal("2026-04", Assert.Single(Assert.Single(closed)["data"]!["months"]!.AsArray())!["month"].Value<string>());

        // The other agreement's April waits for that check: a wake-up does not go over every agreement.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.DoesNotContain(await Admin.FeedAsync(0, "attainment.month-closed"), e => AttainmentEventsTests.SubjectId(e) == elsewhere.AgreementId);
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
