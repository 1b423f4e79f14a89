using System.Net;
using System.Text.Json.Nodes;
using Catalog.Api.IntegrationTests.Features.Webhooks;
using Catalog.Api.IntegrationTests.Infrastructure;
using Catalog.Api.IntegrationTests.Infrastructure.Databases;

namespace Catalog.Api.IntegrationTests.Features.Attainment;

/// <summary>
/// Corporate Email depends on Storage; Sales agreed 99.9% availability and a one-hour restoration of P1 outages from
/// 10 April 2026. What is left of April has 30,240 minutes, so 30.24 minutes of downtime are allowed and more than
/// 22.68 put the month at risk. The test moves the calendar; the watcher notices without anyone writing.
/// </summary>
public sealed class AttainmentEventsTests(MovableClockApiFactory factory) : IClassFixture<MovableClockApiFactory>
{
    private static readonly string[] NoticeTypes = ["agreement.at-risk", "agreement.target-missed", "attainment.month-closed"];

    private HttpClient Admin { get; } = factory.ClientWithKey();

    [SkippableFact]
    public async Task Watcher_OngoingOutagePastAllowedDowntimeThenMonthEnd_GivesAtRiskMissedAndClosedOnceEach()
    {
        var world = await AgreementOnEmailAsync(factory);
        await using var receiver = await WebhookReceiver.StartAsync(factory.Clock);
        var hook = receiver.NewHook();
        await Admin.SubscribeAsync(hook, "agreement.target-missed");
        var outage = await (await Admin.PostJsonAsync("/api/v1/outages", new
        {
            serviceId = world.StorageId, kind = "outage", priority = "P1", startedAt = factory.Clock.GetUtcNow().UtcDateTime,
            summary = "Mailboxes could not be opened.", source = new { system = "monitoring", reference = TestApi.Unique("alert") },
        })).ExpectAsync(HttpStatusCode.Created);

        // 25 minutes in: past three quarters of the allowed downtime, still within the hour to restore.
        factory.Clock.Advance(TimeSpan.FromMinutes(25));
        var atRisk = await NoticeAsync(world.AgreementId, "agreement.at-risk");
        Assert.Equal("availability", atRisk["data"]!["target"]!["metric"].Value<string>());
        Assert.True(atRisk["data"]!["target"]!["atRisk"].Value<bool>());
        Assert.True(atRisk["data"]!["target"]!["met"].Value<bool>());
        Assert.Equal("system", atRisk["actor"]!["role"].Value<string>());
        Assert.Equal(factory.Clock.GetUtcNow().UtcDateTime, atRisk["occurredAt"].Value<DateTime>().ToUniversalTime());

        // 31 minutes in, the outage still going on: the month can no longer keep 99.9%.
        factory.Clock.Advance(TimeSpan.FromMinutes(6));
        var missed = await NoticeAsync(world.AgreementId, "agreement.target-missed");
        var data = missed["data"]!;
        Assert.Equal("2026-04", data["month"].Value<string>());
        Assert.Equal(1, data["version"].Value<int>());
        Assert.Equal(world.CustomerId, Guid.Parse(data["customerId"].Value<string>()));
        Assert.Equal("availability", data["target"]!["metric"].Value<string>());
        Assert.Equal(99.9m, data["target"]!["target"].Value<decimal>());
        Assert.False(data["target"]!["met"].Value<bool>());
        Assert.Equal(31m, data["target"]!["availability"]!["countedDowntimeMinutes"].Value<decimal>());
        Assert.Equal(30.24m, data["target"]!["availability"]!["allowedDowntimeMinutes"].Value<decimal>());
        Assert.Equal(Math.Round(100m * (30_240m - 31m) / 30_240m, 4), data["target"]!["achieved"].Value<decimal>());
        var attributed = Assert.Single(data["attributedServices"]!.AsArray())!;
        Assert.Equal(("Storage", world.StorageId), (attributed["name"].Value<string>(), Guid.Parse(attributed["id"].Value<string>())));

        var delivered = await Eventually.WaitAsync(() => hook.Accepted, r => r.Count >= 1, "the target-missed webhook");
        Assert.True(delivered.Single().SignatureValid);
        var body = JsonNode.Parse(delivered.Single().Body)!;
        Assert.Equal(missed["sequence"].Value<long>(), body["sequence"].Value<long>());
        Assert.Equal("agreement.target-missed", body["type"].Value<string>());
        Assert.Equal(world.AgreementId, Guid.Parse(body["subject"]!["id"].Value<string>()));

        // Restored at 40 minutes, inside the hour; then April ends (in the customer's time zone, UTC here).
        factory.Clock.Advance(TimeSpan.FromMinutes(9));
        await (await Admin.PostJsonAsync($"/api/v1/outages/{outage.Id()}/restoration", new { restoredAt = factory.Clock.GetUtcNow().UtcDateTime }))
            .ExpectAsync(HttpStatusCode.OK);
        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 5, 1, 0, 0, 30, TimeSpan.Zero));
        var closed = await NoticeAsync(world.AgreementId, "attainment.month-closed");
        var month = Assert.Single(closed["data"]!["months"]!.AsArray())!;
        Assert.Equal(("2026-04", "closed"), (month["month"].Value<string>(), month["status"].Value<string>()));
        var targets = month["versions"]![0]!["targets"]!.AsArray();
        Assert.False(targets.Single(t => t!["metric"].Value<string>() == "availability")!["met"].Value<bool>());
        Assert.True(targets.Single(t => t!["metric"].Value<string>() == "time-to-restore")!["met"].Value<bool>());

        // The miss cost IT a tenth of April's charge for the days the version was in force, said once with the closing.
        var credit = await NoticeAsync(world.AgreementId, "credit.earned");
        Assert.Equal("2026-04", credit["data"]!["month"].Value<string>());
        Assert.Equal(month["credit"]!["amount"].Value<decimal>(), credit["data"]!["credit"]!["amount"].Value<decimal>());
        Assert.True(credit["data"]!["credit"]!["amount"].Value<decimal>() > 0);
        Assert.Contains("worse than 99.9%: 10%", credit["data"]!["credit"]!["versions"]![0]!["reason"].Value<string>(), StringComparison.Ordinal);

        // The watcher keeps checking; nothing is said twice, and the one miss was delivered once.
        await Task.Delay(TimeSpan.FromMilliseconds(600));
        var notices = (await Admin.FeedAsync(0, NoticeTypes)).Where(e => SubjectId(e) == world.AgreementId).Select(e => e["type"].Value<string>()).ToList();
        Assert.Equal(NoticeTypes, notices);
        Assert.Single(hook.Received);
        Assert.Single(await Admin.FeedAsync(0, "credit.earned"), e => SubjectId(e) == world.AgreementId);
    }

    internal sealed record World(Guid AgreementId, Guid StorageId, Guid CustomerId);

    /// <summary>Email on Storage, and an agreement with Sales on it, in force from today (no lead time).</summary>
    internal static async Task<World> AgreementOnEmailAsync(CatalogApiFactory api)
    {
        var scenario = new Scenario(api);
        var storage = await scenario.CreateLiveServiceAsync(Scenario.ServiceBody(kind: "supporting", name: "Storage"));
        var email = await scenario.CreateLiveServiceAsync(Scenario.ServiceBody(dependsOn: [storage.Id()], name: "Corporate Email"));
        var customer = await scenario.CreateCustomerAsync();
        await scenario.SubscribeAsync(customer.Id(), email.Id(), 250);
        var customerClient = await scenario.ClientForAsync("customer", customer.Id());
        var itLead = await scenario.ClientForAsync("it-lead");
        var proposal = await (await customerClient.PostJsonAsync("/api/v1/proposals", new
        {
            serviceId = email.Id(), title = "Mail for the field sales force", businessJustification = "Mail outages lose orders.", submit = true,
            targets = new object[] { new { metric = "availability", value = 99.9m }, new { metric = "time-to-restore", value = 60m, scope = "P1" } },
        })).ExpectAsync(HttpStatusCode.Created);
        var analysis = await (await itLead.PostJsonAsync($"/api/v1/proposals/{proposal.Id()}/analyses", new
        {
            oneOffCost = 0m, monthlyCostDelta = 200m, currency = "EUR", labourDays = 1m, leadTimeDays = 0, feasibility = "feasible",
            consequences = Array.Empty<object>(), tradeOffs = Array.Empty<string>(),
            serviceCredits = new { bands = new[] { new { metric = "availability", worseThan = 99.9m, creditPercent = 10m } }, capPercent = 10m },
        })).ExpectAsync(HttpStatusCode.Created);
        var charge = NegotiationScenario.Option(analysis, "proposed")["monthlyCharge"]!.GetValue<decimal>();
        var accepted = await (await customerClient.PostJsonAsync($"/api/v1/proposals/{proposal.Id()}/acceptance", new
        {
            analysisId = analysis.Id(), option = "proposed", monthlyCharge = charge, signedBy = new { name = "Dana Ruiz" },
        })).ExpectAsync(HttpStatusCode.Created);
        return new World(Guid.Parse(accepted["agreementId"].Value<string>()), storage.Id(), customer.Id());
    }

    internal static Guid SubjectId(JsonObject change) => Guid.Parse(change["subject"]!["id"].Value<string>());

    private async Task<JsonObject> NoticeAsync(Guid agreementId, string type)
    {
        var found = await Eventually.WaitAsync(
            async () => (await Admin.FeedAsync(0, type)).Where(e => SubjectId(e) == agreementId).ToList(),
            events => events.Count > 0,
            $"{type} for agreement {agreementId}");
        return Assert.Single(found);
    }
}

