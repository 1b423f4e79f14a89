using System.Globalization;
using System.Net;
using Catalog.Api.IntegrationTests.Infrastructure;

namespace Catalog.Api.IntegrationTests.Features.Proposals;

/// <summary>What an acceptance confirms and produces: the resulting monthly charge, the option's own lead time, the signatory, and when each version is in force.</summary>
public sealed class AcceptanceTermsTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private static DateTime Today => DateTime.UtcNow.Date;

    [SkippableFact]
    public async Task ReadAnalysis_Renegotiation_ShowsPerOptionTheIncreaseResultingChargeOneOffCostAndDate()
    {
        var n = await NegotiationScenario.StartAsync(factory);
        await n.AgreeAsync(monthlyCostDelta: 4_000m, leadTimeDays: 30);
        var proposal = await n.ProposeAsync(NegotiationScenario.Targets(99.995m, 10m), title: "Even more");
        var published = await n.AnalyseAsync(proposal.Id(), NegotiationScenario.Analysis(1_500m, NegotiationScenario.CounterOffer(2_500m, leadTimeDays: 45), leadTimeDays: 60));

        var response = await n.CustomerClient.GetAsync($"/api/v1/proposals/{proposal.Id()}/analyses/{published.Id()}");

        var analysis = await response.ExpectAsync(HttpStatusCode.OK);
        var proposed = NegotiationScenario.Option(analysis, "proposed");
        Assert.Equal(1_500m, proposed["monthlyCostDelta"].Value<decimal>());
        Assert.Equal(4_000m, proposed["currentMonthlyCharge"].Value<decimal>());
        Assert.Equal(5_500m, proposed["monthlyCharge"].Value<decimal>());
        Assert.Equal(20_000m, proposed["oneOffCost"].Value<decimal>());
        Assert.Equal(60, proposed["leadTimeDays"].Value<int>());
        Assert.Equal(Today.AddDays(60), proposed["effectiveFrom"].Value<DateTime>().ToUniversalTime());
        var counter = NegotiationScenario.Option(analysis, "counter-offer");
        Assert.Equal((2_500m, 6_500m, 8_000m, 45), (counter["monthlyCostDelta"].Value<decimal>(), counter["monthlyCharge"].Value<decimal>(), counter["oneOffCost"].Value<decimal>(), counter["leadTimeDays"].Value<int>()));
        Assert.Equal(Today.AddDays(45), counter["effectiveFrom"].Value<DateTime>().ToUniversalTime());
        Assert.Equal(published["options"]!.ToJsonString(), analysis["options"]!.ToJsonString());
    }

    [SkippableFact]
    public async Task Accept_RenegotiationConfirmingOnlyTheIncrease_Returns409NamingTheChargeAndHowItIsMadeUp()
    {
        var n = await NegotiationScenario.StartAsync(factory);
        await n.AgreeAsync(monthlyCostDelta: 4_000m);
        var proposal = await n.ProposeAsync(title: "More");
        var analysis = await n.AnalyseAsync(proposal.Id(), NegotiationScenario.Analysis(1_500m));

        var problem = await (await n.AcceptAsync(proposal.Id(), analysis.Id(), "proposed", 1_500m)).ExpectProblemAsync(HttpStatusCode.Conflict, "monthly-charge-mismatch");

        Assert.Equal(5_500m, problem["expectedMonthlyCharge"].Value<decimal>());
        Assert.Equal(4_000m, problem["currentMonthlyCharge"].Value<decimal>());
        Assert.Equal(1_500m, problem["monthlyCostDelta"].Value<decimal>());
        Assert.Contains("5500 EUR: the current 4000 EUR plus 1500 EUR", problem["detail"].Value<string>(), StringComparison.Ordinal);
        var version = await (await n.AcceptAsync(proposal.Id(), analysis.Id(), "proposed", 5_500m)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(5_500m, version["monthlyCharge"].Value<decimal>());
    }

    [SkippableFact]
    public async Task Accept_CounterOfferWithShorterLeadTimeThanTheVersionBefore_TakesEffectNoEarlierThanIt()
    {
        var n = await NegotiationScenario.StartAsync(factory);
        var v1 = await n.AgreeAsync(leadTimeDays: 90);
        var proposal = await n.ProposeAsync(title: "Sooner");
        var analysis = await n.AnalyseAsync(proposal.Id(), NegotiationScenario.Analysis(1_000m, NegotiationScenario.CounterOffer(500m, leadTimeDays: 7), leadTimeDays: 120));
        Assert.Equal(Today.AddDays(90), NegotiationScenario.Option(analysis, "counter-offer")["effectiveFrom"].Value<DateTime>().ToUniversalTime());

        var v2 = await (await n.AcceptAsync(proposal.Id(), analysis.Id(), "counter-offer", 4_500m)).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(Today.AddDays(90), v1["effectiveFrom"].Value<DateTime>().ToUniversalTime());
        Assert.Equal(v1["effectiveFrom"].Value<string>(), v2["effectiveFrom"].Value<string>());
        Assert.Equal(4_500m, v2["monthlyCharge"].Value<decimal>());
    }

    [SkippableFact]
    public async Task GetAgreement_At_NamesTheVersionInForceAtThatInstantOrNone()
    {
        var n = await NegotiationScenario.StartAsync(factory);
        var v1 = await n.AgreeAsync(leadTimeDays: 10);
        await n.AgreeAsync(NegotiationScenario.Targets(99.995m), 500m, leadTimeDays: 40);
        var path = $"/api/v1/agreements/{v1["agreementId"].Value<string>()}";

        async Task<int?> InForceAtAsync(string? at)
        {
            var response = await n.CustomerClient.GetAsync(at is null ? path : $"{path}?at={Uri.EscapeDataString(at)}");
            var agreement = await response.ExpectAsync(HttpStatusCode.OK);
            Assert.Equal(2, agreement["current"]!["number"].Value<int>());
            return agreement["inForce"] is { } version ? version["number"].Value<int>() : null;
        }

        string Day(int days, string time = "00:00:00") => Today.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + $"T{time}Z";

        Assert.Null(await InForceAtAsync(null));
        Assert.Null(await InForceAtAsync(Day(9, "23:59:59")));
        Assert.Equal(1, await InForceAtAsync(Day(10)));
        Assert.Equal(1, await InForceAtAsync(Day(39, "12:00:00")));
        Assert.Equal(2, await InForceAtAsync(Day(40)));
        Assert.Equal(2, await InForceAtAsync(Today.AddDays(40).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T02:00:00+02:00"));
        Assert.Equal(2, await InForceAtAsync(Day(4_000)));
        await (await n.CustomerClient.GetAsync($"{path}?at=next-week")).ExpectProblemAsync(HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task GetAgreement_IfNoneMatch_Returns304WhileTheVersionInForceIsTheSame()
    {
        var n = await NegotiationScenario.StartAsync(factory);
        var v1 = await n.AgreeAsync(leadTimeDays: 0);
        var path = $"/api/v1/agreements/{v1["agreementId"].Value<string>()}";
        var first = await n.CustomerClient.GetAsync(path);
        await first.ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.NotModified, (await n.CustomerClient.GetAsync(path, first.ETag())).StatusCode);
        var past = await n.CustomerClient.GetAsync($"{path}?at=2020-01-01T00:00:00Z", first.ETag());
        var before = await past.ExpectAsync(HttpStatusCode.OK);
        Assert.Null(before["inForce"]);
        Assert.NotEqual(first.ETag(), past.ETag());
    }

    [SkippableFact]
    public async Task Accept_SignedBy_IsKeptOnTheVersionApartFromTheKey()
    {
        var n = await NegotiationScenario.StartAsync(factory);
        var proposal = await n.ProposeAsync();
        var analysis = await n.AnalyseAsync(proposal.Id());

        var version = await (await n.CustomerClient.PostJsonAsync($"/api/v1/proposals/{proposal.Id()}/acceptance", new
        {
            analysisId = analysis.Id(),
            option = "proposed",
            monthlyCharge = 4_000m,
            signedBy = new { name = "  Lee Chen  " },
        })).ExpectAsync(HttpStatusCode.Created);

        var provenance = version["provenance"]!.AsObject();
        Assert.Equal("Lee Chen", provenance["signedBy"]!["name"].Value<string>());
        Assert.Null(provenance["signedBy"]!["title"]);
        Assert.Equal("customer", provenance["acceptedBy"]!["role"].Value<string>());
        Assert.NotEqual("Lee Chen", provenance["acceptedBy"]!["name"].Value<string>());
    }
}
