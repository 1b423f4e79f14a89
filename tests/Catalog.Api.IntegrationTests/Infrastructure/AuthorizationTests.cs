using System.Net;
using System.Net.Http.Json;
using Catalog.Api.IntegrationTests.Infrastructure;

namespace Catalog.Api.IntegrationTests.Infrastructure;

/// <summary>Every endpoint against every role: who may call it, who gets 403, and that nobody gets in without a key.</summary>
public sealed class AuthorizationTests(AuthorizationTests.Fixture fixture) : IClassFixture<AuthorizationTests.Fixture>
{
    private const string All = "admin,it-lead,customer,integrator";
    private const string Curators = "admin,it-lead";
    private const string Admins = "admin";

    /// <summary>
    /// Opening and deciding proposals: customers for themselves, IT leads and admins between services. Which of them
    /// decides a given proposal is the proposal's own rule (a 403 on the wrong one, pinned in ItForbiddenActionsTests
    /// and OperationalLevelAgreementTests).
    /// </summary>
    private const string Negotiators = "admin,it-lead,customer";

    /// <summary>
    /// Submitting takes no body, so nothing stops the request before the proposal's own rule: on the fixture's proposal,
    /// a customer's, only the customer passes.
    /// </summary>
    private const string CustomerOnly = "customer";
    private const string CustomerOrAdmin = "admin,customer";
    private const string FeedReaders = "admin,it-lead,integrator";
    private const string WebhookManagers = "admin,integrator";

    /// <summary>Method, path template, allowed roles. Write bodies are empty objects: allowed callers get 400, so nothing changes.</summary>
    private static readonly (string Method, string Path, string Allowed)[] Endpoints =
    [
        ("GET", "/api/v1/services", All),
        ("POST", "/api/v1/services", Curators),
        ("GET", "/api/v1/services/{service}", All),
        ("PUT", "/api/v1/services/{service}", Curators),
        ("POST", "/api/v1/services/{service}/lifecycle", Curators),
        ("GET", "/api/v1/services/{service}/impact", All),
        ("GET", "/api/v1/services/{service}/cost-comparison?units=3", All),
        ("GET", "/api/v1/customers", All),
        ("POST", "/api/v1/customers", Admins),
        ("GET", "/api/v1/customers/{customer}", All),
        ("PUT", "/api/v1/customers/{customer}", Admins),
        ("GET", "/api/v1/customers/{customer}/subscriptions", All),
        ("PUT", "/api/v1/customers/{customer}/subscriptions", Admins),
        ("GET", "/api/v1/customers/{customer}/subscriptions/{service}", All),
        ("GET", "/api/v1/customers/{customer}/charges", All),
        ("GET", "/api/v1/metrics", All),
        ("POST", "/api/v1/metrics", Admins),
        ("GET", "/api/v1/metrics/{metric}", All),
        ("GET", "/api/v1/api-keys", Admins),
        ("POST", "/api/v1/api-keys", Admins),
        ("GET", "/api/v1/api-keys/{apikey}", Admins),
        ("DELETE", "/api/v1/api-keys/{unknown}", Admins),
        ("GET", "/api/v1/proposals", All),
        ("POST", "/api/v1/proposals", Negotiators),
        ("GET", "/api/v1/proposals/{proposal}", All),
        ("POST", "/api/v1/proposals/{proposal}/submission", CustomerOnly),
        ("GET", "/api/v1/proposals/{proposal}/analyses", All),
        ("POST", "/api/v1/proposals/{proposal}/analyses", Curators),
        ("GET", "/api/v1/proposals/{proposal}/analyses/{analysis}", All),
        ("POST", "/api/v1/proposals/{proposal}/revisions", Negotiators),
        ("POST", "/api/v1/proposals/{proposal}/acceptance", Negotiators),
        ("POST", "/api/v1/proposals/{proposal}/withdrawal", Negotiators),
        ("GET", "/api/v1/proposals/{proposal}/timeline", All),
        ("GET", "/api/v1/agreements", All),
        ("GET", "/api/v1/agreements/{agreement}", All),
        ("GET", "/api/v1/agreements/{agreement}/versions", All),
        ("GET", "/api/v1/agreements/{agreement}/versions/1", All),
        ("GET", "/api/v1/agreements/{agreement}/versions/1/diff", All),
        ("GET", "/api/v1/agreements/{agreement}/versions/1/document", All),
        ("GET", "/api/v1/agreements/{agreement}/versions/1/openslo", All),
        ("POST", "/api/v1/agreements/{agreement}/termination", CustomerOrAdmin),
        ("GET", "/api/v1/changes", FeedReaders),
        ("GET", "/api/v1/export", FeedReaders),
        ("GET", "/api/v1/webhooks", WebhookManagers),
        ("POST", "/api/v1/webhooks", WebhookManagers),
        ("GET", "/api/v1/webhooks/{unknown}", WebhookManagers),
        ("DELETE", "/api/v1/webhooks/{unknown}", WebhookManagers),
        ("GET", "/api/v1/webhooks/{unknown}/deliveries", WebhookManagers),
        ("GET", "/api/v1/webhooks/{unknown}/deliveries/{unknown}", WebhookManagers),
        ("POST", "/api/v1/webhooks/{unknown}/deliveries/{unknown}/redelivery", WebhookManagers),
    ];

