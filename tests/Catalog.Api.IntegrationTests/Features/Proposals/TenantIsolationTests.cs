using System.Net;
using Catalog.Api.IntegrationTests.Infrastructure;

namespace Catalog.Api.IntegrationTests.Features.Proposals;

/// <summary>
/// A customer never sees another customer's negotiation: every proposal endpoint answers another customer's key
/// exactly as it answers an id that does not exist (404, not 403), and nothing the other customer sends changes
/// the owner's proposals. Staff roles read everything.
/// </summary>
public sealed class TenantIsolationTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    [SkippableTheory]
    [InlineData("GET", "/api/v1/proposals/{analysed}")]
    [InlineData("GET", "/api/v1/proposals/{analysed}/analyses")]
    [InlineData("GET", "/api/v1/proposals/{analysed}/analyses/{analysis}")]
    [InlineData("GET", "/api/v1/proposals/{analysed}/timeline")]
    [InlineData("POST", "/api/v1/proposals/{draft}/submission")]
    [InlineData("POST", "/api/v1/proposals/{analysed}/revisions")]
    [InlineData("POST", "/api/v1/proposals/{analysed}/acceptance")]
    [InlineData("POST", "/api/v1/proposals/{analysed}/withdrawal")]
    public async Task ProposalEndpoint_OtherCustomersKey_Returns404LikeAnUnknownIdAndChangesNothing(string method, string template)
    {
        var tenants = await TenantsAsync();
        var before = await tenants.SnapshotAsync();
        var (path, ownerId) = tenants.Resolve(template);
        var body = tenants.BodyFor(path);

        var response = await tenants.Other.CustomerClient.SendJsonAsync(new HttpMethod(method), path, body);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.False(response.Headers.Contains("ETag"));
        Assert.Equal(path, problem["instance"].Value<string>());

        // Indistinguishable from a proposal that does not exist: same status, type, title and detail (but for the id).
        var unknownId = Guid.CreateVersion7().ToString();
        var unknown = await (await tenants.Other.CustomerClient.SendJsonAsync(new HttpMethod(method), path.Replace(ownerId, unknownId, StringComparison.Ordinal), body))
            .ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.Equal(unknown["title"].Value<string>(), problem["title"].Value<string>());
        Assert.Equal(unknown["detail"].Value<string>().Replace(unknownId, ownerId, StringComparison.Ordinal), problem["detail"].Value<string>());
        Assert.DoesNotContain(tenants.Owner.Customer["name"].Value<string>(), problem.ToJsonString(), StringComparison.Ordinal);

        // The owner's negotiation is exactly as it was: no submission, round, acceptance, agreement or withdrawal.
        Assert.Equal(before, await tenants.SnapshotAsync());
        var draft = await (await tenants.Owner.CustomerClient.GetAsync($"/api/v1/proposals/{tenants.Draft}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("draft", draft["status"].Value<string>());
        var analysed = await (await tenants.Owner.CustomerClient.GetAsync($"/api/v1/proposals/{tenants.Analysed}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("analysed", analysed["status"].Value<string>());
        Assert.Equal(1, analysed["currentRound"].Value<int>());
        Assert.Equal(tenants.Analysis.ToString(), analysed["currentAnalysisId"].Value<string>());
    }

    [SkippableTheory]
    [InlineData("/api/v1/proposals/{analysed}")]
    [InlineData("/api/v1/proposals/{analysed}/analyses/{analysis}")]
    [InlineData("/api/v1/proposals/{analysed}/timeline")]
    public async Task ConditionalGet_OtherCustomersKeyWithOwnersETag_Returns404Not304(string template)
    {
        var tenants = await TenantsAsync();
        var (path, _) = tenants.Resolve(template);
        var owners = await tenants.Owner.CustomerClient.GetAsync(path);
        await owners.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NotModified, (await tenants.Owner.CustomerClient.GetAsync(path, owners.ETag())).StatusCode);

        var guessed = await tenants.Other.CustomerClient.GetAsync(path, owners.ETag());
        var wildcard = await tenants.Other.CustomerClient.GetAsync(path, "*");

        await guessed.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
        await wildcard.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.False(guessed.Headers.Contains("ETag"));
    }

    [SkippableFact]
    public async Task ListProposals_OtherCustomersKey_ContainsOnlyItsOwnEvenWhenFilteringForTheOwner()
    {
        var tenants = await TenantsAsync();
        var own = await tenants.Other.ProposeAsync(title: "Other's own proposal");
        var ownerIds = new[] { tenants.Draft.ToString(), tenants.Analysed.ToString() };
        var ownerCustomer = tenants.Owner.Customer.Id();

        var all = await tenants.Other.CustomerClient.ReadAllAsync("/api/v1/proposals?limit=1");
        var filteredByOwner = await tenants.Other.CustomerClient.ReadAllAsync($"/api/v1/proposals?customerId={ownerCustomer}");
        var filteredByOwnerAndStatus = await tenants.Other.CustomerClient.ReadAllAsync($"/api/v1/proposals?customerId={ownerCustomer}&status=analysed");
        var filteredByOwnersService = await tenants.Other.CustomerClient.ReadAllAsync($"/api/v1/proposals?serviceId={tenants.Owner.Service.Id()}");
        var filteredByStatus = await tenants.Other.CustomerClient.ReadAllAsync("/api/v1/proposals?status=draft");

        var item = Assert.Single(all);
        Assert.Equal(own.Id(), item.Id());
        Assert.Equal(tenants.Other.Customer.Id().ToString(), item["customerId"].Value<string>());
        Assert.Empty(filteredByOwner);
        Assert.Empty(filteredByOwnerAndStatus);
        Assert.Empty(filteredByOwnersService);
        Assert.Empty(filteredByStatus);

        // The owner's proposals exist and are listed to the owner and to an admin.
        var ownersView = await tenants.Owner.CustomerClient.ReadAllAsync("/api/v1/proposals");
        var adminView = await tenants.Owner.Admin.ReadAllAsync($"/api/v1/proposals?customerId={ownerCustomer}");
        Assert.Equal(ownerIds.Order(StringComparer.Ordinal), ownersView.Select(p => p.Id().ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(ownerIds.Order(StringComparer.Ordinal), adminView.Select(p => p.Id().ToString()).Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task CreateProposal_CustomerNamingAnotherCustomer_Returns404LikeAnUnknownCustomerAndCreatesNothing()
    {
        var tenants = await TenantsAsync();
        var owner = tenants.Owner.Customer.Id().ToString();
        var before = await tenants.SnapshotAsync();

        var response = await tenants.Other.CustomerClient.PostJsonAsync("/api/v1/proposals", ProposalBody(tenants.Other.Service.Id(), owner));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.Null(response.Headers.Location);
        var unknownId = Guid.CreateVersion7().ToString();
        var unknown = await (await tenants.Other.CustomerClient.PostJsonAsync("/api/v1/proposals", ProposalBody(tenants.Other.Service.Id(), unknownId)))
            .ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.Equal(unknown["detail"].Value<string>().Replace(unknownId, owner, StringComparison.Ordinal), problem["detail"].Value<string>());
        Assert.Equal(before, await tenants.SnapshotAsync());
        Assert.Empty(await tenants.Other.Admin.ReadAllAsync($"/api/v1/proposals?customerId={tenants.Other.Customer.Id()}"));
    }

    [SkippableFact]
    public async Task CreateProposal_CustomerNamingItself_Returns201ForItself()
    {
        var tenants = await TenantsAsync();
        var self = tenants.Other.Customer.Id().ToString();

        var response = await tenants.Other.CustomerClient.PostJsonAsync("/api/v1/proposals", ProposalBody(tenants.Other.Service.Id(), self));

        var body = await response.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/proposals/{body.Id()}", response.Headers.Location?.OriginalString);
        Assert.Equal(self, body["customerId"].Value<string>());
        Assert.Equal("draft", body["status"].Value<string>());
    }

    [SkippableTheory]
    [InlineData("admin")]
    [InlineData("it-lead")]
    [InlineData("integrator")]
    public async Task ReadOwnersNegotiation_StaffRole_Returns200WithTheOwnersData(string role)
    {
        var tenants = await TenantsAsync();
        var client = await tenants.ClientForAsync(role);
        var owners = await (await tenants.Owner.CustomerClient.GetAsync($"/api/v1/proposals/{tenants.Analysed}")).ExpectAsync(HttpStatusCode.OK);

        var proposalResponse = await client.GetAsync($"/api/v1/proposals/{tenants.Analysed}");
        var analysesResponse = await client.GetAsync($"/api/v1/proposals/{tenants.Analysed}/analyses");
        var analysisResponse = await client.GetAsync($"/api/v1/proposals/{tenants.Analysed}/analyses/{tenants.Analysis}");
        var timelineResponse = await client.GetAsync($"/api/v1/proposals/{tenants.Analysed}/timeline");
        var listResponse = await client.GetAsync($"/api/v1/proposals?customerId={tenants.Owner.Customer.Id()}");

        var proposal = await proposalResponse.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal($"\"{owners["version"].Value<int>()}\"", proposalResponse.ETag());
        Assert.Equal(owners.ToJsonString(), proposal.ToJsonString());
        Assert.Equal(tenants.Owner.Customer.Id().ToString(), proposal["customerId"].Value<string>());

        var analyses = await analysesResponse.ExpectItemsAsync(HttpStatusCode.OK);
        Assert.Equal(tenants.Analysis.ToString(), Assert.Single(analyses)!["id"].Value<string>());

        var analysis = await analysisResponse.ExpectAsync(HttpStatusCode.OK);
        Assert.False(string.IsNullOrEmpty(analysisResponse.ETag()));
        Assert.Equal(tenants.Analysed.ToString(), analysis["proposalId"].Value<string>());
        Assert.True(analysis["current"].Value<bool>());

        var timeline = await timelineResponse.ExpectAsync(HttpStatusCode.OK);
        Assert.False(string.IsNullOrEmpty(timelineResponse.ETag()));
        Assert.Equal(["created", "submitted", "analysed"], timeline["entries"]!.AsArray().Select(e => e!["type"].Value<string>()));

        var list = await listResponse.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(
            new[] { tenants.Draft.ToString(), tenants.Analysed.ToString() }.Order(StringComparer.Ordinal),
            list["items"]!.AsArray().Select(p => p!["id"].Value<string>()).Order(StringComparer.Ordinal));
    }

    private static object ProposalBody(Guid serviceId, string customerId) => new
    {
        serviceId,
        customerId,
        title = "Someone else's targets",
        businessJustification = "Trying to negotiate for another business unit.",
        targets = NegotiationScenario.Targets(),
    };

    /// <summary>
    /// Two business units, each with its own service and key. The owner has a draft and an analysed proposal;
    /// the other customer tries to reach them.
    /// </summary>
    private async Task<Tenants> TenantsAsync()
    {
        var owner = await NegotiationScenario.StartAsync(factory, "Owner Platform");
        var other = await NegotiationScenario.StartAsync(factory, "Other Platform");
        var draft = await owner.ProposeAsync(submit: false, title: "Owner's draft");
        var analysed = await owner.ProposeAsync(title: "Owner's analysed proposal");
        var analysis = await owner.AnalyseAsync(analysed.Id(), NegotiationScenario.Analysis(counterOffer: NegotiationScenario.CounterOffer()));
        return new Tenants(owner, other, draft.Id(), analysed.Id(), analysis.Id());
    }

    private sealed record Tenants(NegotiationScenario Owner, NegotiationScenario Other, Guid Draft, Guid Analysed, Guid Analysis)
    {
        /// <summary>The path with the owner's ids filled in, and the top-level id it addresses.</summary>
        public (string Path, string OwnerId) Resolve(string template)
        {
            var ownerId = template.Contains("{draft}", StringComparison.Ordinal) ? Draft.ToString() : Analysed.ToString();
            var path = template
                .Replace("{draft}", Draft.ToString(), StringComparison.Ordinal)
                .Replace("{analysed}", Analysed.ToString(), StringComparison.Ordinal)
                .Replace("{analysis}", Analysis.ToString(), StringComparison.Ordinal);
            return (path, ownerId);
        }

        /// <summary>A body the owner could send successfully, so only the caller's identity makes the difference.</summary>
        public object? BodyFor(string path) => path[(path.LastIndexOf('/') + 1)..] switch
        {
            "revisions" => new { targets = NegotiationScenario.Targets(99.5m, 60m), note = "Revised by someone else." },
            "acceptance" => new { analysisId = Analysis, option = "proposed", monthlyCharge = 4_000m, signedBy = NegotiationScenario.Signer },
            "withdrawal" => new { reason = "Withdrawn by someone else." },
            _ => null,
        };

        public async Task<HttpClient> ClientForAsync(string role) => role switch
        {
            "admin" => Owner.Admin,
            "it-lead" => Owner.ItLead,
            _ => await Owner.Catalog.ClientForAsync(role),
        };

        /// <summary>Everything of the owner's negotiation, read by an admin.</summary>
        public async Task<string> SnapshotAsync()
        {
            var customer = Owner.Customer.Id();
            string[] paths =
            [
                $"/api/v1/proposals/{Draft}",
                $"/api/v1/proposals/{Draft}/timeline",
                $"/api/v1/proposals/{Analysed}",
                $"/api/v1/proposals/{Analysed}/analyses",
                $"/api/v1/proposals/{Analysed}/timeline",
                $"/api/v1/proposals?customerId={customer}",
                $"/api/v1/agreements?customerId={customer}",
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
