using System.Net;
using System.Text.Json.Nodes;
using Catalog.Api.IntegrationTests.Features.Webhooks;
using Catalog.Api.IntegrationTests.Infrastructure;

namespace Catalog.Api.IntegrationTests.Features.Attainment;

/// <summary>
/// Storage promises Corporate Email 99.9% from 10 April 2026 in an operational level agreement (no business unit in it):
/// the watcher judges it like any agreement, in the configured default zone (UTC here), and its notices name the
/// consumer service. Nobody is charged, so a missed month earns no credit.
/// </summary>
public sealed class OlaAttainmentEventsTests(MovableClockApiFactory factory) : IClassFixture<MovableClockApiFactory>
{
    private HttpClient Admin { get; } = factory.ClientWithKey();

    [SkippableFact]
    public async Task Watcher_OlaMissedThenMonthEnd_GivesMissedAndClosedNamingTheConsumerServiceAndNoCredit()
    {
        var scenario = new Scenario(factory);
        var storage = await scenario.CreateLiveServiceAsync(Scenario.ServiceBody(kind: "supporting", name: "Storage"));
        var email = await scenario.CreateLiveServiceAsync(Scenario.ServiceBody(dependsOn: [storage.Id()], name: "Corporate Email"));
        var owner = await scenario.ClientForAsync("it-lead");
        var storageLead = await scenario.ClientForAsync("it-lead");
        var proposal = await (await owner.PostJsonAsync("/api/v1/proposals", new
        {
            serviceId = storage.Id(), consumerServiceId = email.Id(), title = "Storage under mail", businessJustification = "Mail stops when storage does.", submit = true,
            targets = new object[] { new { metric = "availability", value = 99.9m } },
        })).ExpectAsync(HttpStatusCode.Created);
        var analysis = await (await storageLead.PostJsonAsync($"/api/v1/proposals/{proposal.Id()}/analyses", new
        {
            oneOffCost = 0m, monthlyCostDelta = 200m, currency = "EUR", labourDays = 1m, leadTimeDays = 0, feasibility = "feasible",
            consequences = Array.Empty<object>(), tradeOffs = Array.Empty<string>(),
        })).ExpectAsync(HttpStatusCode.Created);
        var accepted = await (await owner.PostJsonAsync($"/api/v1/proposals/{proposal.Id()}/acceptance", new
        {
            analysisId = analysis.Id(), option = "proposed", monthlyCharge = 200m, signedBy = new { name = "Sam Owner" },
        })).ExpectAsync(HttpStatusCode.Created);
        var agreementId = Guid.Parse(accepted["agreementId"].Value<string>());
        var started = factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(-41);
        await (await Admin.PostJsonAsync("/api/v1/outages", new
        {
            serviceId = storage.Id(), kind = "outage", priority = "P1", startedAt = started, restoredAt = started.AddMinutes(40),
            summary = "Mailboxes could not be opened.", source = new { system = "monitoring", reference = TestApi.Unique("alert") },
        })).ExpectAsync(HttpStatusCode.Created);

        var missed = (await NoticeAsync(agreementId, "agreement.target-missed"))["data"]!;
        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 5, 1, 0, 0, 30, TimeSpan.Zero));
        var closed = (await NoticeAsync(agreementId, "attainment.month-closed"))["data"]!;

        Assert.Null(missed["customerId"]);
        Assert.Equal((email.Id(), "Corporate Email", "UTC"), (Guid.Parse(missed["consumerServiceId"].Value<string>()), missed["consumerServiceName"].Value<string>(), missed["timeZone"].Value<string>()));
        Assert.Equal(("2026-04", 40m), (missed["month"].Value<string>(), missed["target"]!["availability"]!["countedDowntimeMinutes"].Value<decimal>()));
        Assert.Equal(Guid.Parse(closed["consumerServiceId"].Value<string>()), email.Id());
        var month = Assert.Single(closed["months"]!.AsArray())!;
        Assert.Equal(("2026-04", "closed"), (month["month"].Value<string>(), month["status"].Value<string>()));
        Assert.False(month["versions"]![0]!["targets"]![0]!["met"].Value<bool>());
        Assert.Null(month["credit"]);
        Assert.DoesNotContain(await Admin.FeedAsync(0, "credit.earned"), e => AttainmentEventsTests.SubjectId(e) == agreementId);
    }

    private async Task<JsonObject> NoticeAsync(Guid agreementId, string type)
    {
        var found = await Eventually.WaitAsync(
            async () => (await Admin.FeedAsync(0, type)).Where(e => AttainmentEventsTests.SubjectId(e) == agreementId).ToList(),
            events => events.Count > 0,
            $"{type} for agreement {agreementId}");
        return Assert.Single(found);
    }
}
