using System.Net;
using Catalog.Api.IntegrationTests.Infrastructure;

namespace Catalog.Api.IntegrationTests.Features.Agreements;

/// <summary>
/// Who reaches an agreement: its customer and the staff roles read it; another customer gets 404 on every
/// agreement endpoint, exactly as for an agreement that does not exist; only its customer or an admin ends it.
/// </summary>
public sealed class AgreementAccessTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    [SkippableTheory]
    [InlineData("GET", "/api/v1/agreements/{agreement}")]
    [InlineData("GET", "/api/v1/agreements/{agreement}/versions")]
    [InlineData("GET", "/api/v1/agreements/{agreement}/versions/2")]
    [InlineData("GET", "/api/v1/agreements/{agreement}/versions/2/diff")]
    [InlineData("GET", "/api/v1/agreements/{agreement}/versions/2/diff?from=1")]
    [InlineData("GET", "/api/v1/agreements/{agreement}/versions/1/document")]
    [InlineData("POST", "/api/v1/agreements/{agreement}/termination")]
    public async Task AgreementEndpoint_OtherCustomersKey_Returns404LikeAnUnknownIdAndChangesNothing(string method, string template)
    {
        var tenants = await TenantsAsync();
        var before = await tenants.SnapshotAsync();
        var ownerId = tenants.Agreement.ToString();
        var path = template.Replace("{agreement}", ownerId, StringComparison.Ordinal);
        object? body = method == "POST" ? new { reason = "Ended by someone else." } : null;

        var response = await tenants.Other.CustomerClient.SendJsonAsync(new HttpMethod(method), path, body);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.False(response.Headers.Contains("ETag"));

        // Indistinguishable from an agreement that does not exist: same type, title and detail (but for the id).
        var unknownId = Guid.CreateVersion7().ToString();
        var unknown = await (await tenants.Other.CustomerClient.SendJsonAsync(new HttpMethod(method), path.Replace(ownerId, unknownId, StringComparison.Ordinal), body))
            .ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.Equal(unknown["title"].Value<string>(), problem["title"].Value<string>());
        Assert.Equal(unknown["detail"].Value<string>().Replace(unknownId, ownerId, StringComparison.Ordinal), problem["detail"].Value<string>());

        // The owner's agreement is exactly as it was: still active, both versions, nothing terminated.
        Assert.Equal(before, await tenants.SnapshotAsync());
        var agreement = await (await tenants.Owner.CustomerClient.GetAsync($"/api/v1/agreements/{tenants.Agreement}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("active", agreement["status"].Value<string>());
        Assert.Equal(2, agreement["versionCount"].Value<int>());
        Assert.Null(agreement["terminatedAt"]);
    }

    [SkippableTheory]
    [InlineData("/api/v1/agreements/{agreement}")]
    [InlineData("/api/v1/agreements/{agreement}/versions/1")]
    [InlineData("/api/v1/agreements/{agreement}/versions/2/diff")]
    [InlineData("/api/v1/agreements/{agreement}/versions/2/document")]
    public async Task ConditionalGet_OtherCustomersKeyWithOwnersETag_Returns404Not304(string template)
    {
        var tenants = await TenantsAsync();
        var path = template.Replace("{agreement}", tenants.Agreement.ToString(), StringComparison.Ordinal);
        var owners = await tenants.Owner.CustomerClient.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, owners.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await tenants.Owner.CustomerClient.GetAsync(path, owners.ETag())).StatusCode);

        var guessed = await tenants.Other.CustomerClient.GetAsync(path, owners.ETag());
        var wildcard = await tenants.Other.CustomerClient.GetAsync(path, "*");

        await guessed.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
        await wildcard.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [SkippableFact]
    public async Task GetDocument_OtherCustomersKeyAcceptingNeitherFormat_AnswersExactlyAsForAnUnknownAgreement()
    {
        var tenants = await TenantsAsync();
        var ownerId = tenants.Agreement.ToString();
        var unknownId = Guid.CreateVersion7().ToString();

        var owners = await GetWithAcceptAsync(tenants.Other.CustomerClient, $"/api/v1/agreements/{ownerId}/versions/1/document", "application/json");
        var unknown = await GetWithAcceptAsync(tenants.Other.CustomerClient, $"/api/v1/agreements/{unknownId}/versions/1/document", "application/json");

        // Whatever the answer, it must not tell the other customer that the agreement exists.
        var problem = await owners.ExpectProblemAsync(unknown.StatusCode);
        var unknownProblem = await unknown.ExpectProblemAsync(owners.StatusCode);
        Assert.Equal(unknownProblem["type"].Value<string>(), problem["type"].Value<string>());
        Assert.Equal(unknownProblem["detail"].Value<string>().Replace(unknownId, ownerId, StringComparison.Ordinal), problem["detail"].Value<string>());
        Assert.False(owners.Headers.Contains("ETag"));
    }

    [SkippableFact]
    public async Task ListAgreements_OtherCustomersKey_ContainsOnlyItsOwnEvenWhenFilteringForTheOwner()
    {
        var tenants = await TenantsAsync();
        var own = await tenants.Other.AgreeAsync();
        var ownerCustomer = tenants.Owner.Customer.Id();

        var all = await tenants.Other.CustomerClient.ReadAllAsync("/api/v1/agreements?limit=1");
        var filteredByOwner = await tenants.Other.CustomerClient.ReadAllAsync($"/api/v1/agreements?customerId={ownerCustomer}");
        var filteredByOwnerAndStatus = await tenants.Other.CustomerClient.ReadAllAsync($"/api/v1/agreements?customerId={ownerCustomer}&status=active");
        var filteredByOwnersService = await tenants.Other.CustomerClient.ReadAllAsync($"/api/v1/agreements?serviceId={tenants.Owner.Service.Id()}");
        var filteredByStatus = await tenants.Other.CustomerClient.ReadAllAsync("/api/v1/agreements?status=active");

        var item = Assert.Single(all);
        Assert.Equal(own["agreementId"].Value<string>(), item["id"].Value<string>());
        Assert.Equal(tenants.Other.Customer.Id().ToString(), item["customerId"].Value<string>());
        Assert.Empty(filteredByOwner);
        Assert.Empty(filteredByOwnerAndStatus);
        Assert.Empty(filteredByOwnersService);
        Assert.Equal(item["id"].Value<string>(), Assert.Single(filteredByStatus)["id"].Value<string>());

        // The owner's agreement exists and is listed to the owner and to an admin.
        var ownersView = await tenants.Owner.CustomerClient.ReadAllAsync("/api/v1/agreements");
        var adminView = await tenants.Owner.Admin.ReadAllAsync($"/api/v1/agreements?customerId={ownerCustomer}");
        Assert.Equal(tenants.Agreement, Assert.Single(ownersView).Id());
        Assert.Equal(tenants.Agreement, Assert.Single(adminView).Id());
    }

    [SkippableTheory]
    [InlineData("admin")]
    [InlineData("it-lead")]
    [InlineData("integrator")]
    public async Task ReadOwnersAgreement_StaffRole_Returns200WithTheOwnersData(string role)
    {
        var tenants = await TenantsAsync();
        var client = role switch
        {
            "admin" => tenants.Owner.Admin,
            "it-lead" => tenants.Owner.ItLead,
            _ => await tenants.Owner.Catalog.ClientForAsync(role),
        };
        var basePath = $"/api/v1/agreements/{tenants.Agreement}";
        var ownersResponse = await tenants.Owner.CustomerClient.GetAsync(basePath);
        var owners = await ownersResponse.ExpectAsync(HttpStatusCode.OK);

        var agreementResponse = await client.GetAsync(basePath);
        var versionsResponse = await client.GetAsync($"{basePath}/versions");
        var versionResponse = await client.GetAsync($"{basePath}/versions/2");
        var diffResponse = await client.GetAsync($"{basePath}/versions/2/diff");
        var documentResponse = await client.GetAsync($"{basePath}/versions/2/document");
        var listResponse = await client.GetAsync($"/api/v1/agreements?customerId={tenants.Owner.Customer.Id()}");

        var agreement = await agreementResponse.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(ownersResponse.ETag(), agreementResponse.ETag());
        Assert.Equal(owners.ToJsonString(), agreement.ToJsonString());
        Assert.Equal(tenants.Owner.Customer.Id().ToString(), agreement["customerId"].Value<string>());
        Assert.Equal(2, agreement["current"]!["number"].Value<int>());

        var versions = await versionsResponse.ExpectItemsAsync(HttpStatusCode.OK);
        Assert.Equal([1, 2], versions.Select(v => v!["number"].Value<int>()));

        var version = await versionResponse.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("\"2\"", versionResponse.ETag());
        Assert.Equal(5_000m, version["monthlyCharge"].Value<decimal>());

        var diff = await diffResponse.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, diff["from"].Value<int>());
        Assert.Equal(2, diff["to"].Value<int>());
        Assert.Equal(["stricter", "stricter"], diff["targets"]!.AsArray().Select(t => t!["change"].Value<string>()));

        Assert.Equal(HttpStatusCode.OK, documentResponse.StatusCode);
        Assert.Equal("text/markdown", documentResponse.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Owner Platform for Trading Desk", await documentResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var list = await listResponse.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(tenants.Agreement, Assert.Single(list["items"]!.AsArray())!.AsObject().Id());
    }

    [SkippableFact]
    public async Task ReadAgreement_ItsCustomer_TargetsAreMetricValueAndScopeOnly()
    {
        var tenants = await TenantsAsync();
        var path = $"/api/v1/agreements/{tenants.Agreement}";

        var agreement = await (await tenants.Owner.CustomerClient.GetAsync(path)).ExpectAsync(HttpStatusCode.OK);
        var version = await (await tenants.Owner.CustomerClient.GetAsync($"{path}/versions/2")).ExpectAsync(HttpStatusCode.OK);

        // The spec's target is { metric, value, scope? }; nothing internal (such as the metric/scope identity) leaks out.
        foreach (var targets in new[] { agreement["current"]!["targets"]!.AsArray(), version["targets"]!.AsArray() })
        {
            Assert.Equal(2, targets.Count);
            Assert.All(targets, t => Assert.Equal(["metric", "scope", "value"], t!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal)));
        }

        Assert.Equal(99.99m, version["targets"]![0]!["value"].Value<decimal>());
        Assert.Equal("P1", version["targets"]![1]!["scope"].Value<string>());
    }

    [SkippableFact]
    public async Task TerminateAgreement_ItsCustomer_Returns200TerminatedAndKeepsTheHistoryReadable()
    {
        var tenants = await TenantsAsync();
        var path = $"/api/v1/agreements/{tenants.Agreement}";
        var versionsBefore = await (await tenants.Owner.CustomerClient.GetAsync($"{path}/versions")).Content.ReadAsStringAsync();

        var response = await tenants.Owner.CustomerClient.PostJsonAsync($"{path}/termination", new { reason = "  The desk moves to another platform.  " });

        var body = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.False(string.IsNullOrEmpty(response.ETag()));
        Assert.Equal("terminated", body["status"].Value<string>());
        Assert.Equal("The desk moves to another platform.", body["terminationReason"].Value<string>());
        Assert.Equal("customer", body["terminatedBy"]!["role"].Value<string>());
        Assert.EndsWith("Z", body["terminatedAt"].Value<string>(), StringComparison.Ordinal);
        Assert.Equal(2, body["versionCount"].Value<int>());
        Assert.Equal(2, body["current"]!["number"].Value<int>());

        var read = await tenants.Owner.CustomerClient.GetAsync(path);
        Assert.Equal(body.ToJsonString(), (await read.ExpectAsync(HttpStatusCode.OK)).ToJsonString());
        Assert.Equal(response.ETag(), read.ETag());
        var versions = await tenants.Owner.CustomerClient.GetAsync($"{path}/versions");
        Assert.Equal(HttpStatusCode.OK, versions.StatusCode);
        Assert.Equal(versionsBefore, await versions.Content.ReadAsStringAsync());
        await (await tenants.Owner.CustomerClient.GetAsync($"{path}/versions/1")).ExpectAsync(HttpStatusCode.OK);
        var document = await tenants.Owner.CustomerClient.GetAsync($"{path}/versions/2/document");
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.Equal("text/markdown", document.Content.Headers.ContentType?.MediaType);
        var terminated = await tenants.Owner.Admin.ReadAllAsync($"/api/v1/agreements?customerId={tenants.Owner.Customer.Id()}&status=terminated");
        Assert.Equal(tenants.Agreement, Assert.Single(terminated).Id());
    }

    [SkippableFact]
    public async Task TerminateAgreement_Admin_Returns200Terminated()
    {
        var tenants = await TenantsAsync();

        var response = await tenants.Owner.Admin.PostJsonAsync($"/api/v1/agreements/{tenants.Agreement}/termination", new { reason = "Business unit dissolved." });

        var body = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.False(string.IsNullOrEmpty(response.ETag()));
        Assert.Equal("terminated", body["status"].Value<string>());
        Assert.Equal("Business unit dissolved.", body["terminationReason"].Value<string>());
        Assert.Equal("admin", body["terminatedBy"]!["role"].Value<string>());
        var read = await (await tenants.Owner.CustomerClient.GetAsync($"/api/v1/agreements/{tenants.Agreement}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("terminated", read["status"].Value<string>());
    }

    [SkippableTheory]
    [InlineData("customer")]
    [InlineData("admin")]
    public async Task TerminateAgreement_AlreadyTerminated_Returns409AgreementTerminatedAndKeepsTheFirstTermination(string role)
    {
        var tenants = await TenantsAsync();
        var client = role == "admin" ? tenants.Owner.Admin : tenants.Owner.CustomerClient;
        var path = $"/api/v1/agreements/{tenants.Agreement}";
        await (await tenants.Owner.CustomerClient.PostJsonAsync($"{path}/termination", new { reason = "First." })).ExpectAsync(HttpStatusCode.OK);
        var first = await (await tenants.Owner.Admin.GetAsync(path)).ExpectAsync(HttpStatusCode.OK);

        var response = await client.PostJsonAsync($"{path}/termination", new { reason = "Second." });

        var problem = await response.ExpectProblemAsync(HttpStatusCode.Conflict, "agreement-terminated");
        Assert.Equal("terminated", problem["currentStatus"].Value<string>());
        var after = await (await tenants.Owner.Admin.GetAsync(path)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(first.ToJsonString(), after.ToJsonString());
        Assert.Equal("First.", after["terminationReason"].Value<string>());
    }

    [SkippableTheory]
    [InlineData("{}")]
    [InlineData("""{"reason":null}""")]
    [InlineData("""{"reason":"   "}""")]
    public async Task TerminateAgreement_NoReason_Returns400NamingReasonAndStaysActive(string json)
    {
        var tenants = await TenantsAsync();
        var path = $"/api/v1/agreements/{tenants.Agreement}";
        var before = await tenants.SnapshotAsync();

        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        var response = await tenants.Owner.CustomerClient.PostAsync($"{path}/termination", content);

        await response.ExpectValidationAsync("reason");
        Assert.Equal(before, await tenants.SnapshotAsync());
    }

    [SkippableFact]
    public async Task TerminateAgreement_ReasonTooLong_Returns400NamingReason()
    {
        var tenants = await TenantsAsync();

        var response = await tenants.Owner.CustomerClient.PostJsonAsync(
            $"/api/v1/agreements/{tenants.Agreement}/termination", new { reason = new string('x', 2001) });

        await response.ExpectValidationAsync("reason");
    }
    private static async Task<HttpResponseMessage> GetWithAcceptAsync(HttpClient client, string path, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        return await client.SendAsync(request);
    }
    /// <summary>
    /// Two business units, each with its own service and key. The owner holds an agreement with two versions
    /// (99.9 % / 60 min at 3,000 a month, then 99.99 % / 15 min at 2,000 more); the other customer tries to reach it.
    /// </summary>
    private async Task<Tenants> TenantsAsync()
    {
        var owner = await NegotiationScenario.StartAsync(factory, "Owner Platform");
        var other = await NegotiationScenario.StartAsync(factory, "Other Platform");
        var first = await owner.AgreeAsync(NegotiationScenario.Targets(99.9m, 60m), 3_000m);
        var second = await owner.AgreeAsync(NegotiationScenario.Targets(99.99m, 15m), 2_000m);
        Assert.Equal(first["agreementId"].Value<string>(), second["agreementId"].Value<string>());
        Assert.Equal(2, second["number"].Value<int>());
        return new Tenants(owner, other, Guid.Parse(second["agreementId"].Value<string>()));
    }

    private sealed record Tenants(NegotiationScenario Owner, NegotiationScenario Other, Guid Agreement)
    {
        /// <summary>Everything of the owner's agreement, read by an admin.</summary>
        public async Task<string> SnapshotAsync()
        {
            string[] paths =
            [
                $"/api/v1/agreements/{Agreement}",
                $"/api/v1/agreements/{Agreement}/versions",
                $"/api/v1/agreements/{Agreement}/versions/1",
                $"/api/v1/agreements/{Agreement}/versions/2",
                $"/api/v1/agreements?customerId={Owner.Customer.Id()}",
                $"/api/v1/proposals?customerId={Owner.Customer.Id()}",
            ];
            var parts = new List<string>();
            foreach (var path in paths)
            {
                var response = await Owner.Admin.GetAsync(path);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                parts.Add($"{path} {response.Headers.ETag} {await response.Content.ReadAsStringAsync()}");
            }

            return string.Join('\n', parts);
        }
    }
}
