using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Catalog.Api.IntegrationTests.Infrastructure;

namespace Catalog.Api.IntegrationTests.Features.Proposals;

/// <summary>
/// Bad input to the negotiation answers 400 naming exactly the field at fault (as the JSON path the client sent),
/// unreadable bodies answer 400 malformed-request, never a 500, and a refused request changes nothing.
/// </summary>
public sealed class ProposalValidationTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static readonly int[] ExpandableLengths = [51, 65, 201, 2001, 4001];

    // --- POST /api/v1/proposals -------------------------------------------------------------------------------

    [SkippableFact]
    public async Task CreateProposal_EmptyObject_Returns400NamingEveryRequiredField()
    {
        var negotiation = await NegotiationScenario.StartAsync(factory);

        var response = await PostAsync(negotiation.CustomerClient, "/api/v1/proposals", "{}");

        await response.ExpectValidationAsync("serviceId", "title", "businessJustification", "targets");
        await AssertNoProposalsAsync(negotiation);
    }

    [SkippableTheory]
    [InlineData("serviceId")]
    [InlineData("title")]
    [InlineData("businessJustification")]
    [InlineData("targets")]
    public async Task CreateProposal_MissingField_Returns400NamingIt(string field)
    {
        var negotiation = await NegotiationScenario.StartAsync(factory);
        var body = ProposalBody(negotiation.Service.Id());
        body.Remove(field);

        var response = await PostAsync(negotiation.CustomerClient, "/api/v1/proposals", body.ToJsonString());

        var problem = await response.ExpectValidationAsync(field);
        Assert.False(string.IsNullOrEmpty(problem["errors"]![field]![0].Value<string>()));
        await AssertNoProposalsAsync(negotiation);
    }

    [SkippableTheory]
    [InlineData("serviceId", "null")]
    [InlineData("serviceId", "\"00000000-0000-0000-0000-000000000000\"")]
    [InlineData("title", "null")]
    [InlineData("title", "\"\"")]
    [InlineData("title", "\"   \"")]
    [InlineData("title", "\"{201}\"")]
    [InlineData("businessJustification", "\"\"")]
    [InlineData("businessJustification", "\"{4001}\"")]
    [InlineData("targets", "null")]
    public async Task CreateProposal_InvalidField_Returns400NamingIt(string field, string json)
    {
        var negotiation = await NegotiationScenario.StartAsync(factory);
        var body = ProposalBody(negotiation.Service.Id());
        body[field] = JsonNode.Parse(Expand(json));

        var response = await PostAsync(negotiation.CustomerClient, "/api/v1/proposals", body.ToJsonString());

        await response.ExpectValidationAsync(field);
        await AssertNoProposalsAsync(negotiation);
    }

    [SkippableTheory]
    [InlineData("""[]""", "targets")]
    [InlineData("""[{"value":99.9}]""", "targets[0].metric")]
    [InlineData("""[{"metric":"","value":99.9}]""", "targets[0].metric")]
    [InlineData("""[{"metric":null,"value":99.9}]""", "targets[0].metric")]
    [InlineData("""[{"metric":"availability"}]""", "targets[0].value")]
    [InlineData("""[{"metric":"availability","value":null}]""", "targets[0].value")]
    [InlineData("""[{"metric":"availability","value":99.9},{"metric":"time-to-restore","scope":"P1"}]""", "targets[1].value")]
    [InlineData("""[{"metric":"uptime","value":99.9}]""", "targets[0].metric")]
    [InlineData("""[{"metric":"availability","value":99.9},{"metric":"Availability","value":99.9}]""", "targets[1].metric")]
    [InlineData("""[{"metric":"support-hours","value":"always"}]""", "targets[0].value")]
    [InlineData("""[{"metric":"support-hours","value":24}]""", "targets[0].value")]
    [InlineData("""[{"metric":"availability","value":101}]""", "targets[0].value")]
    [InlineData("""[{"metric":"availability","value":-0.5}]""", "targets[0].value")]
    [InlineData("""[{"metric":"availability","value":"high"}]""", "targets[0].value")]
    [InlineData("""[{"metric":"time-to-restore","value":-1,"scope":"P1"}]""", "targets[0].value")]
    [InlineData("""[{"metric":"time-to-restore","value":15,"scope":"P1"},{"metric":"time-to-restore","value":30,"scope":"P1"}]""", "targets[1].scope")]
    [InlineData("""[{"metric":"availability","value":99.9},{"metric":"availability","value":99.5}]""", "targets[1].scope")]
    [InlineData("""[{"metric":"availability","value":99.9},{"metric":"availability","value":99.5,"scope":"  "}]""", "targets[1].scope")]
    [InlineData("""[{"metric":"availability","value":99.9,"scope":"{51}"}]""", "targets[0].scope")]
    [InlineData("""[{"metric":"{65}","value":99.9}]""", "targets[0].metric")]
    [InlineData("{21 targets}", "targets")]
    public async Task CreateProposal_InvalidTargets_Returns400NamingTheTargetField(string targets, string field)
    {
        var negotiation = await NegotiationScenario.StartAsync(factory);
        var body = ProposalBody(negotiation.Service.Id());
        body["targets"] = JsonNode.Parse(Expand(targets));

        var response = await PostAsync(negotiation.CustomerClient, "/api/v1/proposals", body.ToJsonString());

        var problem = await response.ExpectValidationAsync(field);
        Assert.False(string.IsNullOrEmpty(problem["errors"]![field]![0].Value<string>()));
        await AssertNoProposalsAsync(negotiation);
    }

    [SkippableFact]
    public async Task CreateProposal_UnknownService_Returns400NamingServiceId()
    {
        var negotiation = await NegotiationScenario.StartAsync(factory);
        var unknown = Guid.CreateVersion7();

        var response = await PostAsync(negotiation.CustomerClient, "/api/v1/proposals", ProposalBody(unknown).ToJsonString());

        var problem = await response.ExpectValidationAsync("serviceId");
        Assert.Contains(unknown.ToString(), problem["errors"]!["serviceId"]![0].Value<string>(), StringComparison.Ordinal);
        await AssertNoProposalsAsync(negotiation);
    }

    [SkippableTheory]
    [InlineData("pipeline")]
    [InlineData("retired")]
    public async Task CreateProposal_ServiceNotLive_Returns409ServiceNotLive(string lifecycle)
    {
        var negotiation = await NegotiationScenario.StartAsync(factory);
        var service = await negotiation.Catalog.CreateServiceAsync();
        if (lifecycle == "retired")
        {
            await negotiation.Catalog.MoveAsync(service.Id(), "live");
            await negotiation.Catalog.MoveAsync(service.Id(), "retired");
        }

        var response = await PostAsync(negotiation.CustomerClient, "/api/v1/proposals", ProposalBody(service.Id()).ToJsonString());

        var problem = await response.ExpectProblemAsync(HttpStatusCode.Conflict, "service-not-live");
        Assert.Contains(lifecycle, problem["detail"].Value<string>(), StringComparison.Ordinal);
        await AssertNoProposalsAsync(negotiation);
    }

    [SkippableFact]
    public async Task CreateProposal_AdminWithoutCustomerId_Returns400NamingCustomerId()
    {
        var negotiation = await NegotiationScenario.StartAsync(factory);

        var response = await PostAsync(negotiation.Admin, "/api/v1/proposals", ProposalBody(negotiation.Service.Id()).ToJsonString());

        await response.ExpectValidationAsync("customerId");
        await AssertNoProposalsAsync(negotiation);
    }

    [SkippableFact]
    public async Task CreateProposal_AdminNamingUnknownCustomer_Returns400NamingCustomerId()
    {
        var negotiation = await NegotiationScenario.StartAsync(factory);
        var body = ProposalBody(negotiation.Service.Id());
        body["customerId"] = Guid.CreateVersion7().ToString();

        var response = await PostAsync(negotiation.Admin, "/api/v1/proposals", body.ToJsonString());

        await response.ExpectValidationAsync("customerId");
    }

    [SkippableFact]
    public async Task CreateProposal_AdminNamingTheCustomer_Returns201OnItsBehalf()
    {
        var negotiation = await NegotiationScenario.StartAsync(factory);
        var body = ProposalBody(negotiation.Service.Id());
        body["customerId"] = negotiation.Customer.Id().ToString();

        var response = await PostAsync(negotiation.Admin, "/api/v1/proposals", body.ToJsonString());

        var created = await response.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/proposals/{created.Id()}", response.Headers.Location?.OriginalString);
        Assert.Equal($"\"{created["version"].Value<int>()}\"", response.ETag());
        Assert.Equal(negotiation.Customer.Id().ToString(), created["customerId"].Value<string>());
        Assert.Equal("draft", created["status"].Value<string>());
    }

    [SkippableTheory]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("\"a proposal\"")]
    [InlineData("""{"serviceId":"not-a-guid","title":"t","businessJustification":"b","targets":[]}""")]
    [InlineData("""{"serviceId":"{service}","title":42,"businessJustification":"b","targets":[{"metric":"availability","value":99.9}]}""")]
    [InlineData("""{"serviceId":"{service}","title":"t","businessJustification":"b","targets":{"metric":"availability","value":99.9}}""")]
    [InlineData("""{"serviceId":"{service}","title":"t","businessJustification":"b","targets":["availability"]}""")]
    [InlineData("""{"serviceId":"{service}","title":"t","businessJustification":"b","targets":[{"metric":"availability","value":{"number":99.9}}]}""")]
    [InlineData("""{"serviceId":"{service}","title":"t","businessJustification":"b","targets":[{"metric":"availability","value":[99.9]}]}""")]
    [InlineData("""{"serviceId":"{service}","title":"t","businessJustification":"b","targets":[{"metric":"availability","value":true}]}""")]
    [InlineData("""{"serviceId":"{service}","title":"t","businessJustification":"b","targets":[{"metric":"availability","value":1e30}]}""")]
    [InlineData("""{"serviceId":"{service}","title":"t","businessJustification":"b","targets":[{"metric":"availability","value":99.9}],"submit":"yes"}""")]
    public async Task CreateProposal_MalformedBody_Returns400MalformedRequest(string json)
    {
        var negotiation = await NegotiationScenario.StartAsync(factory);

        var response = await PostAsync(negotiation.CustomerClient, "/api/v1/proposals", json.Replace("{service}", negotiation.Service.Id().ToString(), StringComparison.Ordinal));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
        Assert.Contains("JSON", problem["detail"].Value<string>(), StringComparison.Ordinal);
        await AssertNoProposalsAsync(negotiation);
    }

    // --- POST /api/v1/proposals/{id}/analyses ----------------------------------------------------------------

    [SkippableFact]
    public async Task PublishAnalysis_EmptyObject_Returns400NamingEveryRequiredField()
    {
        var negotiation = await NegotiationScenario.StartAsync(factory);
        var proposal = (await negotiation.ProposeAsync()).Id();
        var before = await ReadProposalAsync(negotiation, proposal);

        var response = await PostAsync(negotiation.ItLead, $"/api/v1/proposals/{proposal}/analyses", "{}");

        await response.ExpectValidationAsync("oneOffCost", "monthlyCostDelta", "currency", "labourDays", "leadTimeDays", "feasibility");
        await AssertNotAnalysedAsync(negotiation, proposal, before);
    }

    [SkippableTheory]
    [InlineData("oneOffCost")]
    [InlineData("monthlyCostDelta")]
    [InlineData("currency")]
    [InlineData("labourDays")]
    [InlineData("leadTimeDays")]
    [InlineData("feasibility")]
    public async Task PublishAnalysis_MissingField_Returns400NamingIt(string field)
    {
        var negotiation = await NegotiationScenario.StartAsync(factory);
        var proposal = (await negotiation.ProposeAsync()).Id();
        var before = await ReadProposalAsync(negotiation, proposal);
        var body = AnalysisBody();
        body.Remove(field);

        var response = await PostAsync(negotiation.ItLead, $"/api/v1/proposals/{proposal}/analyses", body.ToJsonString());

        await response.ExpectValidationAsync(field);
        await AssertNotAnalysedAsync(negotiation, proposal, before);
    }

    [SkippableTheory]
    [InlineData("currency", "\"USD\"", "currency")]
    [InlineData("currency", "\"eur\"", "currency")]
    [InlineData("currency", "\"EURO\"", "currency")]
    [InlineData("oneOffCost", "-1", "oneOffCost")]
    [InlineData("labourDays", "-0.5", "labourDays")]
    [InlineData("leadTimeDays", "-1", "leadTimeDays")]
    [InlineData("consequences", """[{"serviceId":"{unknown}","description":"Storage fills up.","severity":"high"}]""", "consequences[0].serviceId")]
    [InlineData("consequences", """[{"serviceId":"{service}","description":"Fine.","severity":"low"},{"serviceId":"{unknown}","description":"Storage fills up.","severity":"high"}]""", "consequences[1].serviceId")]
    [InlineData("consequences", """[{"severity":"high"}]""", "consequences[0].description")]
    [InlineData("consequences", """[{"description":"Storage fills up."}]""", "consequences[0].severity")]
    [InlineData("tradeOffs", """["Fine.", ""]""", "tradeOffs[1]")]
    [InlineData("counterOffer", """{"targets":[{"metric":"uptime","value":99.9}],"oneOffCost":1,"monthlyCostDelta":1,"leadTimeDays":1}""", "counterOffer.targets[0].metric")]
    [InlineData("counterOffer", """{"targets":[{"value":99.9}],"oneOffCost":1,"monthlyCostDelta":1,"leadTimeDays":1}""", "counterOffer.targets[0].metric")]
    [InlineData("counterOffer", """{"targets":[{"metric":"availability"}],"oneOffCost":1,"monthlyCostDelta":1,"leadTimeDays":1}""", "counterOffer.targets[0].value")]
    [InlineData("counterOffer", """{"targets":[{"metric":"availability","value":101}],"oneOffCost":1,"monthlyCostDelta":1,"leadTimeDays":1}""", "counterOffer.targets[0].value")]
    [InlineData("counterOffer", """{"targets":[{"metric":"availability","value":99},{"metric":"availability","value":98}],"oneOffCost":1,"monthlyCostDelta":1,"leadTimeDays":1}""", "counterOffer.targets[1].scope")]
    [InlineData("counterOffer", """{"targets":[],"oneOffCost":1,"monthlyCostDelta":1,"leadTimeDays":1}""", "counterOffer.targets")]
    [InlineData("counterOffer", """{"oneOffCost":1,"monthlyCostDelta":1,"leadTimeDays":1}""", "counterOffer.targets")]
    [InlineData("counterOffer", """{"targets":[{"metric":"availability","value":99}],"monthlyCostDelta":1,"leadTimeDays":1}""", "counterOffer.oneOffCost")]
    [InlineData("counterOffer", """{"targets":[{"metric":"availability","value":99}],"oneOffCost":1,"leadTimeDays":1}""", "counterOffer.monthlyCostDelta")]
    [InlineData("counterOffer", """{"targets":[{"metric":"availability","value":99}],"oneOffCost":1,"monthlyCostDelta":1}""", "counterOffer.leadTimeDays")]
    [InlineData("counterOffer", """{"targets":[{"metric":"availability","value":99}],"oneOffCost":1,"monthlyCostDelta":1,"leadTimeDays":-1}""", "counterOffer.leadTimeDays")]
    public async Task PublishAnalysis_InvalidField_Returns400NamingIt(string property, string json, string field)
    {
        var negotiation = await NegotiationScenario.StartAsync(factory);
        var proposal = (await negotiation.ProposeAsync()).Id();
        var before = await ReadProposalAsync(negotiation, proposal);
        var body = AnalysisBody();
        body[property] = JsonNode.Parse(json
            .Replace("{unknown}", Guid.CreateVersion7().ToString(), StringComparison.Ordinal)
            .Replace("{service}", negotiation.Service.Id().ToString(), StringComparison.Ordinal));

        var response = await PostAsync(negotiation.ItLead, $"/api/v1/proposals/{proposal}/analyses", body.ToJsonString());

        var problem = await response.ExpectValidationAsync(field);
        Assert.False(string.IsNullOrEmpty(problem["errors"]![field]![0].Value<string>()));
        await AssertNotAnalysedAsync(negotiation, proposal, before);
    }

    [SkippableFact]
    public async Task PublishAnalysis_CurrencyOtherThanTheServices_Returns400NamingCurrencyAndTheServicesCurrency()
    {
        var negotiation = await NegotiationScenario.StartAsync(factory);
        var proposal = (await negotiation.ProposeAsync()).Id();
        var body = AnalysisBody();
        body["currency"] = "USD";

        var response = await PostAsync(negotiation.ItLead, $"/api/v1/proposals/{proposal}/analyses", body.ToJsonString());

        var problem = await response.ExpectValidationAsync("currency");
        Assert.Contains("EUR", problem["errors"]!["currency"]![0].Value<string>(), StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("feasibility", "\"maybe\"")]
    [InlineData("feasibility", "2")]
    [InlineData("oneOffCost", "\"cheap\"")]
    [InlineData("leadTimeDays", "1.5")]
    [InlineData("leadTimeDays", "99999999999")]
    [InlineData("consequences", """[{"description":"x","severity":"catastrophic"}]""")]
    [InlineData("consequences", """{"description":"x","severity":"low"}""")]
    [InlineData("counterOffer", """{"targets":[{"metric":"availability","value":{"n":1}}],"oneOffCost":1,"monthlyCostDelta":1,"leadTimeDays":1}""")]
    public async Task PublishAnalysis_MalformedBody_Returns400MalformedRequest(string property, string json)
    {
        var negotiation = await NegotiationScenario.StartAsync(factory);
        var proposal = (await negotiation.ProposeAsync()).Id();
        var before = await ReadProposalAsync(negotiation, proposal);
        var body = AnalysisBody();
        body[property] = JsonNode.Parse(json);

        var response = await PostAsync(negotiation.ItLead, $"/api/v1/proposals/{proposal}/analyses", body.ToJsonString());

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
        Assert.Contains($"$.{property}", problem["detail"].Value<string>(), StringComparison.Ordinal);
        await AssertNotAnalysedAsync(negotiation, proposal, before);
    }

    // --- POST /api/v1/proposals/{id}/acceptance --------------------------------------------------------------

    [SkippableFact]
    public async Task AcceptProposal_EmptyObject_Returns400NamingEveryRequiredField()
    {
        var (negotiation, proposal, _) = await AnalysedAsync();
        var before = await ReadProposalAsync(negotiation, proposal);

        var response = await PostAsync(negotiation.CustomerClient, $"/api/v1/proposals/{proposal}/acceptance", "{}");

        await response.ExpectValidationAsync("analysisId", "option", "monthlyCharge", "signedBy");
        await AssertNotAgreedAsync(negotiation, proposal, before);
    }

    [SkippableTheory]
    [InlineData("analysisId", null)]
    [InlineData("analysisId", "\"00000000-0000-0000-0000-000000000000\"")]
    [InlineData("option", null)]
    [InlineData("option", "null")]
    [InlineData("monthlyCharge", null)]
    [InlineData("monthlyCharge", "null")]
    [InlineData("signedBy", null)]
    [InlineData("signedBy", "null")]
    [InlineData("signedBy.name", "{}")]
    [InlineData("signedBy.name", "{\"name\":\"  \"}")]
    [InlineData("signedBy.title", "{\"name\":\"Dana Ruiz\",\"title\":\"TTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTT\"}")]
    public async Task AcceptProposal_MissingOrEmptyField_Returns400NamingIt(string field, string? json)
    {
        var (negotiation, proposal, analysis) = await AnalysedAsync();
        var before = await ReadProposalAsync(negotiation, proposal);
        var body = new JsonObject { ["analysisId"] = analysis.ToString(), ["option"] = "proposed", ["monthlyCharge"] = 4_000m, ["signedBy"] = new JsonObject { ["name"] = "Dana Ruiz" } };
        var member = field.Split('.')[0];
        if (json is null)
        {
            body.Remove(member);
        }
        else
        {
            body[member] = JsonNode.Parse(json);
        }

        var response = await PostAsync(negotiation.CustomerClient, $"/api/v1/proposals/{proposal}/acceptance", body.ToJsonString());

        await response.ExpectValidationAsync(field);
        await AssertNotAgreedAsync(negotiation, proposal, before);
    }

    [SkippableTheory]
    [InlineData("option", "\"maybe\"")]
    [InlineData("option", "\"counter offer\"")]
    [InlineData("option", "\"accepted\"")]
    [InlineData("option", "0")]
    [InlineData("monthlyCharge", "\"4000\"")]
    [InlineData("analysisId", "\"the current one\"")]
    public async Task AcceptProposal_UnreadableValue_Returns400MalformedRequest(string field, string json)
    {
        var (negotiation, proposal, analysis) = await AnalysedAsync();
        var before = await ReadProposalAsync(negotiation, proposal);
        var body = new JsonObject { ["analysisId"] = analysis.ToString(), ["option"] = "proposed", ["monthlyCharge"] = 4_000m, ["signedBy"] = new JsonObject { ["name"] = "Dana Ruiz" } };
        body[field] = JsonNode.Parse(json);

        var response = await PostAsync(negotiation.CustomerClient, $"/api/v1/proposals/{proposal}/acceptance", body.ToJsonString());

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
        Assert.Contains($"$.{field}", problem["detail"].Value<string>(), StringComparison.Ordinal);
        await AssertNotAgreedAsync(negotiation, proposal, before);
    }

    // --- POST /api/v1/proposals/{id}/withdrawal --------------------------------------------------------------

    [SkippableTheory]
    [InlineData("{}")]
    [InlineData("""{"reason":null}""")]
    [InlineData("""{"reason":""}""")]
    [InlineData("""{"reason":"   "}""")]
    [InlineData("""{"reason":"{2001}"}""")]
    public async Task WithdrawProposal_NoUsableReason_Returns400NamingReason(string json)
    {
        var (negotiation, proposal, _) = await AnalysedAsync();
        var before = await ReadProposalAsync(negotiation, proposal);

        var response = await PostAsync(negotiation.CustomerClient, $"/api/v1/proposals/{proposal}/withdrawal", Expand(json));

        await response.ExpectValidationAsync("reason");
        Assert.Equal(before, await ReadProposalAsync(negotiation, proposal));
    }

    [SkippableFact]
    public async Task WithdrawProposal_NoBody_Returns400()
    {
        var (negotiation, proposal, _) = await AnalysedAsync();
        var before = await ReadProposalAsync(negotiation, proposal);

        var response = await negotiation.CustomerClient.PostAsync($"/api/v1/proposals/{proposal}/withdrawal", content: null);

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
        Assert.Equal(before, await ReadProposalAsync(negotiation, proposal));
    }

    // --- POST /api/v1/proposals/{id}/revisions ---------------------------------------------------------------

    [SkippableTheory]
    [InlineData("""{"targets":[]}""", "targets")]
    [InlineData("""{"targets":[],"note":"Nothing at all."}""", "targets")]
    [InlineData("""{}""", "targets")]
    [InlineData("""{"targets":null}""", "targets")]
    [InlineData("""{"targets":[{"value":99.5}]}""", "targets[0].metric")]
    [InlineData("""{"targets":[{"metric":"uptime","value":99.5}]}""", "targets[0].metric")]
    [InlineData("""{"targets":[{"metric":"availability","value":101}]}""", "targets[0].value")]
    [InlineData("""{"targets":[{"metric":"availability","value":99.5},{"metric":"availability","value":99.9}]}""", "targets[1].scope")]
    [InlineData("""{"targets":[{"metric":"availability","value":99.5}],"note":"{2001}"}""", "note")]
    public async Task ReviseProposal_InvalidTargets_Returns400NamingTheFieldAndKeepsTheRound(string json, string field)
    {
        var (negotiation, proposal, analysis) = await AnalysedAsync();
        var before = await ReadProposalAsync(negotiation, proposal);

        var response = await PostAsync(negotiation.CustomerClient, $"/api/v1/proposals/{proposal}/revisions", Expand(json));

        await response.ExpectValidationAsync(field);
        Assert.Equal(before, await ReadProposalAsync(negotiation, proposal));
        var read = JsonNode.Parse(before)!.AsObject();
        Assert.Equal(1, read["currentRound"].Value<int>());
        Assert.Equal(analysis.ToString(), read["currentAnalysisId"].Value<string>());
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await client.PostAsync(path, content);
    }

    private static JsonObject ProposalBody(Guid serviceId) => new()
    {
        ["serviceId"] = serviceId.ToString(),
        ["title"] = "Trading availability",
        ["businessJustification"] = "Every minute of downtime stops trading.",
        ["targets"] = JsonSerializer.SerializeToNode(NegotiationScenario.Targets(), Web),
    };

    private static JsonObject AnalysisBody() =>
        JsonSerializer.SerializeToNode(NegotiationScenario.Analysis(counterOffer: NegotiationScenario.CounterOffer()), Web)!.AsObject();

    /// <summary>Expands <c>{n}</c> to n characters and <c>{21 targets}</c> to one target too many.</summary>
    private static string Expand(string json)
    {
        if (json == "{21 targets}")
        {
            return new JsonArray(Enumerable.Range(1, 21).Select(i => (JsonNode)new JsonObject { ["metric"] = "time-to-restore", ["value"] = 15, ["scope"] = $"P{i}" }).ToArray()).ToJsonString();
        }

        foreach (var length in ExpandableLengths)
        {
            json = json.Replace($"{{{length}}}", new string('x', length), StringComparison.Ordinal);
        }

        return json;
    }

    private async Task<(NegotiationScenario Negotiation, Guid Proposal, Guid Analysis)> AnalysedAsync()
    {
        var negotiation = await NegotiationScenario.StartAsync(factory);
        var proposal = (await negotiation.ProposeAsync()).Id();
        var analysis = await negotiation.AnalyseAsync(proposal, NegotiationScenario.Analysis(counterOffer: NegotiationScenario.CounterOffer()));
        return (negotiation, proposal, analysis.Id());
    }

    private static async Task<string> ReadProposalAsync(NegotiationScenario negotiation, Guid proposal) =>
        (await (await negotiation.CustomerClient.GetAsync($"/api/v1/proposals/{proposal}")).ExpectAsync(HttpStatusCode.OK)).ToJsonString();

    private static async Task AssertNoProposalsAsync(NegotiationScenario negotiation)
    {
        var page = await (await negotiation.Admin.GetAsync($"/api/v1/proposals?customerId={negotiation.Customer.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(page["items"]!.AsArray());
    }

    private static async Task AssertNotAnalysedAsync(NegotiationScenario negotiation, Guid proposal, string before)
    {
        Assert.Equal(before, await ReadProposalAsync(negotiation, proposal));
        var read = JsonNode.Parse(before)!.AsObject();
        Assert.Equal("submitted", read["status"].Value<string>());
        Assert.Empty(await (await negotiation.Admin.GetAsync($"/api/v1/proposals/{proposal}/analyses")).ExpectItemsAsync(HttpStatusCode.OK));
    }

    private static async Task AssertNotAgreedAsync(NegotiationScenario negotiation, Guid proposal, string before)
    {
        Assert.Equal(before, await ReadProposalAsync(negotiation, proposal));
        Assert.Equal("analysed", JsonNode.Parse(before)!["status"].Value<string>());
        var agreements = await (await negotiation.Admin.GetAsync($"/api/v1/agreements?customerId={negotiation.Customer.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(agreements["items"]!.AsArray());
    }
}
