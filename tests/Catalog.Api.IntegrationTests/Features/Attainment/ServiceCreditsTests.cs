using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Catalog.Api.Domain.Agreements;
using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Api.IntegrationTests.Features.Attainment;

/// <summary>
/// Corporate Email, which depends on Storage, agreed with credit bands: "availability worse than 99.9%: 10%; worse than
/// 99.5%: 25%; at most 30%". A Storage outage in a closed month earns a credit, shown in attainment and deducted in charges.
/// </summary>
public sealed class ServiceCreditsTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private const decimal MonthlyCharge = 200m;

    private static readonly object Credits = new
    {
        bands = new object[]
        {
            new { metric = "availability", worseThan = 99.9m, creditPercent = 10m },
            new { metric = "availability", worseThan = 99.5m, creditPercent = 25m },
        },
        capPercent = 30m,
    };

    private readonly Scenario _scenario = new(factory);

    private HttpClient Admin => _scenario.Admin;

    [SkippableFact]
    public async Task PublishAnalysis_OptionsWithServiceCredits_ShowsEachOptionsOwnBands()
    {
        var world = await StartAsync();
        var proposal = await ProposeAsync(world);
        var counterCredits = new { bands = new[] { new { metric = "time-to-restore", scope = "P1", worseThan = 240m, creditPercent = 5m } }, capPercent = 5m };

        var analysis = await (await world.ItLead.PostJsonAsync($"/api/v1/proposals/{proposal.Id()}/analyses", Analysis(Credits, CounterOffer(counterCredits))))
            .ExpectAsync(HttpStatusCode.Created);

        var bands = analysis["serviceCredits"]!["bands"]!.AsArray();
        Assert.Equal([(99.9m, 10m), (99.5m, 25m)], bands.Select(b => (b!["worseThan"].Value<decimal>(), b["creditPercent"].Value<decimal>())));
        Assert.Equal(30m, analysis["serviceCredits"]!["capPercent"].Value<decimal>());
        var offered = analysis["counterOffer"]!["serviceCredits"]!["bands"]!.AsArray().Single()!;
        Assert.Equal(("time-to-restore", "P1", 240m), (offered["metric"].Value<string>(), offered["scope"].Value<string>(), offered["worseThan"].Value<decimal>()));
    }

    [SkippableTheory]
    [InlineData("percent-over-100", "serviceCredits.bands[0].creditPercent")]
    [InlineData("metric-not-a-target", "serviceCredits.bands[0].metric")]
    [InlineData("scope-not-a-target", "serviceCredits.bands[0].metric")]
    [InlineData("not-monotonic", "serviceCredits.bands[1].creditPercent")]
    [InlineData("repeated-threshold", "serviceCredits.bands[1].worseThan")]
    [InlineData("cap-below-band", "serviceCredits.capPercent")]
    [InlineData("cap-over-100", "serviceCredits.capPercent")]
    [InlineData("stricter-than-target", "serviceCredits.bands[0].worseThan")]
    [InlineData("no-bands", "serviceCredits.bands")]
    [InlineData("counter-offer-band-stricter-than-its-own-target", "counterOffer.serviceCredits.bands[0].worseThan")]
    public async Task PublishAnalysis_CreditsThatCannotBeAgreed_Returns400AndStoresNothing(string problem, string field)
    {
        var world = await StartAsync();
        var proposal = await ProposeAsync(world);
        static object Band(string metric, decimal worseThan, decimal percent, string? scope = null) => new { metric, scope, worseThan, creditPercent = percent };
        object? credits = problem switch
        {
            "percent-over-100" => new { bands = new[] { Band("availability", 99.9m, 120m) }, capPercent = 100m },
            "metric-not-a-target" => new { bands = new[] { Band("recovery-time", 60m, 10m) }, capPercent = 10m },
            "scope-not-a-target" => new { bands = new[] { Band("time-to-restore", 60m, 10m, "P2") }, capPercent = 10m },
            "not-monotonic" => new { bands = new[] { Band("availability", 99.9m, 25m), Band("availability", 99.5m, 10m) }, capPercent = 30m },
            "repeated-threshold" => new { bands = new[] { Band("availability", 99.5m, 10m), Band("availability", 99.5m, 25m) }, capPercent = 30m },
            "cap-below-band" => new { bands = new[] { Band("availability", 99.9m, 25m) }, capPercent = 20m },
            "cap-over-100" => new { bands = new[] { Band("availability", 99.9m, 25m) }, capPercent = 120m },
            "stricter-than-target" => new { bands = new[] { Band("availability", 99.95m, 10m) }, capPercent = 10m },
            "no-bands" => new { bands = Array.Empty<object>(), capPercent = 10m },
            _ => null,
        };
        var counterOffer = problem == "counter-offer-band-stricter-than-its-own-target"
            ? CounterOffer(new { bands = new[] { Band("availability", 99.9m, 10m) }, capPercent = 10m })
            : null;

        var response = await world.ItLead.PostJsonAsync($"/api/v1/proposals/{proposal.Id()}/analyses", Analysis(credits, counterOffer));

        await response.ExpectValidationAsync(field);
        var analyses = await (await world.ItLead.GetAsync($"/api/v1/proposals/{proposal.Id()}/analyses")).ExpectItemsAsync(HttpStatusCode.OK);
        Assert.Empty(analyses);
        var stored = await (await world.ItLead.GetAsync($"/api/v1/proposals/{proposal.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("submitted", stored["status"].Value<string>());
    }

    [SkippableFact]
    public async Task AcceptProposal_OptionWithCredits_VersionAndDocumentCarryTheBands()
    {
        var world = await AgreeAsync();

        var version = await (await world.Customer.GetAsync($"/api/v1/agreements/{world.AgreementId}/versions/1")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(30m, version["serviceCredits"]!["capPercent"].Value<decimal>());
        Assert.Equal(2, version["serviceCredits"]!["bands"]!.AsArray().Count);

        const string Sentence = "If availability is worse than 99.9% in a month, 10% of that month's charge is credited; worse than 99.5%: 25%; at most 30% in any month.";
        var markdown = await (await world.Customer.GetAsync($"/api/v1/agreements/{world.AgreementId}/versions/1/document")).Content.ReadAsStringAsync();
        Assert.Contains("## If a promise is missed", markdown, StringComparison.Ordinal);
        Assert.Contains(Sentence, markdown, StringComparison.Ordinal);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/agreements/{world.AgreementId}/versions/1/document");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        var html = await world.Customer.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        var page = WebUtility.HtmlDecode(await html.Content.ReadAsStringAsync());
        Assert.Contains("If a promise is missed", page, StringComparison.Ordinal);
        Assert.Contains("worse than 99.5%: 25%; at most 30% in any month.", page, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task GetCharges_ClosedMonthWithAMissedTarget_DeductsTheCreditWithItsReason()
    {
        var world = await AgreeAsync();
        var (earlier, missed) = await InForceSinceTwoMonthsAgoAsync(world.AgreementId);

        // Storage down 4 hours in the missed month: below 99.5% in any month of 28 to 31 days, so 25% of 200.00.
        var days = DateTime.DaysInMonth(missed.Year, missed.Month);
        await RecordOutageAsync(world.StorageId, missed.AddDays(9).AddHours(8), missed.AddDays(9).AddHours(12));
        var achieved = Math.Round(100m * ((days * 1440m) - 240m) / (days * 1440m), 4);

        var charges = await (await world.Customer.GetAsync($"/api/v1/customers/{world.CustomerId}/charges?month={Month(missed)}")).ExpectAsync(HttpStatusCode.OK);

        var credit = charges["credits"]!.AsArray().Single()!;
        Assert.Equal((world.AgreementId.ToString(), 1, 25m, 50m, "EUR"), (credit["agreementId"].Value<string>(), credit["version"].Value<int>(), credit["creditPercent"].Value<decimal>(), credit["amount"].Value<decimal>(), credit["currency"].Value<string>()));
        Assert.Equal(
            $"Availability was {achieved.ToString("0.####", CultureInfo.InvariantCulture)}% against the promised 99.9%, worse than 99.5%: 25%. 25% of the month's charge of 200.00 EUR is credited: 50.00 EUR.",
            credit["reason"].Value<string>());
        var gross = charges["services"]!.AsArray().Sum(s => s!["monthlyCost"].Value<decimal>()) + charges["agreements"]!.AsArray().Sum(a => a!["amount"].Value<decimal>());
        var total = charges["totals"]!.AsArray().Single()!;
        Assert.Equal((gross, 50m, gross - 50m), (total["gross"].Value<decimal>(), total["credits"].Value<decimal>(), total["monthlyTotal"].Value<decimal>()));

        // The month before was kept: nothing to deduct.
        var kept = await (await world.Customer.GetAsync($"/api/v1/customers/{world.CustomerId}/charges?month={Month(earlier)}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(kept["credits"]!.AsArray());
        Assert.Equal(0m, kept["totals"]![0]!["credits"].Value<decimal>());
    }

    [SkippableFact]
    public async Task GetAgreementAttainment_ClosedAndRunningMonths_CreditOnlyTheClosedMonthThatMissed()
    {
        var world = await AgreeAsync();
        var (earlier, missed) = await InForceSinceTwoMonthsAgoAsync(world.AgreementId);
        await RecordOutageAsync(world.StorageId, missed.AddDays(2), missed.AddDays(2).AddHours(1));
        var now = DateTime.UtcNow;
        await RecordOutageAsync(world.StorageId, new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc), now.AddSeconds(-1));

        var attainment = await (await world.Customer.GetAsync($"/api/v1/agreements/{world.AgreementId}/attainment?from={Month(earlier)}")).ExpectAsync(HttpStatusCode.OK);

        var months = attainment["months"]!.AsArray().ToDictionary(m => m!["month"].Value<string>());
        Assert.Equal(0m, months[Month(earlier)]!["creditPercent"].Value<decimal>());
        Assert.Equal(0m, months[Month(earlier)]!["credit"]!["amount"].Value<decimal>());

        // One hour down: at least 99.86% in any month, worse than 99.9%: 10% of 200.00.
        var credit = months[Month(missed)]!["credit"]!;
        Assert.Equal((10m, 20m, "EUR"), (months[Month(missed)]!["creditPercent"].Value<decimal>(), credit["amount"].Value<decimal>(), credit["currency"].Value<string>()));
        var version = credit["versions"]!.AsArray().Single()!;
        Assert.Equal((1, 10m, 200m, 20m), (version["version"].Value<int>(), version["creditPercent"].Value<decimal>(), version["chargedAmount"].Value<decimal>(), version["amount"].Value<decimal>()));
        Assert.StartsWith("Availability was 99.8", version["reason"].Value<string>(), StringComparison.Ordinal);

        var running = months[Month(now)]!;
        Assert.Equal("in-progress", running["status"].Value<string>());
        Assert.Null(running["creditPercent"]);
        Assert.Null(running["credit"]);
        var charges = await (await world.Customer.GetAsync($"/api/v1/customers/{world.CustomerId}/charges")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(charges["credits"]!.AsArray());
    }

    [SkippableFact]
    public async Task GetCharges_AnotherCustomersCredits_Returns404AndNeverShowsThem()
    {
        var world = await AgreeAsync();
        var (_, missed) = await InForceSinceTwoMonthsAgoAsync(world.AgreementId);
        await RecordOutageAsync(world.StorageId, missed.AddDays(3), missed.AddDays(3).AddHours(6));
        var other = await _scenario.CreateCustomerAsync();
        var otherClient = await _scenario.ClientForAsync("customer", other.Id());

        await (await otherClient.GetAsync($"/api/v1/customers/{world.CustomerId}/charges?month={Month(missed)}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await otherClient.GetAsync($"/api/v1/agreements/{world.AgreementId}/attainment?from={Month(missed)}&to={Month(missed)}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        var own = await (await otherClient.GetAsync($"/api/v1/customers/{other.Id()}/charges?month={Month(missed)}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(own["credits"]!.AsArray());

        // The customer the credit belongs to sees it.
        var theirs = await (await world.Customer.GetAsync($"/api/v1/customers/{world.CustomerId}/charges?month={Month(missed)}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(25m, theirs["credits"]!.AsArray().Single()!["creditPercent"].Value<decimal>());
    }

    private static string Month(DateTime instant) => instant.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static object Analysis(object? serviceCredits, object? counterOffer = null) => new
    {
        oneOffCost = 1_000m, monthlyCostDelta = MonthlyCharge, currency = "EUR", labourDays = 2m, leadTimeDays = 0, feasibility = "feasible",
        consequences = Array.Empty<object>(), tradeOffs = Array.Empty<string>(), serviceCredits, counterOffer,
    };

    /// <summary>A counter-offer without a time-to-restore target and with its own credits.</summary>
    private static object CounterOffer(object serviceCredits) => new
    {
        targets = new object[] { new { metric = "availability", value = 99.5m }, new { metric = "time-to-restore", value = 120m, scope = "P1" } },
        oneOffCost = 0m, monthlyCostDelta = 100m, leadTimeDays = 0, note = "Looser, cheaper.", serviceCredits,
    };

    /// <summary>
    /// Moves the version's effective date to the start of the month before last, as if it had been accepted then: a
    /// test cannot wait for a month to close. Returns the first instants of the month before last and of last month.
    /// </summary>
    private async Task<(DateTime Earlier, DateTime Missed)> InForceSinceTwoMonthsAgoAsync(Guid agreementId)
    {
        var now = DateTime.UtcNow;
        var thisMonth = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var earlier = thisMonth.AddMonths(-2);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        await db.Set<AgreementVersion>().Where(v => v.AgreementId == agreementId).ExecuteUpdateAsync(v => v.SetProperty(x => x.EffectiveFrom, earlier));
        return (earlier, thisMonth.AddMonths(-1));
    }

    private async Task RecordOutageAsync(Guid serviceId, DateTime started, DateTime restored) =>
        await (await Admin.PostJsonAsync("/api/v1/outages", new
        {
            serviceId, kind = "outage", priority = "P1", startedAt = started, restoredAt = restored,
            summary = "Mailboxes could not be opened.", source = new { system = "monitoring", reference = TestApi.Unique("alert") },
        })).ExpectAsync(HttpStatusCode.Created);

    private async Task<World> StartAsync()
    {
        var storage = await _scenario.CreateLiveServiceAsync(Scenario.ServiceBody(kind: "supporting", name: "Storage"));
        var email = await _scenario.CreateLiveServiceAsync(Scenario.ServiceBody(dependsOn: [storage.Id()], name: "Corporate Email", currency: "EUR"));
        var customer = await (await Admin.PostJsonAsync("/api/v1/customers", new
        {
            key = TestApi.Unique("cust"), name = "Sales Division", costCenter = "CC-4711", contactEmail = "sales-it@example.com", timeZone = "UTC",
        })).ExpectAsync(HttpStatusCode.Created);
        await _scenario.SubscribeAsync(customer.Id(), email.Id(), 250);
        return new World(storage.Id(), email.Id(), customer.Id(), await _scenario.ClientForAsync("customer", customer.Id()), await _scenario.ClientForAsync("it-lead"), Guid.Empty);
    }

    private static async Task<JsonObject> ProposeAsync(World world) =>
        await (await world.Customer.PostJsonAsync("/api/v1/proposals", new
        {
            serviceId = world.EmailId,
            title = "Mail for the field sales force",
            businessJustification = "Mail outages lose orders.",
            targets = new object[]
            {
                new { metric = "availability", value = 99.9m },
                new { metric = "time-to-restore", value = 60m, scope = "P1" },
                new { metric = "support-hours", value = "24x7" },
            },
            submit = true,
        })).ExpectAsync(HttpStatusCode.Created);

    private async Task<World> AgreeAsync()
    {
        var world = await StartAsync();
        var proposal = await ProposeAsync(world);
        var analysis = await (await world.ItLead.PostJsonAsync($"/api/v1/proposals/{proposal.Id()}/analyses", Analysis(Credits))).ExpectAsync(HttpStatusCode.Created);
        var accepted = await (await world.Customer.PostJsonAsync($"/api/v1/proposals/{proposal.Id()}/acceptance", new
        {
            analysisId = analysis.Id(), option = "proposed", monthlyCharge = MonthlyCharge, signedBy = new { name = "Dana Ruiz" },
        })).ExpectAsync(HttpStatusCode.Created);
        return world with { AgreementId = Guid.Parse(accepted["agreementId"].Value<string>()!) };
    }

    private sealed record World(Guid StorageId, Guid EmailId, Guid CustomerId, HttpClient Customer, HttpClient ItLead, Guid AgreementId);
}
