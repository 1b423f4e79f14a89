using System.Net;
using System.Text.Json.Nodes;
using Catalog.Api.IntegrationTests.Infrastructure;

namespace Catalog.Api.IntegrationTests.Features.ApiKeys;

public sealed class ApiKeysTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private readonly Scenario _scenario = new(factory);

    private HttpClient Admin => _scenario.Admin;

    [SkippableFact]
    public async Task CreateApiKey_ItLeadRole_Returns201WithSecretShownOnce()
    {
        var name = TestApi.Unique("service-desk");
        var response = await Admin.PostJsonAsync("/api/v1/api-keys", new { name, role = "it-lead" });

        var body = await response.ExpectAsync(HttpStatusCode.Created);
        AssertJson(response);
        Assert.Equal($"/api/v1/api-keys/{body.Id()}", response.Headers.Location?.OriginalString);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal("\"1\"", response.ETag());
        var secret = body["key"].Value<string>();
        var prefix = body["prefix"].Value<string>();
        Assert.StartsWith("cat_", secret, StringComparison.Ordinal);
        Assert.True(secret.Length >= 40, $"The secret '{secret}' is too short to be a 256-bit random value.");
        Assert.StartsWith("cat_", prefix, StringComparison.Ordinal);
        Assert.StartsWith(prefix, secret, StringComparison.Ordinal);
        Assert.True(prefix.Length < secret.Length);
        Assert.Equal(name, body["name"].Value<string>());
        Assert.Equal("it-lead", body["role"].Value<string>());
        Assert.Null(body["customerId"]);
        Assert.True(body["active"].Value<bool>());
        Assert.Null(body["revokedAt"]);
        Assert.EndsWith("Z", body["createdAt"].Value<string>(), StringComparison.Ordinal);

        var itLead = factory.ClientWithKey(secret);
        var services = await itLead.GetAsync("/api/v1/services");
        await services.ExpectAsync(HttpStatusCode.OK);

        var read = await Admin.GetAsync(response.Headers.Location!.OriginalString);
        var readBody = await read.ExpectAsync(HttpStatusCode.OK);
        Assert.False(readBody.ContainsKey("key"));
        Assert.DoesNotContain(secret, readBody.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(prefix, readBody["prefix"].Value<string>());
        Assert.Equal("\"1\"", read.ETag());
    }

    [SkippableFact]
    public async Task CreateApiKey_CustomerRoleWithCustomer_Returns201BoundToThatCustomer()
    {
        var customer = await _scenario.CreateCustomerAsync();

        var response = await Admin.PostJsonAsync("/api/v1/api-keys", new { name = TestApi.Unique("portal"), role = "customer", customerId = customer.Id() });

        var body = await response.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/api-keys/{body.Id()}", response.Headers.Location?.OriginalString);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal("customer", body["role"].Value<string>());
        Assert.Equal(customer.Id().ToString(), body["customerId"].Value<string>());

        var asCustomer = factory.ClientWithKey(body["key"].Value<string>());
        var own = await (await asCustomer.GetAsync("/api/v1/customers")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(customer.Id(), Assert.Single(own["items"]!.AsArray())!.AsObject().Id());
    }

    [SkippableTheory]
    [InlineData("admin")]
    [InlineData("integrator")]
    public async Task CreateApiKey_OtherRoles_Returns201InKebabCase(string role)
    {
        var response = await Admin.PostJsonAsync("/api/v1/api-keys", new { name = TestApi.Unique(role), role });

        var body = await response.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(role, body["role"].Value<string>());
        await (await factory.ClientWithKey(body["key"].Value<string>()).GetAsync("/api/v1/metrics")).ExpectAsync(HttpStatusCode.OK);
    }

    [SkippableTheory]
    [InlineData("customer role without customerId", "customerId")]
    [InlineData("it-lead role with customerId", "customerId")]
    [InlineData("integrator role with customerId", "customerId")]
    [InlineData("customer role with unknown customerId", "customerId")]
    [InlineData("missing name", "name")]
    [InlineData("name too long", "name")]
    [InlineData("missing role", "role")]
    public async Task CreateApiKey_InvalidField_Returns400NamingTheField(string variant, string field)
    {
        var customer = await _scenario.CreateCustomerAsync();
        object body = variant switch
        {
            "customer role without customerId" => new { name = TestApi.Unique("k"), role = "customer" },
            "it-lead role with customerId" => new { name = TestApi.Unique("k"), role = "it-lead", customerId = customer.Id() },
            "integrator role with customerId" => new { name = TestApi.Unique("k"), role = "integrator", customerId = customer.Id() },
            "customer role with unknown customerId" => new { name = TestApi.Unique("k"), role = "customer", customerId = Guid.NewGuid() },
            "missing name" => new { role = "integrator" },
            "name too long" => new { name = new string('k', 201), role = "integrator" },
            "missing role" => new { name = TestApi.Unique("k") },
            _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, null),
        };
        var before = await ReadAllAsync(Admin, "/api/v1/api-keys?limit=200");

        var response = await Admin.PostJsonAsync("/api/v1/api-keys", body);

        var problem = await response.ExpectValidationAsync(field);
        Assert.Null(response.Headers.Location);
        Assert.DoesNotContain("cat_", problem.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(before.Count, (await ReadAllAsync(Admin, "/api/v1/api-keys?limit=200")).Count);
    }

    [SkippableFact]
    public async Task CreateApiKey_UnknownRole_Returns400MalformedRequest()
    {
        var response = await Admin.PostJsonAsync("/api/v1/api-keys", new { name = TestApi.Unique("root"), role = "superuser" });

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
        Assert.Null(response.Headers.Location);
    }

    [SkippableFact]
    public async Task ListApiKeys_AnyPage_NeverContainsASecret()
    {
        var issued = await IssueAsync("integrator");

        var keys = await ReadAllAsync(Admin, "/api/v1/api-keys?limit=2");

        Assert.Contains(keys, k => k.Id() == issued.Id());
        Assert.All(keys, k => Assert.False(k.ContainsKey("key"), $"Key {k.Id()} exposes a 'key' member."));
        Assert.All(keys, k => Assert.False(string.IsNullOrEmpty(k["prefix"].Value<string>())));
        Assert.DoesNotContain(keys, k => k.ToJsonString().Contains(issued["key"].Value<string>(), StringComparison.Ordinal));
        var ids = keys.Select(k => k.Id()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(ids.Order(), ids);
    }

    [SkippableFact]
    public async Task ListApiKeys_RoleFilter_ReturnsOnlyThatRole()
    {
        var itLead = await IssueAsync("it-lead");
        var integrator = await IssueAsync("integrator");

        var keys = await ReadAllAsync(Admin, "/api/v1/api-keys?role=it-lead");

        Assert.All(keys, k => Assert.Equal("it-lead", k["role"].Value<string>()));
        Assert.Contains(keys, k => k.Id() == itLead.Id());
        Assert.DoesNotContain(keys, k => k.Id() == integrator.Id());
    }

    [SkippableFact]
    public async Task ListApiKeys_ActiveFilter_SeparatesRevokedFromActive()
    {
        var revoked = await IssueAsync("integrator");
        var active = await IssueAsync("integrator");
        (await Admin.DeleteAsync($"/api/v1/api-keys/{revoked.Id()}")).EnsureSuccessStatusCode();

        var inactive = await ReadAllAsync(Admin, "/api/v1/api-keys?active=false");
        Assert.All(inactive, k => Assert.False(k["active"].Value<bool>()));
        Assert.All(inactive, k => Assert.NotNull(k["revokedAt"]));
        Assert.Contains(inactive, k => k.Id() == revoked.Id());
        Assert.DoesNotContain(inactive, k => k.Id() == active.Id());

        var activeOnly = await ReadAllAsync(Admin, "/api/v1/api-keys?active=true&role=integrator");
        Assert.All(activeOnly, k => Assert.True(k["active"].Value<bool>()));
        Assert.Contains(activeOnly, k => k.Id() == active.Id());
        Assert.DoesNotContain(activeOnly, k => k.Id() == revoked.Id());
    }

    [SkippableTheory]
    [InlineData("role=superuser", "role")]
    [InlineData("role=ItLead", "role")]
    [InlineData("limit=0", "limit")]
    [InlineData("cursor=not-ours", "cursor")]
    public async Task ListApiKeys_InvalidQuery_Returns400NamingTheParameter(string query, string field)
    {
        var response = await Admin.GetAsync($"/api/v1/api-keys?{query}");

        await response.ExpectValidationAsync(field);
    }

    [SkippableFact]
    public async Task GetApiKey_IfNoneMatchCurrentETag_Returns304WithETagAndNoBody()
    {
        var issued = await IssueAsync("integrator");

        var response = await Admin.GetAsync($"/api/v1/api-keys/{issued.Id()}", ifNoneMatch: "\"1\"");

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal("\"1\"", response.ETag());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [SkippableFact]
    public async Task GetApiKey_UnknownId_Returns404Problem()
    {
        var response = await Admin.GetAsync($"/api/v1/api-keys/{Guid.NewGuid()}");

        await response.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [SkippableFact]
    public async Task RevokeApiKey_ActiveKey_Returns204AndTheKeyFailsOnItsNextRequest()
    {
        var issued = await IssueAsync("integrator");
        var client = factory.ClientWithKey(issued["key"].Value<string>());
        await (await client.GetAsync("/api/v1/services")).ExpectAsync(HttpStatusCode.OK);

        var response = await Admin.DeleteAsync($"/api/v1/api-keys/{issued.Id()}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());

        var rejected = await client.GetAsync("/api/v1/services");
        await rejected.ExpectProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Contains(rejected.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");

        var read = await Admin.GetAsync($"/api/v1/api-keys/{issued.Id()}");
        var body = await read.ExpectAsync(HttpStatusCode.OK);
        Assert.False(body["active"].Value<bool>());
        Assert.EndsWith("Z", body["revokedAt"].Value<string>(), StringComparison.Ordinal);
        Assert.Equal("\"2\"", read.ETag());
    }

    [SkippableFact]
    public async Task RevokeApiKey_AlreadyRevoked_Returns204AndChangesNothing()
    {
        var issued = await IssueAsync("it-lead");
        (await Admin.DeleteAsync($"/api/v1/api-keys/{issued.Id()}")).EnsureSuccessStatusCode();
        var first = await (await Admin.GetAsync($"/api/v1/api-keys/{issued.Id()}")).ExpectAsync(HttpStatusCode.OK);

        var response = await Admin.DeleteAsync($"/api/v1/api-keys/{issued.Id()}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var read = await Admin.GetAsync($"/api/v1/api-keys/{issued.Id()}");
        Assert.Equal(first.ToJsonString(), (await read.ExpectAsync(HttpStatusCode.OK)).ToJsonString());
        Assert.Equal("\"2\"", read.ETag());
    }

    [SkippableFact]
    public async Task RevokeApiKey_UnknownId_Returns404Problem()
    {
        var response = await Admin.DeleteAsync($"/api/v1/api-keys/{Guid.NewGuid()}");

        await response.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [SkippableFact]
    public async Task RevokeApiKey_AdminKeyWhileAnotherAdminRemains_Returns204()
    {
        var second = await IssueAsync("admin");
        var secondClient = factory.ClientWithKey(second["key"].Value<string>());
        await (await secondClient.GetAsync("/api/v1/api-keys?role=admin")).ExpectAsync(HttpStatusCode.OK);

        var response = await Admin.DeleteAsync($"/api/v1/api-keys/{second.Id()}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await (await secondClient.GetAsync("/api/v1/api-keys")).ExpectProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        await (await Admin.GetAsync("/api/v1/api-keys")).ExpectAsync(HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task RevokeApiKey_LastActiveAdminKey_Returns409LastAdminKey()
    {
        await using var fresh = new CatalogApiFactory();
        var admin = fresh.ClientWithKey();
        var admins = await ReadAllAsync(admin, "/api/v1/api-keys?role=admin&active=true");
        var bootstrap = Assert.Single(admins);
        Assert.Equal("bootstrap-admin", bootstrap["name"].Value<string>());

        var response = await admin.DeleteAsync($"/api/v1/api-keys/{bootstrap.Id()}");

        await response.ExpectProblemAsync(HttpStatusCode.Conflict, "last-admin-key");
        var read = await admin.GetAsync($"/api/v1/api-keys/{bootstrap.Id()}");
        Assert.True((await read.ExpectAsync(HttpStatusCode.OK))["active"].Value<bool>());
        Assert.Equal("\"1\"", read.ETag());
    }

    [SkippableFact]
    public async Task RevokeApiKey_BootstrapAfterIssuingAnotherAdmin_Returns204AndTheNewAdminBecomesTheLast()
    {
        await using var fresh = new CatalogApiFactory();
        var bootstrapClient = fresh.ClientWithKey();
        var bootstrap = Assert.Single(await ReadAllAsync(bootstrapClient, "/api/v1/api-keys?role=admin"));
        var successor = await (await bootstrapClient.PostJsonAsync("/api/v1/api-keys", new { name = "operator", role = "admin" }))
            .ExpectAsync(HttpStatusCode.Created);
        var successorClient = fresh.ClientWithKey(successor["key"].Value<string>());

        var response = await successorClient.DeleteAsync($"/api/v1/api-keys/{bootstrap.Id()}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await (await bootstrapClient.GetAsync("/api/v1/api-keys")).ExpectProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        var self = await successorClient.DeleteAsync($"/api/v1/api-keys/{successor.Id()}");
        await self.ExpectProblemAsync(HttpStatusCode.Conflict, "last-admin-key");
        await (await successorClient.GetAsync("/api/v1/api-keys")).ExpectAsync(HttpStatusCode.OK);
    }

    [SkippableTheory]
    [InlineData("it-lead")]
    [InlineData("integrator")]
    [InlineData("customer")]
    public async Task ApiKeys_NonAdminRole_Returns403ForEveryVerb(string role)
    {
        var client = await _scenario.ClientForAsync(role);
        var target = await IssueAsync("integrator");

        await (await client.GetAsync("/api/v1/api-keys")).ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await client.GetAsync($"/api/v1/api-keys/{target.Id()}")).ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await client.PostJsonAsync("/api/v1/api-keys", new { name = TestApi.Unique("sneaky"), role = "admin" }))
            .ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await client.DeleteAsync($"/api/v1/api-keys/{target.Id()}")).ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        var read = await (await Admin.GetAsync($"/api/v1/api-keys/{target.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(read["active"].Value<bool>());
        Assert.DoesNotContain(await ReadAllAsync(Admin, "/api/v1/api-keys?role=admin"), k => k["name"].Value<string>().StartsWith("sneaky-", StringComparison.Ordinal));
    }

    [SkippableTheory]
    [InlineData(null)]
    [InlineData("cat_not-a-real-key-00000000000000")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task ApiKeys_NoOrUnknownKey_Returns401WithBearerChallenge(string? apiKey)
    {
        var client = factory.CreateClient();
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", apiKey.StartsWith("Basic ", StringComparison.Ordinal) ? apiKey : "Bearer " + apiKey);
        }

        var list = await client.GetAsync("/api/v1/api-keys");
        await list.ExpectProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Contains(list.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");

        var create = await client.PostJsonAsync("/api/v1/api-keys", new { name = TestApi.Unique("anon"), role = "admin" });
        await create.ExpectProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    private async Task<JsonObject> IssueAsync(string role) =>
        await (await Admin.PostJsonAsync("/api/v1/api-keys", new { name = TestApi.Unique(role), role })).ExpectAsync(HttpStatusCode.Created);

    private static void AssertJson(HttpResponseMessage response) =>
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);

    /// <summary>Every item of a list, following <c>Link: rel="next"</c> and checking it agrees with <c>nextCursor</c>.</summary>
    private static async Task<List<JsonObject>> ReadAllAsync(HttpClient client, string firstPage)
    {
        var items = new List<JsonObject>();
        string? next = firstPage;
        for (var pages = 0; next is not null; pages++)
        {
            Assert.True(pages < 500, "Paging did not end.");
            var response = await client.GetAsync(next);
            var page = await response.ExpectAsync(HttpStatusCode.OK);
            AssertJson(response);
            var cursor = page["nextCursor"]?.GetValue<string>();
            next = response.NextLink();
            Assert.Equal(cursor is null, next is null);
            if (cursor is not null)
            {
                Assert.Contains("cursor=" + Uri.EscapeDataString(cursor), next, StringComparison.Ordinal);
            }

            items.AddRange(page["items"]!.AsArray().Select(i => i!.AsObject()));
        }

        return items;
    }

    [SkippableFact]
    public async Task RevokeApiKey_TheLastTwoAdminKeysAtOnce_LeavesOneActive()
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var own = new CatalogApiFactory();
            var bootstrap = own.ClientWithKey();
            var second = await (await bootstrap.PostJsonAsync("/api/v1/api-keys", new { name = "second admin", role = "admin" })).ExpectAsync(HttpStatusCode.Created);
            var secondClient = own.ClientWithKey(second["key"].Value<string>());
            var admins = await (await bootstrap.GetAsync("/api/v1/api-keys?role=admin")).ExpectAsync(HttpStatusCode.OK);
            var bootstrapId = admins["items"]!.AsArray().Single(k => k!["name"].Value<string>() == "bootstrap-admin")!.AsObject().Id();

            // Each admin revokes the other at the same moment.
            var results = await Task.WhenAll(
                bootstrap.DeleteAsync($"/api/v1/api-keys/{second.Id()}"),
                secondClient.DeleteAsync($"/api/v1/api-keys/{bootstrapId}"));

            Assert.Contains(results, r => r.StatusCode == HttpStatusCode.NoContent);
            var survivors = 0;
            foreach (var client in new[] { bootstrap, secondClient })
            {
                if ((await client.GetAsync("/api/v1/api-keys?role=admin&active=true")).StatusCode == HttpStatusCode.OK)
                {
                    survivors++;
                }
            }

            Assert.Equal(1, survivors);
        }
    }
}
