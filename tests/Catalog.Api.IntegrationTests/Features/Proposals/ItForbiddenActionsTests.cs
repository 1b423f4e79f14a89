using Catalog.Api.IntegrationTests.Infrastructure.Contract;
using System.Net;
using System.Text.Json.Nodes;
using Catalog.Api.IntegrationTests.Infrastructure;

namespace Catalog.Api.IntegrationTests.Features.Proposals;

/// <summary>
/// The customer sets the targets and decides; IT only answers. Nobody else submits, revises, accepts or
/// withdraws (403), IT cannot end an agreement, nobody but IT analyses, there is no route that writes agreement
/// targets (405) and there is no way to reject a proposal (404). Every refusal leaves the data as it was, and the
/// rightful caller can still make the same move afterwards.
/// </summary>
public sealed class ItForbiddenActionsTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    public static TheoryData<string, string> DecisionsByOthers()
    {
        var data = new TheoryData<string, string>();
        foreach (var role in new[] { "it-lead", "integrator", "admin" })
        {
            foreach (var action in new[] { "submission", "revisions", "acceptance", "withdrawal" })
            {
                data.Add(role, action);
            }
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(DecisionsByOthers))]
    public async Task Decide_NotTheCustomer_Returns403AndLeavesTheProposalAsItWas(string role, string action)
    {
        var negotiation = await NegotiationScenario.StartAsync(factory);
        var client = await ClientForAsync(negotiation, role);
        var (proposal, body) = await ReadyForAsync(negotiation, action);
        var path = $"/api/v1/proposals/{proposal}/{action}";
        var before = await SnapshotAsync(negotiation, proposal);

        var response = await client.SendJsonAsync(HttpMethod.Post, path, body);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Contains($"'{role}'", problem["detail"].Value<string>(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("ETag"));
        Assert.Null(response.Headers.Location);
        Assert.Equal(before, await SnapshotAsync(negotiation, proposal));

        // The very same request is the customer's to make.
        var customers = await negotiation.CustomerClient.SendJsonAsync(HttpMethod.Post, path, body);
        await customers.ExpectAsync(action == "acceptance" ? HttpStatusCode.Created : HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task AcceptProposal_Admin_Returns403AndCreatesNoAgreement()
    {
        var negotiation = await NegotiationScenario.StartAsync(factory);
        var proposal = await negotiation.ProposeAsync();
        var analysis = await negotiation.AnalyseAsync(proposal.Id(), NegotiationScenario.Analysis(counterOffer: NegotiationScenario.CounterOffer()));

        var proposed = await negotiation.AcceptAsync(proposal.Id(), analysis.Id(), "proposed", 4_000m, negotiation.Admin);
        var counterOffer = await negotiation.AcceptAsync(proposal.Id(), analysis.Id(), "counter-offer", 2_500m, negotiation.Admin);

        await proposed.ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await counterOffer.ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        var read = await (await negotiation.Admin.GetAsync($"/api/v1/proposals/{proposal.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("analysed", read["status"].Value<string>());
        Assert.Null(read["acceptedAnalysisId"]);
        var agreements = await (await negotiation.Admin.GetAsync($"/api/v1/agreements?customerId={negotiation.Customer.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(agreements["items"]!.AsArray());
    }

    [SkippableTheory]
    [InlineData("it-lead")]
    [InlineData("integrator")]
    public async Task TerminateAgreement_ItLeadOrIntegrator_Returns403AndTheAgreementStaysActive(string role)
    {
        var negotiation = await NegotiationScenario.StartAsync(factory);
        var client = await ClientForAsync(negotiation, role);
        var version = await negotiation.AgreeAsync();
        var path = $"/api/v1/agreements/{version["agreementId"].Value<string>()}";
        var before = await (await negotiation.Admin.GetAsync(path)).ExpectAsync(HttpStatusCode.OK);

        var response = await client.PostJsonAsync($"{path}/termination", new { reason = "IT would rather not." });

        var problem = await response.ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Contains($"'{role}'", problem["detail"].Value<string>(), StringComparison.Ordinal);
        var after = await (await negotiation.Admin.GetAsync(path)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(before.ToJsonString(), after.ToJsonString());
        Assert.Equal("active", after["status"].Value<string>());
        await (await negotiation.CustomerClient.PostJsonAsync($"{path}/termination", new { reason = "IT would rather not." })).ExpectAsync(HttpStatusCode.OK);
    }

    [SkippableTheory]
    [InlineData("integrator")]
    [InlineData("customer")]
    public async Task PublishAnalysis_IntegratorOrCustomer_Returns403AndNothingIsAnalysed(string role)
    {
        var negotiation = await NegotiationScenario.StartAsync(factory);
        var client = role == "customer" ? negotiation.CustomerClient : await ClientForAsync(negotiation, role);
        var proposal = (await negotiation.ProposeAsync()).Id();
        var before = await SnapshotAsync(negotiation, proposal);

        var response = await client.PostJsonAsync($"/api/v1/proposals/{proposal}/analyses", NegotiationScenario.Analysis(monthlyCostDelta: 0m));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Contains($"'{role}'", problem["detail"].Value<string>(), StringComparison.Ordinal);
        Assert.Null(response.Headers.Location);
        Assert.Equal(before, await SnapshotAsync(negotiation, proposal));
        var read = await (await negotiation.Admin.GetAsync($"/api/v1/proposals/{proposal}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("submitted", read["status"].Value<string>());
        Assert.Null(read["currentAnalysisId"]);
        await (await negotiation.ItLead.PostJsonAsync($"/api/v1/proposals/{proposal}/analyses", NegotiationScenario.Analysis(monthlyCostDelta: 0m)))
            .ExpectAsync(HttpStatusCode.Created);
    }

    [SkippableTheory]
    [InlineData("it-lead")]
    [InlineData("integrator")]
    public async Task CreateProposal_ItLeadOrIntegrator_Returns403AndCreatesNothing(string role)
    {
        var negotiation = await NegotiationScenario.StartAsync(factory);
        var client = await ClientForAsync(negotiation, role);

        var response = await client.PostJsonAsync("/api/v1/proposals", new
        {
            serviceId = negotiation.Service.Id(),
            customerId = negotiation.Customer.Id(),
            title = "IT's idea of the targets",
            businessJustification = "IT knows best.",
            targets = NegotiationScenario.Targets(99m, 240m),
            submit = true,
        });

        var problem = await response.ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Contains($"'{role}'", problem["detail"].Value<string>(), StringComparison.Ordinal);
        Assert.Null(response.Headers.Location);
        var proposals = await (await negotiation.Admin.GetAsync($"/api/v1/proposals?customerId={negotiation.Customer.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(proposals["items"]!.AsArray());
    }

    public static TheoryData<string, string, string> TargetWrites()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var role in new[] { "admin", "customer", "it-lead" })
        {
            foreach (var method in new[] { "POST", "PUT", "PATCH", "DELETE" })
            {
                foreach (var path in new[] { "/api/v1/agreements", "/api/v1/agreements/{id}", "/api/v1/agreements/{id}/versions", "/api/v1/agreements/{id}/versions/{n}" })
                {
                    data.Add(role, method, path);
                }
            }
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(TargetWrites))]
    public async Task WriteAgreementTargets_AnyRoleAnyVerb_Returns405AndTheTargetsStayAsAgreed(string role, string method, string template)
    {
        var negotiation = await NegotiationScenario.StartAsync(factory);
        var client = role switch
        {
            "admin" => negotiation.Admin,
            "customer" => negotiation.CustomerClient,
            _ => negotiation.ItLead,
        };
        var version = await negotiation.AgreeAsync();
        var agreement = version["agreementId"].Value<string>();
        var path = template.Replace("{id}", agreement, StringComparison.Ordinal).Replace("{n}", "1", StringComparison.Ordinal);
        var before = await AgreementSnapshotAsync(negotiation, agreement);
        var body = new
        {
            serviceId = negotiation.Service.Id(),
            customerId = negotiation.Customer.Id(),
            targets = NegotiationScenario.Targets(90m, 1_440m),
            monthlyCharge = 0m,
            status = "active",
        };

        var response = await client.SendJsonAsync(new HttpMethod(method), path, body);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.MethodNotAllowed, "method-not-allowed");
        Assert.Contains(method, problem["detail"].Value<string>(), StringComparison.Ordinal);
        Assert.Equal(["GET"], response.Content.Headers.Allow);
        Assert.Equal(before, await AgreementSnapshotAsync(negotiation, agreement));
        var current = await (await negotiation.Admin.GetAsync($"/api/v1/agreements/{agreement}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, current["versionCount"].Value<int>());
        Assert.Equal(
            ["availability=99.99", "time-to-restore/P1=15"],
            current["current"]!["targets"]!.AsArray().Select(t => $"{t!["metric"].Value<string>()}{(t["scope"] is null ? string.Empty : "/" + t["scope"].Value<string>())}={t["value"]!.ToJsonString()}"));
    }

    [SkippableTheory]
    [InlineData("it-lead", "POST", "/rejection")]
    [InlineData("admin", "POST", "/rejection")]
    [InlineData("it-lead", "POST", "/rejections")]
    [InlineData("it-lead", "POST", "/decline")]
    public async Task RejectProposal_NoSuchRoute_Returns404AndTheProposalStaysOpen(string role, string method, string suffix)
    {
        var negotiation = await NegotiationScenario.StartAsync(factory);
        var client = await ClientForAsync(negotiation, role);
        var proposal = (await negotiation.ProposeAsync()).Id();
        var before = await SnapshotAsync(negotiation, proposal);

        HttpResponseMessage response;
        using (ContractValidation.ExpectInvalidRequest())
        {
            response = await client.SendJsonAsync(new HttpMethod(method), $"/api/v1/proposals/{proposal}{suffix}", new { reason = "Too expensive for IT." });
        }

        var problem = await response.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.Equal($"/api/v1/proposals/{proposal}{suffix}", problem["instance"].Value<string>());
        Assert.Equal(before, await SnapshotAsync(negotiation, proposal));
        var read = await (await client.GetAsync($"/api/v1/proposals/{proposal}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("submitted", read["status"].Value<string>());
        Assert.Equal(["revise", "analyse", "withdraw"], read["allowedActions"]!.AsArray().Select(a => a.Value<string>()));
    }

    [SkippableTheory]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public async Task ChangeProposalStatus_ItLeadEditingTheProposal_Returns405AndTheProposalStaysOpen(string method)
    {
        var negotiation = await NegotiationScenario.StartAsync(factory);
        var proposal = (await negotiation.ProposeAsync()).Id();
        var before = await SnapshotAsync(negotiation, proposal);

        var response = await negotiation.ItLead.SendJsonAsync(new HttpMethod(method), $"/api/v1/proposals/{proposal}", new { status = "withdrawn", targets = NegotiationScenario.Targets(90m, 1_440m) });

        await response.ExpectProblemAsync(HttpStatusCode.MethodNotAllowed, "method-not-allowed");
        Assert.Equal(before, await SnapshotAsync(negotiation, proposal));
    }

    private static async Task<HttpClient> ClientForAsync(NegotiationScenario negotiation, string role) => role switch
    {
        "admin" => negotiation.Admin,
        "it-lead" => negotiation.ItLead,
        _ => await negotiation.Catalog.ClientForAsync(role),
    };

    /// <summary>A proposal in the state where the customer could make the move, and the body the customer would send.</summary>
    private static async Task<(Guid Proposal, object? Body)> ReadyForAsync(NegotiationScenario negotiation, string action)
    {
        if (action == "submission")
        {
            return ((await negotiation.ProposeAsync(submit: false)).Id(), null);
        }

        var proposal = (await negotiation.ProposeAsync()).Id();
        var analysis = await negotiation.AnalyseAsync(proposal);
        object body = action switch
        {
            "revisions" => new { targets = NegotiationScenario.Targets(99.5m, 60m), note = "Cheaper, please." },
            "acceptance" => new { analysisId = analysis.Id(), option = "proposed", monthlyCharge = 4_000m, signedBy = NegotiationScenario.Signer },
            _ => new { reason = "Not needed any more." },
        };
        return (proposal, body);
    }
    /// <summary>The proposal, its analyses and timeline, and the customer's agreements, as an admin reads them.</summary>
    private static async Task<string> SnapshotAsync(NegotiationScenario negotiation, Guid proposal) =>
        await ReadAllAsync(
            negotiation.Admin,
            $"/api/v1/proposals/{proposal}",
            $"/api/v1/proposals/{proposal}/analyses",
            $"/api/v1/proposals/{proposal}/timeline",
            $"/api/v1/agreements?customerId={negotiation.Customer.Id()}");

    private static async Task<string> AgreementSnapshotAsync(NegotiationScenario negotiation, string agreement) =>
        await ReadAllAsync(
            negotiation.Admin,
            $"/api/v1/agreements/{agreement}",
            $"/api/v1/agreements/{agreement}/versions",
            $"/api/v1/agreements/{agreement}/versions/1",
            $"/api/v1/agreements?customerId={negotiation.Customer.Id()}");

    private static async Task<string> ReadAllAsync(HttpClient client, params string[] paths)
    {
        var parts = new List<string>();
        foreach (var path in paths)
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            parts.Add($"{path} {response.Headers.ETag} {JsonNode.Parse(await response.Content.ReadAsStringAsync())!.ToJsonString()}");
        }

        return string.Join('\n', parts);
    }
}
