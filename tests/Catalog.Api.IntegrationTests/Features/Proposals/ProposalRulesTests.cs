using System.Net;
using Catalog.Api.IntegrationTests.Infrastructure;

namespace Catalog.Api.IntegrationTests.Features.Proposals;

public sealed class ProposalRulesTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    [SkippableFact]
    public async Task Submit_RetiredService_Returns409AndOnlyWithdrawalRemains()
    {
        var n = await NegotiationScenario.StartAsync(factory);
        var draft = await n.ProposeAsync(submit: false);
        var analysed = await n.ProposeAsync(title: "Analysed");
        var analysis = await n.AnalyseAsync(analysed.Id());
        await n.Catalog.MoveAsync(n.Service.Id(), "retired");

        await (await n.CustomerClient.PostAsync($"/api/v1/proposals/{draft.Id()}/submission", null)).ExpectProblemAsync(HttpStatusCode.Conflict, "service-not-live");
        await (await n.CustomerClient.PostJsonAsync($"/api/v1/proposals/{analysed.Id()}/revisions", new { targets = NegotiationScenario.Targets() }))
            .ExpectProblemAsync(HttpStatusCode.Conflict, "service-not-live");
        await (await n.AcceptAsync(analysed.Id(), analysis.Id(), "proposed", 4_000m)).ExpectProblemAsync(HttpStatusCode.Conflict, "service-not-live");
        await (await n.CustomerClient.PostJsonAsync($"/api/v1/proposals/{analysed.Id()}/withdrawal", new { reason = "Service retired." })).ExpectAsync(HttpStatusCode.OK);
        var agreements = await (await n.Admin.GetAsync($"/api/v1/agreements?customerId={n.Customer.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(agreements["items"]!.AsArray());
    }

    [SkippableFact]
    public async Task CreateProposal_AdminAsksToSubmit_Returns400BecauseOnlyTheCustomerSubmits()
    {
        var n = await NegotiationScenario.StartAsync(factory);

        var response = await n.Admin.PostJsonAsync("/api/v1/proposals", new
        {
            serviceId = n.Service.Id(),
            customerId = n.Customer.Id(),
            title = "On behalf",
            businessJustification = "Opened by the operator.",
            targets = NegotiationScenario.Targets(),
            submit = true,
        });

        await response.ExpectValidationAsync("submit");
    }

    [SkippableTheory]
    [InlineData("""{"serviceId":"SERVICE","title":"t","businessJustification":"b","targets":[null]}""", "targets[0]")]
    [InlineData("""{"serviceId":"SERVICE","title":"t","businessJustification":"b","targets":[{"metric":"availability","value":99.9},null]}""", "targets[1]")]
    public async Task CreateProposal_NullTarget_Returns400NotA500(string json, string field)
    {
        var n = await NegotiationScenario.StartAsync(factory);

        var response = await n.CustomerClient.PostAsync(
            "/api/v1/proposals", new StringContent(json.Replace("SERVICE", n.Service.Id().ToString(), StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json"));

        await response.ExpectValidationAsync(field);
    }

    [SkippableFact]
    public async Task PublishAnalysis_NullConsequence_Returns400NotA500()
    {
        var n = await NegotiationScenario.StartAsync(factory);
        var proposal = await n.ProposeAsync();
        var json = """{"oneOffCost":1,"monthlyCostDelta":1,"currency":"EUR","labourDays":1,"leadTimeDays":1,"feasibility":"feasible","consequences":[null]}""";

        var response = await n.ItLead.PostAsync($"/api/v1/proposals/{proposal.Id()}/analyses", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await response.ExpectValidationAsync("consequences[0]");
    }

    [SkippableFact]
    public async Task GetAgreementDocument_Html_NeverTurnsCustomerTextIntoLinks()
    {
        var n = await NegotiationScenario.StartAsync(factory);
        var proposal = await n.ProposeAsync(title: "[click](javascript:alert(1)) <https://evil.example>");
        var analysis = await n.AnalyseAsync(proposal.Id());
        var version = await (await n.AcceptAsync(proposal.Id(), analysis.Id(), "proposed", 4_000m)).ExpectAsync(HttpStatusCode.Created);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/agreements/{version["agreementId"].Value<string>()}/versions/1/document");
        request.Headers.TryAddWithoutValidation("Accept", "text/html");

        var response = await n.CustomerClient.SendAsync(request);

        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<a ", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href", html, StringComparison.OrdinalIgnoreCase);
        Assert.Matches("^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]{43}='$", response.Headers.GetValues("Content-Security-Policy").Single());
    }
}
