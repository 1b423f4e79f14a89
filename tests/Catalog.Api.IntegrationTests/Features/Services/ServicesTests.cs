using System.Net;
using System.Text.Json.Nodes;
using Catalog.Api.IntegrationTests.Infrastructure;

namespace Catalog.Api.IntegrationTests.Features.Services;

public sealed class ServicesTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private readonly Scenario _scenario = new(factory);

    private HttpClient Admin => _scenario.Admin;

    [SkippableFact]
    public async Task CreateService_ValidBody_Returns201WithLocationETagAndBody()
    {
        var key = TestApi.Unique("email");
        var response = await Admin.PostJsonAsync("/api/v1/services", Scenario.ServiceBody(key));

        var body = await response.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/services/{body.Id()}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.ETag());
        Assert.Equal(key, body["key"].Value<string>());
        Assert.Equal("Corporate Email", body["name"].Value<string>());
        Assert.Equal("Email for every employee, on every device.", body["summary"].Value<string>());
        Assert.Equal("collaboration", body["category"].Value<string>());
        Assert.Equal("business", body["kind"].Value<string>());
        Assert.Equal("pipeline", body["lifecycle"].Value<string>());
        Assert.Equal("Workplace Services", body["owner"]!["team"].Value<string>());
        Assert.Equal("workplace@example.com", body["owner"]!["contact"].Value<string>());
        Assert.Equal("mailbox", body["cost"]!["unit"].Value<string>());
        Assert.Equal(4.5m, body["cost"]!["unitCostPerMonth"].Value<decimal>());
        Assert.Equal("EUR", body["cost"]!["currency"].Value<string>());
        Assert.Equal("Hosted email", body["alternatives"]![0]!["name"].Value<string>());
        Assert.Equal(3.2m, body["alternatives"]![0]!["unitCostPerMonth"].Value<decimal>());
        Assert.Empty(body["dependsOn"]!.AsArray());
        Assert.EndsWith("Z", body["createdAt"].Value<string>(), StringComparison.Ordinal);

        var read = await Admin.GetAsync(response.Headers.Location!.OriginalString);
        var readBody = await read.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(body.ToJsonString(), readBody.ToJsonString());
        Assert.Equal("\"1\"", read.ETag());
    }

    [SkippableFact]
    public async Task CreateService_WithDependencies_RecordsThem()
    {
        var storage = await _scenario.CreateServiceAsync(Scenario.ServiceBody(kind: "supporting"));
        var network = await _scenario.CreateServiceAsync(Scenario.ServiceBody(kind: "supporting"));

        var response = await Admin.PostJsonAsync("/api/v1/services", Scenario.ServiceBody(dependsOn: [storage.Id(), network.Id()]));

        var email = await response.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("\"1\"", response.ETag());

        var dependsOn = email["dependsOn"]!.AsArray().Select(d => Guid.Parse(d.Value<string>())).ToHashSet();
        Assert.Equal(2, email["dependsOn"]!.AsArray().Count);
        Assert.True(dependsOn.SetEquals([storage.Id(), network.Id()]));
    }

    [SkippableFact]
    public async Task CreateService_DuplicateKey_Returns409()
    {
        var key = TestApi.Unique("dup");
        await _scenario.CreateServiceAsync(Scenario.ServiceBody(key));

        var problem = await (await Admin.PostJsonAsync("/api/v1/services", Scenario.ServiceBody(key))).ExpectProblemAsync(HttpStatusCode.Conflict, "service-key-taken");

        Assert.Contains(key, problem["detail"].Value<string>(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { """{"name":"x","summary":"s","category":"c","owner":{"team":"t","contact":"c"},"kind":"business","cost":{"unit":"u","unitCostPerMonth":1,"currency":"EUR"}}""", "key" },
        { """{"key":"Not A Slug","name":"x","summary":"s","category":"c","owner":{"team":"t","contact":"c"},"kind":"business","cost":{"unit":"u","unitCostPerMonth":1,"currency":"EUR"}}""", "key" },
        { """{"key":"k-1","summary":"s","category":"c","owner":{"team":"t","contact":"c"},"kind":"business","cost":{"unit":"u","unitCostPerMonth":1,"currency":"EUR"}}""", "name" },
        { """{"key":"k-1","name":"x","category":"c","owner":{"team":"t","contact":"c"},"kind":"business","cost":{"unit":"u","unitCostPerMonth":1,"currency":"EUR"}}""", "summary" },
        { """{"key":"k-1","name":"x","summary":"s","owner":{"team":"t","contact":"c"},"kind":"business","cost":{"unit":"u","unitCostPerMonth":1,"currency":"EUR"}}""", "category" },
        { """{"key":"k-1","name":"x","summary":"s","category":"c","kind":"business","cost":{"unit":"u","unitCostPerMonth":1,"currency":"EUR"}}""", "owner" },
        { """{"key":"k-1","name":"x","summary":"s","category":"c","owner":{"contact":"c"},"kind":"business","cost":{"unit":"u","unitCostPerMonth":1,"currency":"EUR"}}""", "owner.team" },
        { """{"key":"k-1","name":"x","summary":"s","category":"c","owner":{"team":"t","contact":"c"},"cost":{"unit":"u","unitCostPerMonth":1,"currency":"EUR"}}""", "kind" },
        { """{"key":"k-1","name":"x","summary":"s","category":"c","owner":{"team":"t","contact":"c"},"kind":"business"}""", "cost" },
        { """{"key":"k-1","name":"x","summary":"s","category":"c","owner":{"team":"t","contact":"c"},"kind":"business","cost":{"unit":"u","unitCostPerMonth":-1,"currency":"EUR"}}""", "cost.unitCostPerMonth" },
        { """{"key":"k-1","name":"x","summary":"s","category":"c","owner":{"team":"t","contact":"c"},"kind":"business","cost":{"unit":"u","unitCostPerMonth":1,"currency":"EURO"}}""", "cost.currency" },
        { """{"key":"k-1","name":"x","summary":"s","category":"c","owner":{"team":"t","contact":"c"},"kind":"business","cost":{"unit":"u","unitCostPerMonth":1,"currency":"XYZ"}}""", "cost.currency" },
        { """{"key":"k-1","name":"x","summary":"s","category":"c","owner":{"team":"t","contact":"c"},"kind":"business","cost":{"unitCostPerMonth":1,"currency":"EUR"}}""", "cost.unit" },
        { """{"key":"k-1","name":"x","summary":"s","category":"c","owner":{"team":"t","contact":"c"},"kind":"business","cost":{"unit":"u","unitCostPerMonth":1,"currency":"EUR"},"alternatives":[{"unitCostPerMonth":1,"currency":"EUR"}]}""", "alternatives[0].name" },
        { """{"key":"k-1","name":"x","summary":"s","category":"c","owner":{"team":"t","contact":"c"},"kind":"business","cost":{"unit":"u","unitCostPerMonth":1,"currency":"EUR"},"alternatives":[{"name":"a","unitCostPerMonth":1,"currency":"usd"}]}""", "alternatives[0].currency" },
        { """{"key":"k-1","name":"x","summary":"s","category":"c","owner":{"team":"t","contact":"c"},"kind":"business","cost":{"unit":"u","unitCostPerMonth":1,"currency":"EUR"},"dependsOn":["00000000-0000-0000-0000-000000000000"]}""", "dependsOn[0]" },
        { """{"key":"k-1","name":"x","summary":"s","category":"c","owner":{"team":"t","contact":"c"},"kind":"business","cost":{"unit":"u","unitCostPerMonth":1,"currency":"EUR"},"dependsOn":["0190a000-0000-7000-8000-000000000001","0190a000-0000-7000-8000-000000000001"]}""", "dependsOn" },
    };

    [SkippableTheory]
    [MemberData(nameof(InvalidBodies))]
    public async Task CreateService_InvalidField_Returns400NamingTheField(string json, string field)
    {
        var response = await Admin.PostAsync("/api/v1/services", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await response.ExpectValidationAsync(field);
    }

    [SkippableTheory]
    [InlineData("{")]
    [InlineData("""{"key":"k","kind":"mainframe"}""")]
    [InlineData("""{"key":"k","cost":{"unitCostPerMonth":"cheap"}}""")]
    [InlineData("[]")]
    public async Task CreateService_MalformedJson_Returns400Problem(string json)
    {
        var response = await Admin.PostAsync("/api/v1/services", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
        Assert.Contains("JSON", problem["detail"].Value<string>(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task CreateService_UnknownDependency_Returns400NamingTheEntry()
    {
        var known = await _scenario.CreateServiceAsync(Scenario.ServiceBody(kind: "supporting"));
        var unknown = Guid.CreateVersion7();

        var problem = await (await Admin.PostJsonAsync("/api/v1/services", Scenario.ServiceBody(dependsOn: [known.Id(), unknown]))).ExpectValidationAsync("dependsOn[1]");

        Assert.Contains(unknown.ToString(), problem["errors"]!["dependsOn[1]"]![0].Value<string>(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task GetService_IfNoneMatchCurrent_Returns304WithETag()
    {
        var service = await _scenario.CreateServiceAsync();

        var response = await Admin.GetAsync($"/api/v1/services/{service.Id()}", ifNoneMatch: "\"1\"");

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal("\"1\"", response.ETag());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [SkippableFact]
    public async Task GetService_IfNoneMatchStale_Returns200()
    {
        var service = await _scenario.CreateServiceAsync();

        var response = await Admin.GetAsync($"/api/v1/services/{service.Id()}", ifNoneMatch: "\"7\"");

        var body = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(service.Id(), body.Id());
    }

    [SkippableTheory]
    [InlineData("0190a000-0000-7000-8000-00000000ffff")]
    [InlineData("not-a-guid")]
    public async Task GetService_Unknown_Returns404Problem(string id)
    {
        await (await Admin.GetAsync($"/api/v1/services/{id}")).ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [SkippableFact]
    public async Task UpdateService_CurrentIfMatch_ReplacesAndBumpsETag()
    {
        var service = await _scenario.CreateServiceAsync();
        var dependency = await _scenario.CreateServiceAsync(Scenario.ServiceBody(kind: "supporting"));
        var update = Scenario.ServiceBody(service["key"].Value<string>(), dependsOn: [dependency.Id()], unitCost: 5.25m, name: "Corporate Email Plus");

        var response = await Admin.PutJsonAsync($"/api/v1/services/{service.Id()}", update, ifMatch: "\"1\"");

        var body = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Corporate Email Plus", body["name"].Value<string>());
        Assert.Equal(5.25m, body["cost"]!["unitCostPerMonth"].Value<decimal>());
        Assert.Equal(dependency.Id().ToString(), body["dependsOn"]![0].Value<string>());
        Assert.Equal("\"2\"", response.ETag());
        Assert.Equal(2, body["version"].Value<int>());
        Assert.True(DateTime.Parse(body["updatedAt"].Value<string>(), System.Globalization.CultureInfo.InvariantCulture) >= DateTime.Parse(service["updatedAt"].Value<string>(), System.Globalization.CultureInfo.InvariantCulture));

        var read = await Admin.GetAsync($"/api/v1/services/{service.Id()}");
        Assert.Equal(response.ETag(), read.ETag());
    }

    [SkippableFact]
    public async Task UpdateService_NewAlternatives_AreStoredWhole()
    {
        var service = await _scenario.CreateServiceAsync();
        var key = service["key"].Value<string>();
        object[] alternatives =
        [
            new { name = "Hosted email", unitCostPerMonth = 2.9m, currency = "EUR", note = "Renegotiated" },
            new { name = "Shared mailboxes", unitCostPerMonth = 1.1m, currency = "EUR", note = (string?)null },
        ];

        var updated = await Admin.PutJsonAsync($"/api/v1/services/{service.Id()}", Scenario.ServiceBody(key, alternatives: alternatives), ifMatch: "\"1\"");
        Assert.Equal("\"2\"", updated.ETag());
        var renamed = await Admin.PutJsonAsync($"/api/v1/services/{service.Id()}", Scenario.ServiceBody(key, alternatives: alternatives, name: "Corporate Email Plus"), ifMatch: "\"2\"");
        Assert.Equal("\"3\"", renamed.ETag());

        var read = await (await Admin.GetAsync($"/api/v1/services/{service.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Corporate Email Plus", read["name"].Value<string>());
        var stored = read["alternatives"]!.AsArray();
        Assert.Equal(2, stored.Count);
        Assert.Equal(2.9m, stored[0]!["unitCostPerMonth"].Value<decimal>());
        Assert.Equal("Renegotiated", stored[0]!["note"].Value<string>());
        Assert.Equal("Shared mailboxes", stored[1]!["name"].Value<string>());
    }

    [SkippableFact]
    public async Task UpdateService_WithoutIfMatch_Returns428()
    {
        var service = await _scenario.CreateServiceAsync();

        await (await Admin.PutJsonAsync($"/api/v1/services/{service.Id()}", Scenario.ServiceBody(service["key"].Value<string>())))
            .ExpectProblemAsync(HttpStatusCode.PreconditionRequired, "precondition-required");
    }

    [SkippableTheory]
    [InlineData("\"2\"")]
    [InlineData("W/\"1\"")]
    [InlineData("garbage")]
    public async Task UpdateService_StaleOrWeakIfMatch_Returns412AndChangesNothing(string ifMatch)
    {
        var service = await _scenario.CreateServiceAsync();

        await (await Admin.PutJsonAsync($"/api/v1/services/{service.Id()}", Scenario.ServiceBody(service["key"].Value<string>(), name: "Changed"), ifMatch))
            .ExpectProblemAsync(HttpStatusCode.PreconditionFailed, "precondition-failed");

        var read = await (await Admin.GetAsync($"/api/v1/services/{service.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Corporate Email", read["name"].Value<string>());
    }

    [SkippableFact]
    public async Task UpdateService_ConcurrentUpdatesWithSameETag_ExactlyOneWins()
    {
        var service = await _scenario.CreateServiceAsync();
        var key = service["key"].Value<string>();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            factory.ClientWithKey().PutJsonAsync($"/api/v1/services/{service.Id()}", Scenario.ServiceBody(key, name: $"Writer {i}"), "\"1\"")));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.PreconditionFailed, r.StatusCode));
    }

    [SkippableFact]
    public async Task UpdateService_ChangedKey_Returns400()
    {
        var service = await _scenario.CreateServiceAsync();

        await (await Admin.PutJsonAsync($"/api/v1/services/{service.Id()}", Scenario.ServiceBody(TestApi.Unique("other")), "\"1\"")).ExpectValidationAsync("key");
    }

    [SkippableFact]
    public async Task UpdateService_Unknown_Returns404()
    {
        await (await Admin.PutJsonAsync($"/api/v1/services/{Guid.CreateVersion7()}", Scenario.ServiceBody(), "\"1\"")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task UpdateService_DependencyCycle_Returns409NamingTheCycle()
    {
        var a = await _scenario.CreateServiceAsync(Scenario.ServiceBody(kind: "supporting"));
        var b = await _scenario.CreateServiceAsync(Scenario.ServiceBody(kind: "supporting", dependsOn: [a.Id()]));
        var c = await _scenario.CreateServiceAsync(Scenario.ServiceBody(dependsOn: [b.Id()]));

        // a → c would close a → c → b → a.
        var response = await Admin.PutJsonAsync($"/api/v1/services/{a.Id()}", Scenario.ServiceBody(a["key"].Value<string>(), kind: "supporting", dependsOn: [c.Id()]), "\"1\"");

        var problem = await response.ExpectProblemAsync(HttpStatusCode.Conflict, "dependency-cycle");
        var expected = $"{a["key"].Value<string>()} → {c["key"].Value<string>()} → {b["key"].Value<string>()} → {a["key"].Value<string>()}";
        Assert.Contains(expected, problem["detail"].Value<string>(), StringComparison.Ordinal);
        var read = await (await Admin.GetAsync($"/api/v1/services/{a.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(read["dependsOn"]!.AsArray());
    }

    [SkippableFact]
    public async Task UpdateService_DependOnItself_Returns409()
    {
        var a = await _scenario.CreateServiceAsync();

        await (await Admin.PutJsonAsync($"/api/v1/services/{a.Id()}", Scenario.ServiceBody(a["key"].Value<string>(), dependsOn: [a.Id()]), "\"1\""))
            .ExpectProblemAsync(HttpStatusCode.Conflict, "dependency-cycle");
    }

    [SkippableFact]
    public async Task ChangeServiceLifecycle_PipelineToLiveToRetired_Succeeds()
    {
        var service = await _scenario.CreateServiceAsync();

        var live = await Admin.PostJsonAsync($"/api/v1/services/{service.Id()}/lifecycle", new { lifecycle = "live" });
        Assert.Equal("live", (await live.ExpectAsync(HttpStatusCode.OK))["lifecycle"].Value<string>());
        Assert.Equal("\"2\"", live.ETag());

        var retired = await Admin.PostJsonAsync($"/api/v1/services/{service.Id()}/lifecycle", new { lifecycle = "retired" });
        Assert.Equal("retired", (await retired.ExpectAsync(HttpStatusCode.OK))["lifecycle"].Value<string>());
    }

    [SkippableTheory]
    [InlineData("pipeline")]
    [InlineData("live")]
    [InlineData("retired")]
    public async Task ChangeServiceLifecycle_FromRetired_Returns409(string target)
    {
        var service = await _scenario.CreateServiceAsync();
        await _scenario.MoveAsync(service.Id(), "retired");

        var problem = await (await Admin.PostJsonAsync($"/api/v1/services/{service.Id()}/lifecycle", new { lifecycle = target }))
            .ExpectProblemAsync(HttpStatusCode.Conflict, "lifecycle-transition-not-allowed");
        Assert.Contains("retired is final", problem["detail"].Value<string>(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ChangeServiceLifecycle_LiveBackToPipeline_Returns409()
    {
        var service = await _scenario.CreateLiveServiceAsync();

        await (await Admin.PostJsonAsync($"/api/v1/services/{service.Id()}/lifecycle", new { lifecycle = "pipeline" }))
            .ExpectProblemAsync(HttpStatusCode.Conflict, "lifecycle-transition-not-allowed");
    }

    [SkippableFact]
    public async Task ChangeServiceLifecycle_GoLiveBeforeDependency_Returns409()
    {
        var storage = await _scenario.CreateServiceAsync(Scenario.ServiceBody(kind: "supporting"));
        var email = await _scenario.CreateServiceAsync(Scenario.ServiceBody(dependsOn: [storage.Id()]));

        var problem = await (await Admin.PostJsonAsync($"/api/v1/services/{email.Id()}/lifecycle", new { lifecycle = "live" }))
            .ExpectProblemAsync(HttpStatusCode.Conflict, "dependencies-not-live");
        Assert.Contains(storage["key"].Value<string>(), problem["detail"].Value<string>(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ChangeServiceLifecycle_RetireWhileUnderpinning_Returns409()
    {
        var storage = await _scenario.CreateLiveServiceAsync(Scenario.ServiceBody(kind: "supporting"));
        var email = await _scenario.CreateServiceAsync(Scenario.ServiceBody(dependsOn: [storage.Id()]));

        var problem = await (await Admin.PostJsonAsync($"/api/v1/services/{storage.Id()}/lifecycle", new { lifecycle = "retired" }))
            .ExpectProblemAsync(HttpStatusCode.Conflict, "service-has-dependants");
        Assert.Contains(email["key"].Value<string>(), problem["detail"].Value<string>(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task UpdateService_Retired_Returns409()
    {
        var service = await _scenario.CreateServiceAsync();
        var retired = await _scenario.MoveAsync(service.Id(), "retired");

        await (await Admin.PutJsonAsync($"/api/v1/services/{service.Id()}", Scenario.ServiceBody(service["key"].Value<string>()), $"\"{retired["version"].Value<int>()}\""))
            .ExpectProblemAsync(HttpStatusCode.Conflict, "service-retired");
    }

    [SkippableFact]
    public async Task CreateService_DependOnRetired_Returns409()
    {
        var old = await _scenario.CreateServiceAsync(Scenario.ServiceBody(kind: "supporting"));
        await _scenario.MoveAsync(old.Id(), "retired");

        await (await Admin.PostJsonAsync("/api/v1/services", Scenario.ServiceBody(dependsOn: [old.Id()]))).ExpectProblemAsync(HttpStatusCode.Conflict, "dependency-retired");
    }

    [SkippableTheory]
    [InlineData("""{}""")]
    [InlineData("""{"lifecycle":"decommissioned"}""")]
    public async Task ChangeServiceLifecycle_InvalidBody_Returns400(string json)
    {
        var service = await _scenario.CreateServiceAsync();

        var response = await Admin.PostAsync($"/api/v1/services/{service.Id()}/lifecycle", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task ChangeServiceLifecycle_StaleIfMatch_Returns412()
    {
        var service = await _scenario.CreateServiceAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/services/{service.Id()}/lifecycle") { Content = System.Net.Http.Json.JsonContent.Create(new { lifecycle = "live" }) };
        request.Headers.TryAddWithoutValidation("If-Match", "\"9\"");
        await (await Admin.SendAsync(request)).ExpectProblemAsync(HttpStatusCode.PreconditionFailed);
    }

    [SkippableFact]
    public async Task ListServices_Filters_ReturnOnlyMatches()
    {
        var category = TestApi.Unique("cat");
        var marker = TestApi.Unique("Zebra");
        var business = await _scenario.CreateLiveServiceAsync(WithCategory(Scenario.ServiceBody(name: marker + " Mail"), category));
        var supporting = await _scenario.CreateServiceAsync(WithCategory(Scenario.ServiceBody(kind: "supporting"), category));

        var byCategory = await ListAsync($"/api/v1/services?category={category}");
        Assert.Equal(new[] { business["key"].Value<string>(), supporting["key"].Value<string>() }.Order(StringComparer.Ordinal), byCategory.Select(Key));
        Assert.Equal([supporting["key"].Value<string>()], (await ListAsync($"/api/v1/services?category={category}&kind=supporting")).Select(Key));
        Assert.Equal([business["key"].Value<string>()], (await ListAsync($"/api/v1/services?category={category}&lifecycle=live")).Select(Key));
        Assert.Equal([business["key"].Value<string>()], (await ListAsync($"/api/v1/services?q={marker.ToUpperInvariant()}")).Select(Key));
        Assert.Equal([supporting["key"].Value<string>()], (await ListAsync($"/api/v1/services?key={supporting["key"].Value<string>()}")).Select(Key));

        // The business service was last updated (went live) before the supporting one was created.
        var since = Uri.EscapeDataString(supporting["updatedAt"].Value<string>());
        var recent = (await ListAsync($"/api/v1/services?category={category}&updatedSince={since}")).Select(Key).ToList();
        Assert.Equal([supporting["key"].Value<string>()], recent);
    }

    [SkippableTheory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("cursor=%%%", "cursor")]
    [InlineData("cursor=bm90LW91cnM", "cursor")]
    [InlineData("lifecycle=dead", "lifecycle")]
    [InlineData("kind=other", "kind")]
    public async Task ListServices_InvalidQuery_Returns400(string query, string field)
    {
        await (await Admin.GetAsync($"/api/v1/services?{query}")).ExpectValidationAsync(field);
    }

    [SkippableTheory]
    [InlineData("limit=ten")]
    [InlineData("updatedSince=yesterday")]
    public async Task ListServices_UnparsableQuery_Returns400(string query)
    {
        await (await Admin.GetAsync($"/api/v1/services?{query}")).ExpectProblemAsync(HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task ListServices_PagesWithConcurrentInserts_SeeEveryExistingServiceOnce()
    {
        var category = TestApi.Unique("paged");
        var existing = new List<string>();
        for (var i = 0; i < 9; i++)
        {
            existing.Add((await _scenario.CreateServiceAsync(WithCategory(Scenario.ServiceBody(), category)))["key"].Value<string>());
        }

        var seen = new List<string>();
        string? next = $"/api/v1/services?category={category}&limit=2";
        var pages = 0;
        while (next is not null)
        {
            var response = await Admin.GetAsync(next);
            var body = await response.ExpectAsync(HttpStatusCode.OK);
            var items = body["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
            Assert.InRange(items.Count, 0, 2);
            seen.AddRange(items.Select(Key));
            var link = response.NextLink();
            Assert.Equal(body["nextCursor"] is null, link is null);
            next = link is null ? null : new Uri(link).PathAndQuery;
            pages++;

            // Another writer inserts while the reader pages.
            await _scenario.CreateServiceAsync(WithCategory(Scenario.ServiceBody(), category));
            Assert.True(pages < 50, "Pagination did not terminate.");
        }

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Subset(seen.ToHashSet(), existing.ToHashSet());
        Assert.Equal(seen.Order(StringComparer.Ordinal), seen);
    }

    [SkippableFact]
    public async Task ListServices_LastPage_HasNoNextCursorOrLink()
    {
        var service = await _scenario.CreateServiceAsync();

        var response = await Admin.GetAsync($"/api/v1/services?key={service["key"].Value<string>()}");

        var body = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Null(body["nextCursor"]);
        Assert.Null(response.NextLink());
        Assert.Single(body["items"]!.AsArray());
    }

    private static JsonObject WithCategory(object body, string category)
    {
        var node = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(body))!.AsObject();
        node["category"] = category;
        return node;
    }

    private static string Key(JsonObject item) => item["key"].Value<string>();

    private async Task<List<JsonObject>> ListAsync(string path)
    {
        var body = await (await Admin.GetAsync(path)).ExpectAsync(HttpStatusCode.OK);
        return body["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
    }

    [SkippableFact]
    public async Task UpdateService_ConcurrentOppositeDependencies_NeverLeaveACycle()
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var a = await _scenario.CreateServiceAsync(Scenario.ServiceBody(kind: "supporting"));
            var b = await _scenario.CreateServiceAsync(Scenario.ServiceBody(kind: "supporting"));

            var results = await Task.WhenAll(
                factory.ClientWithKey().PutJsonAsync($"/api/v1/services/{a.Id()}", Scenario.ServiceBody(a["key"].Value<string>(), kind: "supporting", dependsOn: [b.Id()]), "\"1\""),
                factory.ClientWithKey().PutJsonAsync($"/api/v1/services/{b.Id()}", Scenario.ServiceBody(b["key"].Value<string>(), kind: "supporting", dependsOn: [a.Id()]), "\"1\""));

            Assert.Single(results, r => r.StatusCode == HttpStatusCode.OK);
            await results.Single(r => r.StatusCode != HttpStatusCode.OK).ExpectProblemAsync(HttpStatusCode.Conflict, "dependency-cycle");
        }
    }

    [SkippableFact]
    public async Task UpdateService_LiveServiceTakesPipelineDependency_Returns409()
    {
        var live = await _scenario.CreateLiveServiceAsync();
        var planned = await _scenario.CreateServiceAsync(Scenario.ServiceBody(kind: "supporting"));

        var response = await Admin.PutJsonAsync($"/api/v1/services/{live.Id()}", Scenario.ServiceBody(live["key"].Value<string>(), dependsOn: [planned.Id()]), "\"2\"");

        var problem = await response.ExpectProblemAsync(HttpStatusCode.Conflict, "dependencies-not-live");
        Assert.Contains(planned["key"].Value<string>(), problem["detail"].Value<string>(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task CreateService_NullAlternative_Returns400NotA500()
    {
        var json = """{"key":"k-null","name":"x","summary":"s","category":"c","owner":{"team":"t","contact":"c"},"kind":"business","cost":{"unit":"u","unitCostPerMonth":1,"currency":"EUR"},"alternatives":[null]}""";

        var response = await Admin.PostAsync("/api/v1/services", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await response.ExpectValidationAsync("alternatives[0]");
    }
}
