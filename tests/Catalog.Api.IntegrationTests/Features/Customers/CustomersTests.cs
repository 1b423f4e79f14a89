using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Catalog.Api.IntegrationTests.Infrastructure;

namespace Catalog.Api.IntegrationTests.Features.Customers;

public sealed class CustomersTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private readonly Scenario _scenario = new(factory);

    private HttpClient Admin => _scenario.Admin;

    [SkippableFact]
    public async Task CreateCustomer_ValidBody_Returns201WithLocationETagAndBody()
    {
        var key = TestApi.Unique("sales");
        var response = await Admin.PostJsonAsync("/api/v1/customers", Scenario.CustomerBody(key));

        var body = await response.ExpectAsync(HttpStatusCode.Created);
        AssertJson(response);
        Assert.Equal($"/api/v1/customers/{body.Id()}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.ETag());
        Assert.Equal(key, body["key"].Value<string>());
        Assert.Equal("Sales Division", body["name"].Value<string>());
        Assert.Equal("CC-4711", body["costCenter"].Value<string>());
        Assert.Equal("sales-it@example.com", body["contactEmail"].Value<string>());
        Assert.Equal(1, body["version"].Value<int>());
        Assert.EndsWith("Z", body["createdAt"].Value<string>(), StringComparison.Ordinal);
        Assert.EndsWith("Z", body["updatedAt"].Value<string>(), StringComparison.Ordinal);

        var read = await Admin.GetAsync(response.Headers.Location!.OriginalString);
        var readBody = await read.ExpectAsync(HttpStatusCode.OK);
        AssertJson(read);
        Assert.Equal("\"1\"", read.ETag());
        Assert.Equal(body.ToJsonString(), readBody.ToJsonString());
    }

    [SkippableFact]
    public async Task CreateCustomer_DuplicateKey_Returns409CustomerKeyTaken()
    {
        var key = TestApi.Unique("dup");
        await _scenario.CreateCustomerAsync(Scenario.CustomerBody(key));

        var response = await Admin.PostJsonAsync("/api/v1/customers", Scenario.CustomerBody(key, name: "Another Division"));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.Conflict, "customer-key-taken");
        Assert.Contains(key, problem["detail"].Value<string>(), StringComparison.Ordinal);
        Assert.Null(response.Headers.Location);
    }

    [SkippableTheory]
    [InlineData("missing key", "key")]
    [InlineData("key not a slug", "key")]
    [InlineData("key with upper case", "key")]
    [InlineData("key too long", "key")]
    [InlineData("missing name", "name")]
    [InlineData("name too long", "name")]
    [InlineData("missing costCenter", "costCenter")]
    [InlineData("missing contactEmail", "contactEmail")]
    [InlineData("contactEmail not an email", "contactEmail")]
    public async Task CreateCustomer_InvalidField_Returns400NamingTheField(string variant, string field)
    {
        var body = ValidBody();
        switch (variant)
        {
            case "missing key": body.Remove("key"); break;
            case "key not a slug": body["key"] = "not a slug!"; break;
            case "key with upper case": body["key"] = "Sales-" + Guid.NewGuid().ToString("N")[..6]; break;
            case "key too long": body["key"] = new string('k', 65); break;
            case "missing name": body.Remove("name"); break;
            case "name too long": body["name"] = new string('n', 201); break;
            case "missing costCenter": body.Remove("costCenter"); break;
            case "missing contactEmail": body.Remove("contactEmail"); break;
            case "contactEmail not an email": body["contactEmail"] = "not-an-email"; break;
            default: throw new ArgumentOutOfRangeException(nameof(variant), variant, null);
        }

        var response = await Admin.PostJsonAsync("/api/v1/customers", body);

        var problem = await response.ExpectValidationAsync(field);
        Assert.NotEmpty(problem["errors"]![field]!.AsArray());
        Assert.Null(response.Headers.Location);
    }

    [SkippableFact]
    public async Task CreateCustomer_MalformedJson_Returns400MalformedRequest()
    {
        using var content = new StringContent("{ \"key\": ", System.Text.Encoding.UTF8, "application/json");
        var response = await Admin.PostAsync("/api/v1/customers", content);

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
    }

    [SkippableFact]
    public async Task GetCustomer_IfNoneMatchCurrentETag_Returns304WithETagAndNoBody()
    {
        var customer = await _scenario.CreateCustomerAsync();
        var path = $"/api/v1/customers/{customer.Id()}";

        var response = await Admin.GetAsync(path, ifNoneMatch: "\"1\"");

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal("\"1\"", response.ETag());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());

        var stale = await Admin.GetAsync(path, ifNoneMatch: "\"0\"");
        var body = await stale.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("\"1\"", stale.ETag());
        Assert.Equal(customer.Id(), body.Id());
    }

    [SkippableFact]
    public async Task GetCustomer_UnknownId_Returns404Problem()
    {
        var response = await Admin.GetAsync($"/api/v1/customers/{Guid.NewGuid()}");

        await response.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [SkippableFact]
    public async Task GetCustomer_NonGuidId_Returns404Problem()
    {
        var response = await Admin.GetAsync("/api/v1/customers/not-a-guid");

        await response.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [SkippableFact]
    public async Task GetCustomer_NonGuidId_ProblemCarriesAHumanDetail()
    {
        var response = await Admin.GetAsync("/api/v1/customers/not-a-guid");

        var problem = await response.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()), $"The problem has no detail: {problem.ToJsonString()}");
    }

    [SkippableFact]
    public async Task UpdateCustomer_WithoutIfMatch_Returns428PreconditionRequired()
    {
        var customer = await _scenario.CreateCustomerAsync();

        var response = await Admin.PutJsonAsync($"/api/v1/customers/{customer.Id()}", UpdateBody(customer));

        await response.ExpectProblemAsync((HttpStatusCode)428, "precondition-required");
        await AssertUnchangedAsync(customer);
    }

    [SkippableFact]
    public async Task UpdateCustomer_StaleIfMatch_Returns412PreconditionFailed()
    {
        var customer = await _scenario.CreateCustomerAsync();
        var path = $"/api/v1/customers/{customer.Id()}";
        (await Admin.PutJsonAsync(path, UpdateBody(customer), ifMatch: "\"1\"")).EnsureSuccessStatusCode();

        var response = await Admin.PutJsonAsync(path, UpdateBody(customer, name: "Lost Update"), ifMatch: "\"1\"");

        await response.ExpectProblemAsync(HttpStatusCode.PreconditionFailed, "precondition-failed");
        var read = await (await Admin.GetAsync(path)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Sales & Marketing", read["name"].Value<string>());
        Assert.Equal(2, read["version"].Value<int>());
    }

    [SkippableFact]
    public async Task UpdateCustomer_CurrentIfMatch_Returns200WithNewETagAndBody()
    {
        var customer = await _scenario.CreateCustomerAsync();
        var path = $"/api/v1/customers/{customer.Id()}";
        var etag = (await Admin.GetAsync(path)).ETag();

        var response = await Admin.PutJsonAsync(path, UpdateBody(customer), ifMatch: etag);

        var body = await response.ExpectAsync(HttpStatusCode.OK);
        AssertJson(response);
        Assert.Equal("\"2\"", response.ETag());
        Assert.Equal(customer.Id(), body.Id());
        Assert.Equal(customer["key"].Value<string>(), body["key"].Value<string>());
        Assert.Equal("Sales & Marketing", body["name"].Value<string>());
        Assert.Equal("CC-0815", body["costCenter"].Value<string>());
        Assert.Equal("marketing-it@example.com", body["contactEmail"].Value<string>());
        Assert.Equal(2, body["version"].Value<int>());
        Assert.Equal(customer["createdAt"].Value<string>(), body["createdAt"].Value<string>());
        Assert.True(Timestamp(body["updatedAt"]) >= Timestamp(customer["updatedAt"]));

        var read = await Admin.GetAsync(path);
        Assert.Equal(body.ToJsonString(), (await read.ExpectAsync(HttpStatusCode.OK)).ToJsonString());
        Assert.Equal("\"2\"", read.ETag());
    }

    [SkippableFact]
    public async Task UpdateCustomer_WithoutKey_Returns200KeepingTheKey()
    {
        var customer = await _scenario.CreateCustomerAsync();

        var response = await Admin.PutJsonAsync(
            $"/api/v1/customers/{customer.Id()}",
            new { name = "Sales West", costCenter = "CC-9", contactEmail = "west@example.com" },
            ifMatch: "\"1\"");

        var body = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("\"2\"", response.ETag());
        Assert.Equal(customer["key"].Value<string>(), body["key"].Value<string>());
        Assert.Equal("Sales West", body["name"].Value<string>());
    }

    [SkippableFact]
    public async Task UpdateCustomer_ChangedKey_Returns400NamingKey()
    {
        var customer = await _scenario.CreateCustomerAsync();

        var response = await Admin.PutJsonAsync(
            $"/api/v1/customers/{customer.Id()}",
            UpdateBody(customer, key: TestApi.Unique("renamed")),
            ifMatch: "\"1\"");

        await response.ExpectValidationAsync("key");
        await AssertUnchangedAsync(customer);
    }

    [SkippableFact]
    public async Task UpdateCustomer_InvalidEmail_Returns400NamingContactEmail()
    {
        var customer = await _scenario.CreateCustomerAsync();

        var response = await Admin.PutJsonAsync(
            $"/api/v1/customers/{customer.Id()}",
            new { name = "Sales", costCenter = "CC-1", contactEmail = "nobody" },
            ifMatch: "\"1\"");

        await response.ExpectValidationAsync("contactEmail");
        await AssertUnchangedAsync(customer);
    }

    [SkippableFact]
    public async Task UpdateCustomer_UnknownId_Returns404Problem()
    {
        var response = await Admin.PutJsonAsync(
            $"/api/v1/customers/{Guid.NewGuid()}",
            new { name = "Nobody", costCenter = "CC-1", contactEmail = "nobody@example.com" },
            ifMatch: "\"1\"");

        await response.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [SkippableFact]
    public async Task ListCustomers_KeyFilter_ReturnsOnlyThatCustomer()
    {
        var customer = await _scenario.CreateCustomerAsync();
        await _scenario.CreateCustomerAsync();
        var key = customer["key"].Value<string>();

        var response = await Admin.GetAsync($"/api/v1/customers?key={key}");

        var page = await response.ExpectAsync(HttpStatusCode.OK);
        AssertJson(response);
        var item = Assert.Single(Items(page));
        Assert.Equal(customer.ToJsonString(), item.ToJsonString());
        Assert.Null(page["nextCursor"]);
        Assert.True(page.ContainsKey("nextCursor"));
        Assert.Null(response.NextLink());
    }

    [SkippableFact]
    public async Task ListCustomers_QueryInOtherCase_MatchesNameCaseInsensitively()
    {
        var token = Guid.NewGuid().ToString("N")[..12];
        var first = await _scenario.CreateCustomerAsync(Scenario.CustomerBody(name: $"Finance {token} North"));
        var second = await _scenario.CreateCustomerAsync(Scenario.CustomerBody(name: $"finance {token} south"));
        await _scenario.CreateCustomerAsync(Scenario.CustomerBody(name: "Finance Elsewhere"));

        var response = await Admin.GetAsync($"/api/v1/customers?q={token.ToUpperInvariant()}");

        var page = await response.ExpectAsync(HttpStatusCode.OK);
        AssertJson(response);
        Assert.Equal(
            new[] { first.Id(), second.Id() }.Order(),
            Items(page).Select(i => i.Id()).Order());
    }

    [SkippableFact]
    public async Task ListCustomers_QueryWithNonAsciiLetterInOtherCase_MatchesNameCaseInsensitively()
    {
        var token = Guid.NewGuid().ToString("N")[..12];
        var customer = await _scenario.CreateCustomerAsync(Scenario.CustomerBody(name: $"Öffentliche Hand {token}"));

        var response = await Admin.GetAsync($"/api/v1/customers?q={Uri.EscapeDataString($"öffentliche hand {token}")}");

        var page = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([customer.Id()], Items(page).Select(i => i.Id()));
    }

    [SkippableFact]
    public async Task ListCustomers_UpdatedSince_ReturnsOnlyCustomersChangedFromThen()
    {
        var token = Guid.NewGuid().ToString("N")[..12];
        var older = await _scenario.CreateCustomerAsync(Scenario.CustomerBody(name: $"Older {token}"));
        var newer = await _scenario.CreateCustomerAsync(Scenario.CustomerBody(name: $"Newer {token}"));
        var since = Uri.EscapeDataString(newer["updatedAt"].Value<string>());

        var response = await Admin.GetAsync($"/api/v1/customers?q={token}&updatedSince={since}");

        var page = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([newer.Id()], Items(page).Select(i => i.Id()));

        (await Admin.PutJsonAsync($"/api/v1/customers/{older.Id()}", UpdateBody(older, name: $"Older {token} renamed"), ifMatch: "\"1\"")).EnsureSuccessStatusCode();
        var afterUpdate = await (await Admin.GetAsync($"/api/v1/customers?q={token}&updatedSince={since}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(new[] { older.Id(), newer.Id() }.Order(), Items(afterUpdate).Select(i => i.Id()).Order());
    }

    [SkippableFact]
    public async Task ListCustomers_UnparsableUpdatedSince_Returns400()
    {
        var response = await Admin.GetAsync("/api/v1/customers?updatedSince=yesterday");

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task ListCustomers_Limit2_PagesThroughLinkHeaderWithoutDuplicates()
    {
        var token = Guid.NewGuid().ToString("N")[..12];
        var created = new List<JsonObject>();
        for (var i = 0; i < 5; i++)
        {
            created.Add(await _scenario.CreateCustomerAsync(Scenario.CustomerBody(name: $"Paging {token} {i}")));
        }

        var pages = await ReadAllPagesAsync(Admin, $"/api/v1/customers?q={token}&limit=2");

        Assert.Equal(3, pages.Count);
        Assert.All(pages, p => Assert.InRange(p.Count, 1, 2));
        var keys = pages.SelectMany(p => p).Select(i => i["key"].Value<string>()).ToList();
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(created.Select(c => c["key"].Value<string>()).Order(StringComparer.Ordinal), keys);
    }

    [SkippableTheory]
    [InlineData(0)]
    [InlineData(201)]
    [InlineData(-1)]
    public async Task ListCustomers_LimitOutOfRange_Returns400NamingLimit(int limit)
    {
        var response = await Admin.GetAsync($"/api/v1/customers?limit={limit}");

        await response.ExpectValidationAsync("limit");
    }

    [SkippableTheory]
    [InlineData(1)]
    [InlineData(200)]
    public async Task ListCustomers_LimitAtBounds_Returns200(int limit)
    {
        await _scenario.CreateCustomerAsync();

        var response = await Admin.GetAsync($"/api/v1/customers?limit={limit}");

        var page = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.InRange(Items(page).Count, 1, limit);
    }

    [SkippableTheory]
    [InlineData("garbage!!")]
    [InlineData("bm90LWEtY3Vyc29y")]
    public async Task ListCustomers_ForeignCursor_Returns400NamingCursor(string cursor)
    {
        var response = await Admin.GetAsync($"/api/v1/customers?cursor={Uri.EscapeDataString(cursor)}");

        await response.ExpectValidationAsync("cursor");
    }

    [SkippableFact]
    public async Task ListCustomers_CustomerKey_SeesOnlyItsOwnCustomer()
    {
        var own = await _scenario.CreateCustomerAsync();
        var other = await _scenario.CreateCustomerAsync();
        var client = await _scenario.ClientForAsync("customer", own.Id());

        var response = await client.GetAsync("/api/v1/customers");
        var page = await response.ExpectAsync(HttpStatusCode.OK);
        var item = Assert.Single(Items(page));
        Assert.Equal(own.Id(), item.Id());

        var filtered = await (await client.GetAsync($"/api/v1/customers?key={other["key"].Value<string>()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(Items(filtered));
    }

    [SkippableFact]
    public async Task GetCustomer_CustomerKeyOwnCustomer_Returns200()
    {
        var own = await _scenario.CreateCustomerAsync();
        var client = await _scenario.ClientForAsync("customer", own.Id());

        var response = await client.GetAsync($"/api/v1/customers/{own.Id()}");

        var body = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("\"1\"", response.ETag());
        Assert.Equal(own.ToJsonString(), body.ToJsonString());
    }

    [SkippableFact]
    public async Task GetCustomer_CustomerKeyOtherCustomer_Returns404NotForbidden()
    {
        var own = await _scenario.CreateCustomerAsync();
        var other = await _scenario.CreateCustomerAsync();
        var client = await _scenario.ClientForAsync("customer", own.Id());

        var response = await client.GetAsync($"/api/v1/customers/{other.Id()}");

        var problem = await response.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.DoesNotContain(other["key"].Value<string>(), problem.ToJsonString(), StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("it-lead")]
    [InlineData("integrator")]
    public async Task ReadCustomers_StaffRole_SeesEveryCustomer(string role)
    {
        var first = await _scenario.CreateCustomerAsync();
        var second = await _scenario.CreateCustomerAsync();
        var client = await _scenario.ClientForAsync(role);

        var one = await client.GetAsync($"/api/v1/customers/{first.Id()}");
        Assert.Equal(first.ToJsonString(), (await one.ExpectAsync(HttpStatusCode.OK)).ToJsonString());
        Assert.Equal("\"1\"", one.ETag());

        var listed = await (await client.GetAsync($"/api/v1/customers?key={second["key"].Value<string>()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(second.Id(), Assert.Single(Items(listed)).Id());
    }

    [SkippableTheory]
    [InlineData("it-lead")]
    [InlineData("integrator")]
    [InlineData("customer")]
    public async Task CreateCustomer_NonAdminRole_Returns403Forbidden(string role)
    {
        var client = await _scenario.ClientForAsync(role);
        var key = TestApi.Unique("forbidden");

        var response = await client.PostJsonAsync("/api/v1/customers", Scenario.CustomerBody(key));

        await response.ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        var listed = await (await Admin.GetAsync($"/api/v1/customers?key={key}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(Items(listed));
    }

    [SkippableTheory]
    [InlineData("it-lead")]
    [InlineData("integrator")]
    [InlineData("customer")]
    public async Task UpdateCustomer_NonAdminRole_Returns403Forbidden(string role)
    {
        var customer = await _scenario.CreateCustomerAsync();
        var client = role == "customer"
            ? await _scenario.ClientForAsync(role, customer.Id())
            : await _scenario.ClientForAsync(role);

        var response = await client.PutJsonAsync($"/api/v1/customers/{customer.Id()}", UpdateBody(customer), ifMatch: "\"1\"");

        await response.ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await AssertUnchangedAsync(customer);
    }

    [SkippableTheory]
    [InlineData(null)]
    [InlineData("cat_not-a-real-key-00000000000000")]
    public async Task ListCustomers_NoOrUnknownKey_Returns401WithBearerChallenge(string? apiKey)
    {
        var client = factory.ClientWithKey(apiKey);

        var response = await client.GetAsync("/api/v1/customers");

        await response.ExpectProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    private static Dictionary<string, object?> ValidBody() => new()
    {
        ["key"] = TestApi.Unique("cust"),
        ["name"] = "Sales Division",
        ["costCenter"] = "CC-4711",
        ["contactEmail"] = "sales-it@example.com",
    };

    private static object UpdateBody(JsonObject customer, string? key = null, string name = "Sales & Marketing") => new
    {
        key = key ?? customer["key"].Value<string>(),
        name,
        costCenter = "CC-0815",
        contactEmail = "marketing-it@example.com",
    };

    private async Task AssertUnchangedAsync(JsonObject customer)
    {
        var read = await Admin.GetAsync($"/api/v1/customers/{customer.Id()}");
        Assert.Equal(customer.ToJsonString(), (await read.ExpectAsync(HttpStatusCode.OK)).ToJsonString());
        Assert.Equal("\"1\"", read.ETag());
    }

    private static void AssertJson(HttpResponseMessage response) =>
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);

    private static List<JsonObject> Items(JsonObject page) => page["items"]!.AsArray().Select(i => i!.AsObject()).ToList();

    private static DateTime Timestamp(JsonNode? node) =>
        DateTime.Parse(node.Value<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    /// <summary>Follows <c>Link: rel="next"</c> from the first page to the last, checking it agrees with <c>nextCursor</c>.</summary>
    private static async Task<List<List<JsonObject>>> ReadAllPagesAsync(HttpClient client, string firstPage)
    {
        var pages = new List<List<JsonObject>>();
        string? next = firstPage;
        while (next is not null)
        {
            Assert.True(pages.Count < 100, "Paging did not end.");
            var response = await client.GetAsync(next);
            var page = await response.ExpectAsync(HttpStatusCode.OK);
            AssertJson(response);
            Assert.True(page.ContainsKey("nextCursor"));
            var cursor = page["nextCursor"]?.GetValue<string>();
            next = response.NextLink();
            if (cursor is null)
            {
                Assert.Null(next);
            }
            else
            {
                Assert.NotNull(next);
                Assert.Contains("cursor=" + Uri.EscapeDataString(cursor), next, StringComparison.Ordinal);
                foreach (var parameter in firstPage.Split('?', 2)[1].Split('&'))
                {
                    Assert.Contains(parameter, next, StringComparison.Ordinal);
                }
            }

            pages.Add(Items(page));
        }

        return pages;
    }
}
