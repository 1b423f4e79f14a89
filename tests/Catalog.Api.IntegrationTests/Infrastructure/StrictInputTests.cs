using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Catalog.Api.IntegrationTests.Infrastructure;

/// <summary>
/// Input is strict on every route: a JSON member the operation does not have is a 400 naming it and the closest
/// known member, a wrong type names the type expected, a wrong choice lists the allowed values, U+0000 in any text
/// is a 400 on both providers, and a refused request stores nothing.
/// </summary>
public sealed class StrictInputTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private readonly Scenario _scenario = new(factory);

    private HttpClient Admin => _scenario.Admin;

    [SkippableFact]
    public async Task CreateProposal_MisspelledSubmit_Returns400SuggestingSubmitAndCreatesNoDraft()
    {
        var negotiation = await NegotiationScenario.StartAsync(factory);
        var body = ProposalBody(negotiation.Service.Id());
        body["submitt"] = true;

        var response = await PostAsync(negotiation.CustomerClient, "/api/v1/proposals", body.ToJsonString());

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
        Assert.Equal(["submitt"], problem["errors"]!.AsObject().Select(e => e.Key));
        Assert.Contains("did you mean 'submit'?", problem["errors"]!["submitt"]![0].Value<string>(), StringComparison.Ordinal);
        Assert.Contains("$.submitt", problem["detail"].Value<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("not valid JSON", problem.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(await negotiation.CustomerClient.ReadAllAsync("/api/v1/proposals"));
    }

    [SkippableFact]
    public async Task CreateService_MisspelledDependsOn_Returns400SuggestingDependsOnAndCreatesNothing()
    {
        var storage = await _scenario.CreateServiceAsync(Scenario.ServiceBody(kind: "supporting"));
        var key = TestApi.Unique("mail");
        var body = JsonSerializer.SerializeToNode(Scenario.ServiceBody(key: key), Web)!.AsObject();
        body.Remove("dependsOn");
        body["dependOn"] = new JsonArray(storage.Id().ToString());

        var response = await Admin.PostAsync("/api/v1/services", Json(body.ToJsonString()));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
        Assert.Contains("did you mean 'dependsOn'?", problem["errors"]!["dependOn"]![0].Value<string>(), StringComparison.Ordinal);
        Assert.Empty(await (await Admin.GetAsync($"/api/v1/services?key={key}")).ExpectItemsAsync(HttpStatusCode.OK));
    }

    [SkippableTheory]
    [InlineData("""{"targets":[{"metric":"availability","valeu":99.5}]}""", "targets[0].valeu", "did you mean 'value'?")]
    [InlineData("""{"targets":[{"metric":"availability","value":99.5}],"nots":"x"}""", "nots", "did you mean 'note'?")]
    [InlineData("""{"targets":[{"metric":"availability","value":99.5}],"priority":"high"}""", "priority", "its members are: targets, note.")]
    public async Task ReviseProposal_UnknownMember_Returns400NamingItsPathAndTheClosestMember(string json, string field, string hint)
    {
        var negotiation = await NegotiationScenario.StartAsync(factory);
        var proposal = (await negotiation.ProposeAsync()).Id();

        var response = await PostAsync(negotiation.CustomerClient, $"/api/v1/proposals/{proposal}/revisions", json);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
        Assert.EndsWith(hint, problem["errors"]![field]![0].Value<string>(), StringComparison.Ordinal);
        var rounds = (await (await negotiation.CustomerClient.GetAsync($"/api/v1/proposals/{proposal}")).ExpectAsync(HttpStatusCode.OK))["rounds"]!.AsArray();
        Assert.Single(rounds);
    }

    [SkippableTheory]
    [InlineData("title", "42", "Expected a string.")]
    [InlineData("submit", "\"yes\"", "Expected true or false.")]
    [InlineData("serviceId", "\"not-a-guid\"", "Expected a UUID string")]
    [InlineData("targets", """{"metric":"availability","value":99.9}""", "Expected an array.")]
    [InlineData("targets", """["availability"]""", "Expected an object.")]
    [InlineData("targets", """[{"metric":"availability","value":true}]""", "A target value is a number or a level name.")]
    public async Task CreateProposal_WrongType_Returns400NamingTheTypeExpected(string member, string json, string message)
    {
        var negotiation = await NegotiationScenario.StartAsync(factory);
        var body = ProposalBody(negotiation.Service.Id());
        body[member] = JsonNode.Parse(json);

        var response = await PostAsync(negotiation.CustomerClient, "/api/v1/proposals", body.ToJsonString());

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
        var (field, errors) = Assert.Single(problem["errors"]!.AsObject());
        Assert.StartsWith(member, field, StringComparison.Ordinal);
        Assert.StartsWith(message, errors![0].Value<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("not valid JSON", problem.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(await negotiation.CustomerClient.ReadAllAsync("/api/v1/proposals"));
    }

    [SkippableTheory]
    [InlineData("/api/v1/api-keys", """{"name":"Root","role":"superuser"}""", "role", "admin, it-lead, customer, integrator")]
    [InlineData("/api/v1/metrics", """{"key":"sideways","name":"Sideways","unit":"count","direction":"sideways"}""", "direction", "higher-is-stricter, lower-is-stricter")]
    [InlineData("/api/v1/services", """{"key":"k","kind":"mainframe"}""", "kind", "business, supporting")]
    public async Task Create_WrongChoice_Returns400ListingTheAllowedValues(string path, string json, string field, string allowed)
    {
        var response = await Admin.PostAsync(path, Json(json));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
        Assert.Contains($"one of: {allowed}", problem["errors"]![field]![0].Value<string>(), StringComparison.Ordinal);
        Assert.Contains($"$.{field}", problem["detail"].Value<string>(), StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("{")]
    [InlineData("""{"key":"k",}""")]
    [InlineData("""{"key":'k'}""")]
    public async Task CreateService_NotJson_Returns400SayingSoWithoutFieldErrors(string json)
    {
        var response = await Admin.PostAsync("/api/v1/services", Json(json));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
        Assert.Contains("not valid JSON", problem["detail"].Value<string>(), StringComparison.Ordinal);
        Assert.Null(problem["errors"]);
    }

    [SkippableTheory]
    [InlineData("name", "name")]
    [InlineData("summary", "summary")]
    [InlineData("owner", "owner.team")]
    [InlineData("alternatives", "alternatives[0].note")]
    public async Task CreateService_NulInText_Returns400NamingTheFieldAndStoresNothing(string member, string field)
    {
        var key = TestApi.Unique("nul");
        var body = JsonSerializer.SerializeToNode(Scenario.ServiceBody(key: key), Web)!.AsObject();
        body[member] = member switch
        {
            "owner" => new JsonObject { ["team"] = "Work\u0000place", ["contact"] = "workplace@example.com" },
            "alternatives" => new JsonArray(new JsonObject { ["name"] = "Hosted", ["unitCostPerMonth"] = 3, ["currency"] = "EUR", ["note"] = "a\u0000b" }),
            _ => "Mail\u0000box",
        };

        var response = await Admin.PostAsync("/api/v1/services", Json(body.ToJsonString()));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
        Assert.Contains("U+0000", problem["errors"]![field]![0].Value<string>(), StringComparison.Ordinal);
        Assert.Empty(await (await Admin.GetAsync($"/api/v1/services?key={key}")).ExpectItemsAsync(HttpStatusCode.OK));
    }

    [SkippableFact]
    public async Task PublishAnalysis_NulInAListOfText_Returns400NamingTheEntry()
    {
        var negotiation = await NegotiationScenario.StartAsync(factory);
        var proposal = (await negotiation.ProposeAsync()).Id();
        var body = JsonSerializer.SerializeToNode(NegotiationScenario.Analysis(), Web)!.AsObject();
        body["tradeOffs"] = new JsonArray("Fine.", "Night\u0000time");

        var response = await PostAsync(negotiation.ItLead, $"/api/v1/proposals/{proposal}/analyses", body.ToJsonString());

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
        Assert.Contains("U+0000", problem["errors"]!["tradeOffs[1]"]![0].Value<string>(), StringComparison.Ordinal);
        Assert.Empty(await negotiation.ItLead.ReadAllAsync($"/api/v1/proposals/{proposal}/analyses"));
    }

    [SkippableTheory]
    [InlineData("/api/v1/services?q=mail%00box", "q")]
    [InlineData("/api/v1/services?key=%00", "key")]
    [InlineData("/api/v1/services?category=a%00", "category")]
    [InlineData("/api/v1/customers?q=%00", "q")]
    [InlineData("/api/v1/changes?types=service.created%00", "types")]
    [InlineData("/api/v1/services?cursor=%00", "cursor")]
    public async Task Get_NulInQuery_Returns400NamingTheParameter(string path, string parameter)
    {
        var response = await Admin.GetAsync(path);

        var problem = await response.ExpectValidationAsync(parameter);
        Assert.Contains("U+0000", problem["errors"]![parameter]![0].Value<string>(), StringComparison.Ordinal);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string json) => client.PostAsync(path, Json(json));

    private static JsonObject ProposalBody(Guid serviceId) => new()
    {
        ["serviceId"] = serviceId.ToString(),
        ["title"] = "Trading availability",
        ["businessJustification"] = "Every minute of downtime stops trading.",
        ["targets"] = JsonSerializer.SerializeToNode(NegotiationScenario.Targets(), Web),
    };
}