/// <summary>Two instances on one database and one calendar, both watching: a month ends once.</summary>
public sealed class AttainmentEventsTwoInstancesTests(AttainmentEventsTwoInstancesTests.Instances instances) : IClassFixture<AttainmentEventsTwoInstancesTests.Instances>
{
    [SkippableFact]
    public async Task Watcher_TwoInstancesPastAMonthEnd_CloseEachAgreementsMonthOnce()
    {
        var agreements = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            agreements.Add((await AttainmentEventsTests.AgreementOnEmailAsync(i % 2 == 0 ? instances.First : instances.Second)).AgreementId);
        }

        instances.Clock.SetUtcNow(new DateTimeOffset(2026, 5, 1, 0, 0, 1, TimeSpan.Zero));
        var admin = instances.Second.ClientWithKey();
        await Eventually.WaitAsync(
            async () => (await admin.FeedAsync(0, "attainment.month-closed")).Select(AttainmentEventsTests.SubjectId).Where(agreements.Contains).Distinct().Count(),
            count => count == agreements.Count,
            "April closed for every agreement");

        // Both instances go on checking for a while; neither closes April again.
        await Task.Delay(TimeSpan.FromMilliseconds(800));
        var closings = (await instances.First.ClientWithKey().FeedAsync(0, "attainment.month-closed")).Where(e => agreements.Contains(AttainmentEventsTests.SubjectId(e))).ToList();
        Assert.Equal(agreements.Order(), closings.Select(AttainmentEventsTests.SubjectId).Order());
        Assert.All(closings, c => Assert.Equal("2026-04", c["data"]!["months"]![0]!["month"].Value<string>()));
    }

    public sealed class Instances : IDisposable
    {
        private readonly TestDatabase _database = TestDatabase.Create();

        public Instances()
        {
            First = MovableClockApiFactory.Beside(_database, Clock);
            Second = MovableClockApiFactory.Beside(_database, Clock);
        }

        public MovableClock Clock { get; } = new(MovableClockApiFactory.Start);

        public MovableClockApiFactory First { get; }

        public MovableClockApiFactory Second { get; }

        public void Dispose()
        {
            First.Dispose();
            Second.Dispose();
            _database.Dispose();
        }
    }
}