    public static TheoryData<string, string, string> Calls()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (method, path, _) in Endpoints)
        {
            foreach (var role in All.Split(','))
            {
                data.Add(method, path, role);
            }
        }

        return data;
    }

    public static TheoryData<string, string> Operations()
    {
        var data = new TheoryData<string, string>();
        foreach (var (method, path, _) in Endpoints)
        {
            data.Add(method, path);
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Calls))]
    public async Task Endpoint_EachRole_AllowedOrForbidden(string method, string path, string role)
    {
        var allowed = Endpoints.Single(e => e.Method == method && e.Path == path).Allowed.Split(',').Contains(role);

        var response = await fixture.Clients[role].SendAsync(fixture.Request(method, path));

        if (allowed)
        {
            Assert.True(
                response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.InternalServerError),
                $"{role} {method} {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        else
        {
            var problem = await response.ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden");
            Assert.Contains(role, problem["detail"].Value<string>(), StringComparison.Ordinal);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Operations))]
    public async Task Endpoint_NoKey_Returns401(string method, string path)
    {
        var response = await fixture.Anonymous.SendAsync(fixture.Request(method, path));

        await response.ExpectProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [SkippableTheory]
    [MemberData(nameof(Operations))]
    public async Task Endpoint_UnknownKey_Returns401(string method, string path)
    {
        using var request = fixture.Request(method, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "cat_not-a-key-anyone-was-ever-given");

        var problem = await (await fixture.Anonymous.SendAsync(request)).ExpectProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Contains("unknown or has been revoked", problem["detail"].Value<string>(), StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("Basic YWRtaW46YWRtaW4=")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    public async Task Endpoint_MalformedAuthorization_Returns401(string header)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/services");
        request.Headers.TryAddWithoutValidation("Authorization", header);

        await (await fixture.Anonymous.SendAsync(request)).ExpectProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [SkippableTheory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/swagger/index.html")]
    public async Task AnonymousEndpoint_NoKey_Returns200(string path)
    {
        var response = await fixture.Anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public sealed class Fixture : IAsyncLifetime, IDisposable
    {
        private readonly CatalogApiFactory _factory = new();
        private readonly Dictionary<string, string> _values = [];

        public Dictionary<string, HttpClient> Clients { get; } = [];

        public HttpClient Anonymous => _factory.ClientWithKey(null);

        public HttpRequestMessage Request(string method, string path)
        {
            var resolved = _values.Aggregate(path, (p, v) => p.Replace("{" + v.Key + "}", v.Value, StringComparison.Ordinal));
            var request = new HttpRequestMessage(new HttpMethod(method), resolved);
            if (method is "POST" or "PUT")
            {
                request.Content = JsonContent.Create(new { });
            }

            return request;
        }

        public async Task InitializeAsync()
        {
            var scenario = new Scenario(_factory);
            var service = await scenario.CreateLiveServiceAsync();
            var customer = await scenario.CreateCustomerAsync();
            await scenario.SubscribeAsync(customer.Id(), service.Id(), 10);
            var metrics = await (await scenario.Admin.GetAsync("/api/v1/metrics")).ExpectAsync(HttpStatusCode.OK);
            var keys = await (await scenario.Admin.GetAsync("/api/v1/api-keys")).ExpectAsync(HttpStatusCode.OK);
            _values["service"] = service.Id().ToString();
            _values["customer"] = customer.Id().ToString();
            _values["metric"] = metrics["items"]![0]!.AsObject().Id().ToString();
            _values["apikey"] = keys["items"]![0]!.AsObject().Id().ToString();
            _values["unknown"] = Guid.CreateVersion7().ToString();

            Clients["admin"] = scenario.Admin;
            Clients["it-lead"] = await scenario.ClientForAsync("it-lead");
            Clients["integrator"] = await scenario.ClientForAsync("integrator");
            Clients["customer"] = await scenario.ClientForAsync("customer", customer.Id());

            // The customer's own negotiation, analysed, and an agreement from an earlier one.
            var proposal = await (await Clients["customer"].PostJsonAsync("/api/v1/proposals", new
            {
                serviceId = service.Id(),
                title = "Matrix",
                businessJustification = "Authorization matrix.",
                targets = new[] { new { metric = "availability", value = 99.9m } },
                submit = true,
            })).ExpectAsync(HttpStatusCode.Created);
            var analysis = await (await Clients["it-lead"].PostJsonAsync($"/api/v1/proposals/{proposal.Id()}/analyses", NegotiationScenario.Analysis())).ExpectAsync(HttpStatusCode.Created);
            var earlier = await (await Clients["customer"].PostJsonAsync("/api/v1/proposals", new
            {
                serviceId = service.Id(),
                title = "Earlier",
                businessJustification = "Authorization matrix.",
                targets = new[] { new { metric = "availability", value = 99.5m } },
                submit = true,
            })).ExpectAsync(HttpStatusCode.Created);
            var earlierAnalysis = await (await Clients["it-lead"].PostJsonAsync($"/api/v1/proposals/{earlier.Id()}/analyses", NegotiationScenario.Analysis(100m))).ExpectAsync(HttpStatusCode.Created);
            var version = await (await Clients["customer"].PostJsonAsync($"/api/v1/proposals/{earlier.Id()}/acceptance", new { analysisId = earlierAnalysis.Id(), option = "proposed", monthlyCharge = 100m, signedBy = NegotiationScenario.Signer }))
                .ExpectAsync(HttpStatusCode.Created);
            _values["proposal"] = proposal.Id().ToString();
            _values["analysis"] = analysis.Id().ToString();
            _values["agreement"] = version["agreementId"]!.GetValue<string>();
        }

        public Task DisposeAsync() => Task.CompletedTask;

        public void Dispose() => _factory.Dispose();
    }
}
