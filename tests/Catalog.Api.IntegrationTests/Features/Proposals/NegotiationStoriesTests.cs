using System.Net;
using Catalog.Api.IntegrationTests.Infrastructure;

namespace Catalog.Api.IntegrationTests.Features.Proposals;

/// <summary>The three ways a negotiation ends, walked end to end through HTTP, plus the races around acceptance.</summary>
public sealed class NegotiationStoriesTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    [SkippableFact]
    public async Task AcceptCounterOffer_ThenRenegotiate_CreatesVersionOneThenTwoWithProvenance()
    {
        var n = await NegotiationScenario.StartAsync(factory);

        // The trading desk asks for 99.99% and 15-minute restores; IT cannot deliver that, and counter-offers.
        var proposal = await n.ProposeAsync(submit: false);
        Assert.Equal("draft", proposal["status"].Value<string>());
        Assert.Equal(["submit", "revise", "withdraw"], proposal["allowedActions"]!.AsArray().Select(a => a.Value<string>()));
        var submitted = await (await n.CustomerClient.PostAsync($"/api/v1/proposals/{proposal.Id()}/submission", null)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("submitted", submitted["status"].Value<string>());

        var analysisResponse = await n.ItLead.PostJsonAsync(
            $"/api/v1/proposals/{proposal.Id()}/analyses",
            NegotiationScenario.Analysis(monthlyCostDelta: 14_000m, counterOffer: NegotiationScenario.CounterOffer(monthlyCostDelta: 8_500m)));
        var analysis = await analysisResponse.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/proposals/{proposal.Id()}/analyses/{analysis.Id()}", analysisResponse.Headers.Location?.OriginalString);
        Assert.True(analysis["current"].Value<bool>());
        Assert.Equal("needs-investment", analysis["feasibility"].Value<string>());
        Assert.Equal(8_500m, analysis["counterOffer"]!["monthlyCostDelta"].Value<decimal>());

        var read = await (await n.CustomerClient.GetAsync($"/api/v1/proposals/{proposal.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("analysed", read["status"].Value<string>());
        Assert.Equal(analysis.Id().ToString(), read["currentAnalysisId"].Value<string>());

        var accepted = await n.AcceptAsync(proposal.Id(), analysis.Id(), "counter-offer", 8_500m);
        var today = DateTime.UtcNow.Date;
        var v1 = await accepted.ExpectAsync(HttpStatusCode.Created);

        // The counter-offer takes effect after its own lead time (10 days), not the proposed option's (30).
        Assert.Equal(today.AddDays(10), v1["effectiveFrom"].Value<DateTime>().ToUniversalTime());
        Assert.Equal(8_000m, v1["oneOffCost"].Value<decimal>());
        Assert.Equal("Achievable with a hot standby.", v1["note"].Value<string>());
        Assert.Equal("Dana Ruiz", v1["provenance"]!["signedBy"]!["name"].Value<string>());
        var agreementId = Guid.Parse(v1["agreementId"].Value<string>());
        Assert.Equal($"/api/v1/agreements/{agreementId}/versions/1", accepted.Headers.Location?.OriginalString);
        Assert.Equal(1, v1["number"].Value<int>());
        Assert.Equal(8_500m, v1["monthlyCharge"].Value<decimal>());
        Assert.Equal(99.95m, v1["targets"]![0]!["value"].Value<decimal>());
        Assert.Equal(30m, v1["targets"]![1]!["value"].Value<decimal>());
        Assert.Equal("P1", v1["targets"]![1]!["scope"].Value<string>());
        var provenance = v1["provenance"]!.AsObject();
        Assert.Equal(proposal.Id().ToString(), provenance["proposalId"].Value<string>());
        Assert.Equal(analysis.Id().ToString(), provenance["analysisId"].Value<string>());
        Assert.Equal("counter-offer", provenance["option"].Value<string>());
        Assert.Equal(1, provenance["round"].Value<int>());
        Assert.Equal("customer", provenance["acceptedBy"]!["role"].Value<string>());
        var agreedProposal = await (await n.CustomerClient.GetAsync($"/api/v1/proposals/{proposal.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("agreed", agreedProposal["status"].Value<string>());
        Assert.Empty(agreedProposal["allowedActions"]!.AsArray());

        // Renegotiation: faster restores and round-the-clock support, priced against what is agreed.
        var second = await n.ProposeAsync(
            [
                new { metric = "availability", value = 99.95m },
                new { metric = "time-to-restore", value = 15m, scope = "P1" },
                new { metric = "support-hours", value = "24x7" },
            ],
            title: "Faster recovery");
        var secondAnalysis = await n.AnalyseAsync(second.Id(), NegotiationScenario.Analysis(monthlyCostDelta: 2_500m));
        var v2 = await (await n.AcceptAsync(second.Id(), secondAnalysis.Id(), "proposed", 11_000m)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(2, v2["number"].Value<int>());
        Assert.Equal(today.AddDays(30), v2["effectiveFrom"].Value<DateTime>().ToUniversalTime());
        Assert.Equal(agreementId.ToString(), v2["agreementId"].Value<string>());
        Assert.Equal(11_000m, v2["monthlyCharge"].Value<decimal>());

        var agreement = await (await n.CustomerClient.GetAsync($"/api/v1/agreements/{agreementId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("active", agreement["status"].Value<string>());
        Assert.Equal(2, agreement["versionCount"].Value<int>());
        Assert.Equal(2, agreement["current"]!["number"].Value<int>());
        var history = await (await n.CustomerClient.GetAsync($"/api/v1/agreements/{agreementId}/versions")).ExpectItemsAsync(HttpStatusCode.OK);
        Assert.Equal([1, 2], history.Select(v => v!["number"].Value<int>()));
        Assert.Equal(8_500m, history[0]!["monthlyCharge"].Value<decimal>());

        // The version is immutable and cacheable for good.
        var version1 = await n.CustomerClient.GetAsync($"/api/v1/agreements/{agreementId}/versions/1");
        Assert.Equal(HttpStatusCode.NotModified, (await n.CustomerClient.GetAsync($"/api/v1/agreements/{agreementId}/versions/1", version1.ETag())).StatusCode);

        // Charges and impact now know the agreement; the month after version 2 takes effect bears its whole charge.
        var month = today.AddDays(30).AddMonths(1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var charges = await (await n.CustomerClient.GetAsync($"/api/v1/customers/{n.Customer.Id()}/charges?month={month}")).ExpectAsync(HttpStatusCode.OK);
        var agreementCharge = Assert.Single(charges["agreements"]!.AsArray())!;
        Assert.Equal(11_000m, agreementCharge["monthlyCharge"].Value<decimal>());
        Assert.Equal(2, agreementCharge["version"].Value<int>());
        Assert.Equal((60 * 950m) + 11_000m, charges["totals"]![0]!["monthlyTotal"].Value<decimal>());
        var impact = await (await n.ItLead.GetAsync($"/api/v1/services/{n.Service.Id()}/impact")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(agreementId.ToString(), impact["service"]!["agreements"]![0]!["id"].Value<string>());
        Assert.EndsWith("; 1 agreement covers them.", impact["summary"].Value<string>(), StringComparison.Ordinal);

        // The timeline tells the first negotiation in order.
        var timeline = await (await n.CustomerClient.GetAsync($"/api/v1/proposals/{proposal.Id()}/timeline")).ExpectAsync(HttpStatusCode.OK);
        var entries = timeline["entries"]!.AsArray();
        Assert.Equal(["created", "submitted", "analysed", "accepted"], entries.Select(e => e!["type"].Value<string>()));
        Assert.Equal([1, 2, 3, 4], entries.Select(e => e!["sequence"].Value<int>()));
        Assert.Equal("it-lead", entries[2]!["actor"]!["role"].Value<string>());
        Assert.Equal(analysis.Id().ToString(), entries[3]!["analysisId"].Value<string>());
        Assert.Equal("counter-offer", entries[3]!["note"].Value<string>());
        var times = entries.Select(e => DateTime.Parse(e!["occurredAt"].Value<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.Order(), times);
    }

    [SkippableFact]
    public async Task Revise_AfterAnalysis_OpensNewRoundAndRetiresTheOldAnalysis()
    {
        var n = await NegotiationScenario.StartAsync(factory);
        var proposal = await n.ProposeAsync();
        var first = await n.AnalyseAsync(proposal.Id());

        var revised = await (await n.CustomerClient.PostJsonAsync($"/api/v1/proposals/{proposal.Id()}/revisions", new
        {
            targets = NegotiationScenario.Targets(99.9m, 60m),
            note = "We can live with an hour.",
        })).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("submitted", revised["status"].Value<string>());
        Assert.Equal(2, revised["currentRound"].Value<int>());
        Assert.Equal(2, revised["rounds"]!.AsArray().Count);
        Assert.Equal(99.99m, revised["rounds"]![0]!["targets"]![0]!["value"].Value<decimal>());
        Assert.Equal(99.9m, revised["targets"]![0]!["value"].Value<decimal>());
        Assert.Equal("We can live with an hour.", revised["rounds"]![1]!["note"].Value<string>());
        Assert.Null(revised["currentAnalysisId"]);
        var old = await (await n.CustomerClient.GetAsync($"/api/v1/proposals/{proposal.Id()}/analyses/{first.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.False(old["current"].Value<bool>());

        // The old round's analysis cannot be accepted, neither before the new round is analysed nor after.
        await (await n.AcceptAsync(proposal.Id(), first.Id(), "proposed", 4_000m)).ExpectProblemAsync(HttpStatusCode.Conflict, "proposal-action-not-allowed");
        var second = await n.AnalyseAsync(proposal.Id(), NegotiationScenario.Analysis(monthlyCostDelta: 1_200m));
        Assert.Equal(2, second["round"].Value<int>());
        var stale = await (await n.AcceptAsync(proposal.Id(), first.Id(), "proposed", 4_000m)).ExpectProblemAsync(HttpStatusCode.Conflict, "analysis-not-current");
        Assert.Equal(second.Id().ToString(), stale["currentAnalysisId"].Value<string>());

        var version = await (await n.AcceptAsync(proposal.Id(), second.Id(), "proposed", 1_200m)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(99.9m, version["targets"]![0]!["value"].Value<decimal>());
        Assert.Equal(2, version["provenance"]!["round"].Value<int>());

        var analyses = await (await n.CustomerClient.GetAsync($"/api/v1/proposals/{proposal.Id()}/analyses")).ExpectItemsAsync(HttpStatusCode.OK);
        Assert.Equal([first.Id().ToString(), second.Id().ToString()], analyses.Select(a => a!["id"].Value<string>()));
    }

    [SkippableFact]
    public async Task Withdraw_AfterCostlyAnalysis_ClosesWithoutAgreement()
    {
        var n = await NegotiationScenario.StartAsync(factory, serviceName: "Production Sales Reporting");
        var ordering = await n.Catalog.CreateLiveServiceAsync(Scenario.ServiceBody(name: "Online Ordering"));
        var proposal = await n.ProposeAsync([new { metric = "availability", value = 99.5m }, new { metric = "recovery-time", value = 120m }], title: "Heavy daily production reports");
        await n.AnalyseAsync(proposal.Id(), new
        {
            oneOffCost = 48_000m,
            monthlyCostDelta = 3_400m,
            currency = "EUR",
            labourDays = 60m,
            leadTimeDays = 90,
            feasibility = "needs-investment",
            consequences = new[] { new { serviceId = (Guid?)ordering.Id(), description = "Online Ordering slows by about 30% during report runs.", severity = "high" } },
            tradeOffs = new[] { "Reports ready at 09:00 instead of 07:00." },
        });

        var withdrawn = await (await n.CustomerClient.PostJsonAsync($"/api/v1/proposals/{proposal.Id()}/withdrawal", new { reason = "Too costly, and it slows online ordering." }))
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("withdrawn", withdrawn["status"].Value<string>());
        Assert.Equal("Too costly, and it slows online ordering.", withdrawn["withdrawalReason"].Value<string>());
        var agreements = await (await n.Admin.GetAsync($"/api/v1/agreements?customerId={n.Customer.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(agreements["items"]!.AsArray());
        var analyses = await (await n.CustomerClient.GetAsync($"/api/v1/proposals/{proposal.Id()}/analyses")).ExpectItemsAsync(HttpStatusCode.OK);
        Assert.Equal(ordering.Id().ToString(), analyses[0]!["consequences"]![0]!["serviceId"].Value<string>());
        Assert.Equal("high", analyses[0]!["consequences"]![0]!["severity"].Value<string>());

        var problem = await (await n.CustomerClient.PostJsonAsync($"/api/v1/proposals/{proposal.Id()}/revisions", new { targets = NegotiationScenario.Targets() }))
            .ExpectProblemAsync(HttpStatusCode.Conflict, "proposal-action-not-allowed");
        Assert.Equal("withdrawn", problem["currentStatus"].Value<string>());
        Assert.Empty(problem["allowedActions"]!.AsArray());
        Assert.Contains("withdrawn", problem["detail"].Value<string>(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> IllegalMoves => new()
    {
        { "draft", "analyses" },
        { "draft", "acceptance" },
        { "submitted", "submission" },
        { "submitted", "acceptance" },
        { "analysed", "submission" },
        { "agreed", "analyses" },
        { "agreed", "revisions" },
        { "agreed", "withdrawal" },
        { "agreed", "acceptance" },
        { "withdrawn", "submission" },
        { "withdrawn", "analyses" },
    };

    [SkippableTheory]
    [MemberData(nameof(IllegalMoves))]
    public async Task Action_NotInTheStateMachine_Returns409NamingStateAndAllowedActions(string state, string action)
    {
        var n = await NegotiationScenario.StartAsync(factory);
        var proposal = await n.ProposeAsync(submit: state != "draft");
        var analysisId = Guid.CreateVersion7();
        if (state is "analysed" or "agreed")
        {
            analysisId = (await n.AnalyseAsync(proposal.Id())).Id();
        }

        if (state == "agreed")
        {
            await (await n.AcceptAsync(proposal.Id(), analysisId, "proposed", 4_000m)).ExpectAsync(HttpStatusCode.Created);
        }
        else if (state == "withdrawn")
        {
            await (await n.CustomerClient.PostJsonAsync($"/api/v1/proposals/{proposal.Id()}/withdrawal", new { reason = "No longer needed." })).ExpectAsync(HttpStatusCode.OK);
        }

        var client = action == "analyses" ? n.ItLead : n.CustomerClient;
        object body = action switch
        {
            "analyses" => NegotiationScenario.Analysis(),
            "acceptance" => new { analysisId, option = "proposed", monthlyCharge = 4_000m, signedBy = NegotiationScenario.Signer },
            "revisions" => new { targets = NegotiationScenario.Targets() },
            "withdrawal" => new { reason = "Changed our minds." },
            _ => new { },
        };

        var problem = await (await client.PostJsonAsync($"/api/v1/proposals/{proposal.Id()}/{action}", body)).ExpectProblemAsync(HttpStatusCode.Conflict, "proposal-action-not-allowed");

        Assert.Equal(state, problem["currentStatus"].Value<string>());
        var expectedAllowed = state switch
        {
            "draft" => new[] { "submit", "revise", "withdraw" },
            "submitted" => ["revise", "analyse", "withdraw"],
            "analysed" => ["revise", "analyse", "accept", "withdraw"],
            _ => [],
        };
        Assert.Equal(expectedAllowed.Order(StringComparer.Ordinal), problem["allowedActions"]!.AsArray().Select(a => a.Value<string>()).Order(StringComparer.Ordinal));
        var after = await (await n.CustomerClient.GetAsync($"/api/v1/proposals/{proposal.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(state, after["status"].Value<string>());
    }

    [SkippableFact]
    public async Task Accept_SupersededAnalysis_Returns409AndTheNewerCanBeAccepted()
    {
        var n = await NegotiationScenario.StartAsync(factory);
        var proposal = await n.ProposeAsync();
        var older = await n.AnalyseAsync(proposal.Id(), NegotiationScenario.Analysis(monthlyCostDelta: 4_000m));
        var newer = await n.AnalyseAsync(proposal.Id(), NegotiationScenario.Analysis(monthlyCostDelta: 4_600m));

        var problem = await (await n.AcceptAsync(proposal.Id(), older.Id(), "proposed", 4_000m)).ExpectProblemAsync(HttpStatusCode.Conflict, "analysis-not-current");

        Assert.Equal(newer.Id().ToString(), problem["currentAnalysisId"].Value<string>());
        var olderNow = await (await n.ItLead.GetAsync($"/api/v1/proposals/{proposal.Id()}/analyses/{older.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(newer.Id().ToString(), olderNow["supersededBy"].Value<string>());
        Assert.Equal(4_000m, olderNow["monthlyCostDelta"].Value<decimal>());
        await (await n.AcceptAsync(proposal.Id(), newer.Id(), "proposed", 4_600m)).ExpectAsync(HttpStatusCode.Created);
    }

    [SkippableTheory]
    [InlineData("proposed", 3_999.99)]
    [InlineData("proposed", 2_500)]
    [InlineData("counter-offer", 4_000)]
    public async Task Accept_AnotherMonthlyCharge_Returns409WithTheChargeAndHowItIsMadeUp(string option, decimal monthlyCharge)
    {
        var n = await NegotiationScenario.StartAsync(factory);
        var proposal = await n.ProposeAsync();
        var analysis = await n.AnalyseAsync(proposal.Id(), NegotiationScenario.Analysis(4_000m, NegotiationScenario.CounterOffer(2_500m)));

        var problem = await (await n.AcceptAsync(proposal.Id(), analysis.Id(), option, monthlyCharge)).ExpectProblemAsync(HttpStatusCode.Conflict, "monthly-charge-mismatch");

        var expected = option == "proposed" ? 4_000m : 2_500m;
        Assert.Equal(expected, problem["expectedMonthlyCharge"].Value<decimal>());
        Assert.Equal(0m, problem["currentMonthlyCharge"].Value<decimal>());
        Assert.Equal(expected, problem["monthlyCostDelta"].Value<decimal>());
        Assert.Equal("EUR", problem["currency"].Value<string>());
        var read = await (await n.CustomerClient.GetAsync($"/api/v1/proposals/{proposal.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("analysed", read["status"].Value<string>());
    }

    [SkippableFact]
    public async Task Accept_CounterOfferWhenNoneWasMade_Returns409()
    {
        var n = await NegotiationScenario.StartAsync(factory);
        var proposal = await n.ProposeAsync();
        var analysis = await n.AnalyseAsync(proposal.Id());

        await (await n.AcceptAsync(proposal.Id(), analysis.Id(), "counter-offer", 4_000m)).ExpectProblemAsync(HttpStatusCode.Conflict, "no-counter-offer");
    }

    [SkippableFact]
    public async Task Accept_ConcurrentlyWithTheSameAnalysis_ExactlyOneVersionIsCreated()
    {
        var n = await NegotiationScenario.StartAsync(factory);
        var proposal = await n.ProposeAsync();
        var analysis = await n.AnalyseAsync(proposal.Id());
        var key = await n.Catalog.IssueKeyAsync("customer", n.Customer.Id());

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => n.AcceptAsync(proposal.Id(), analysis.Id(), "proposed", 4_000m, factory.ClientWithKey(key))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await loser.ExpectProblemAsync(HttpStatusCode.Conflict);
        }

        var agreements = await (await n.Admin.GetAsync($"/api/v1/agreements?customerId={n.Customer.Id()}")).ExpectAsync(HttpStatusCode.OK);
        var agreement = Assert.Single(agreements["items"]!.AsArray())!;
        Assert.Equal(1, agreement["versionCount"].Value<int>());
    }

    [SkippableFact]
    public async Task GetProposal_IfNoneMatch_Returns304UntilTheNextMove()
    {
        var n = await NegotiationScenario.StartAsync(factory);
        var proposal = await n.ProposeAsync();
        var first = await n.CustomerClient.GetAsync($"/api/v1/proposals/{proposal.Id()}");

        Assert.Equal(HttpStatusCode.NotModified, (await n.CustomerClient.GetAsync($"/api/v1/proposals/{proposal.Id()}", first.ETag())).StatusCode);
        await n.AnalyseAsync(proposal.Id());
        var changed = await n.CustomerClient.GetAsync($"/api/v1/proposals/{proposal.Id()}", first.ETag());
        await changed.ExpectAsync(HttpStatusCode.OK);
        Assert.NotEqual(first.ETag(), changed.ETag());
    }

    [SkippableFact]
    public async Task ListProposals_StatusFilter_ReturnsOnlyThatStatus()
    {
        var n = await NegotiationScenario.StartAsync(factory);
        var draft = await n.ProposeAsync(submit: false);
        var submitted = await n.ProposeAsync(title: "Another");

        var drafts = await (await n.CustomerClient.GetAsync("/api/v1/proposals?status=draft")).ExpectAsync(HttpStatusCode.OK);
        var all = await (await n.CustomerClient.GetAsync($"/api/v1/proposals?serviceId={n.Service.Id()}")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal([draft.Id()], drafts["items"]!.AsArray().Select(p => p!.AsObject().Id()));
        Assert.Equal(new HashSet<Guid> { draft.Id(), submitted.Id() }, all["items"]!.AsArray().Select(p => p!.AsObject().Id()).ToHashSet());
        await (await n.CustomerClient.GetAsync("/api/v1/proposals?status=rejected")).ExpectValidationAsync("status");
    }
}
