using System.Net;
using System.Text.Json.Nodes;
using Catalog.Api.IntegrationTests.Infrastructure;

namespace Catalog.Api.IntegrationTests.Features.Metrics;

public sealed class MetricsTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private static readonly string[] BackupTiers = ["bronze", "silver", "gold"];

    private readonly Scenario _scenario = new(factory);

    private HttpClient Admin => _scenario.Admin;

    [SkippableFact]
    public async Task ListMetrics_FreshInstallation_ContainsTheSixBuiltIns()
    {
        var metrics = (await ReadAllAsync(Admin)).ToDictionary(m => m["key"].Value<string>());

        AssertBuiltIn(metrics["availability"], "percent", "higher-is-stricter", scopeHint: null);
        AssertBuiltIn(metrics["time-to-restore"], "minutes", "lower-is-stricter", scopeHint: "priority");
        AssertBuiltIn(metrics["response-time"], "milliseconds", "lower-is-stricter", scopeHint: "percentile");
        AssertBuiltIn(metrics["recovery-point"], "minutes", "lower-is-stricter", scopeHint: null);
        AssertBuiltIn(metrics["recovery-time"], "minutes", "lower-is-stricter", scopeHint: null);

        var supportHours = metrics["support-hours"];
        Assert.True(supportHours["builtIn"].Value<bool>());
        Assert.Equal("level", supportHours["valueType"].Value<string>());
        Assert.Equal("higher-is-stricter", supportHours["direction"].Value<string>());
        Assert.Equal(["business-hours", "extended-hours", "24x7"], Levels(supportHours));

        Assert.Equal(6, metrics.Values.Count(m => m["builtIn"].Value<bool>()));
    }

    [SkippableTheory]
    [InlineData("admin")]
    [InlineData("it-lead")]
    [InlineData("integrator")]
    [InlineData("customer")]
    public async Task ListMetrics_AnyRole_Returns200(string role)
    {
        var client = role == "admin" ? Admin : await _scenario.ClientForAsync(role);

        var response = await client.GetAsync("/api/v1/metrics");

        var page = await response.ExpectAsync(HttpStatusCode.OK);
        AssertJson(response);
        Assert.True(page.ContainsKey("nextCursor"));
        Assert.Contains(Items(page), m => m["key"].Value<string>() == "availability");
    }

    [SkippableFact]
    public async Task ListMetrics_Limit2_PagesThroughLinkHeaderWithoutDuplicates()
    {
        var all = await ReadAllAsync(Admin, limit: 2);

        var keys = all.Select(m => m["key"].Value<string>()).ToList();
        Assert.True(keys.Count >= 6);
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
    }

    [SkippableTheory]
    [InlineData(0)]
    [InlineData(201)]
    public async Task ListMetrics_LimitOutOfRange_Returns400NamingLimit(int limit)
    {
        var response = await Admin.GetAsync($"/api/v1/metrics?limit={limit}");

        await response.ExpectValidationAsync("limit");
    }

    [SkippableFact]
    public async Task ListMetrics_ForeignCursor_Returns400NamingCursor()
    {
        var response = await Admin.GetAsync("/api/v1/metrics?cursor=%25%25%25");

        await response.ExpectValidationAsync("cursor");
    }

    [SkippableFact]
    public async Task CreateMetric_NumberMetric_Returns201WithLocationETagAndBody()
    {
        var key = TestApi.Unique("first-call-resolution");
        var response = await Admin.PostJsonAsync("/api/v1/metrics", new
        {
            key,
            name = "First-call resolution",
            unit = "percent",
            direction = "higher-is-stricter",
            scopeHint = "channel",
        });

        var body = await response.ExpectAsync(HttpStatusCode.Created);
        AssertJson(response);
        Assert.Equal($"/api/v1/metrics/{body.Id()}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.ETag());
        Assert.Equal(key, body["key"].Value<string>());
        Assert.Equal("First-call resolution", body["name"].Value<string>());
        Assert.Equal("percent", body["unit"].Value<string>());
        Assert.Equal("higher-is-stricter", body["direction"].Value<string>());
        Assert.Equal("number", body["valueType"].Value<string>());
        Assert.Empty(body["levels"]!.AsArray());
        Assert.Equal("channel", body["scopeHint"].Value<string>());
        Assert.False(body["builtIn"].Value<bool>());
        Assert.EndsWith("Z", body["createdAt"].Value<string>(), StringComparison.Ordinal);

        var read = await Admin.GetAsync(response.Headers.Location!.OriginalString);
        Assert.Equal(body.ToJsonString(), (await read.ExpectAsync(HttpStatusCode.OK)).ToJsonString());
        Assert.Equal("\"1\"", read.ETag());
    }

    [SkippableFact]
    public async Task CreateMetric_WithLevels_Returns201LevelMetricKeepingTheOrder()
    {
        var key = TestApi.Unique("backup-tier");
        var response = await Admin.PostJsonAsync("/api/v1/metrics", new
        {
            key,
            name = "Backup tier",
            unit = "tier",
            direction = "higher-is-stricter",
            levels = BackupTiers,
        });

        var body = await response.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/metrics/{body.Id()}", response.Headers.Location?.OriginalString);
        Assert.Equal("level", body["valueType"].Value<string>());
        Assert.Equal(["bronze", "silver", "gold"], Levels(body));
        Assert.False(body["builtIn"].Value<bool>());

        var listed = (await ReadAllAsync(Admin)).Single(m => m["key"].Value<string>() == key);
        Assert.Equal(body.ToJsonString(), listed.ToJsonString());
    }

    [SkippableTheory]
    [InlineData("availability")]
    [InlineData(null)]
    public async Task CreateMetric_DuplicateKey_Returns409MetricKeyTaken(string? existingKey)
    {
        var key = existingKey ?? TestApi.Unique("dup-metric");
        if (existingKey is null)
        {
            await (await Admin.PostJsonAsync("/api/v1/metrics", MetricBody(key))).ExpectAsync(HttpStatusCode.Created);
        }

        var response = await Admin.PostJsonAsync("/api/v1/metrics", MetricBody(key));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.Conflict, "metric-key-taken");
        Assert.Contains(key, problem["detail"].Value<string>(), StringComparison.Ordinal);
        Assert.Null(response.Headers.Location);
    }

    [SkippableTheory]
    [InlineData("missing key", "key")]
    [InlineData("key not a slug", "key")]
    [InlineData("missing name", "name")]
    [InlineData("missing unit", "unit")]
    [InlineData("missing direction", "direction")]
    [InlineData("a single level", "levels")]
    [InlineData("duplicate levels", "levels")]
    public async Task CreateMetric_InvalidField_Returns400NamingTheField(string variant, string field)
    {
        var body = new Dictionary<string, object?>
        {
            ["key"] = TestApi.Unique("metric"),
            ["name"] = "Custom metric",
            ["unit"] = "count",
            ["direction"] = "lower-is-stricter",
        };
        switch (variant)
        {
            case "missing key": body.Remove("key"); break;
            case "key not a slug": body["key"] = "Not_A_Slug"; break;
            case "missing name": body.Remove("name"); break;
            case "missing unit": body.Remove("unit"); break;
            case "missing direction": body.Remove("direction"); break;
            case "a single level": body["levels"] = new[] { "only" }; break;
            case "duplicate levels": body["levels"] = new[] { "low", "high", "low" }; break;
            default: throw new ArgumentOutOfRangeException(nameof(variant), variant, null);
        }

        var response = await Admin.PostJsonAsync("/api/v1/metrics", body);

        await response.ExpectValidationAsync(field);
        Assert.Null(response.Headers.Location);
    }

    [SkippableFact]
    public async Task CreateMetric_UnknownDirection_Returns400MalformedRequest()
    {
        var response = await Admin.PostJsonAsync("/api/v1/metrics", new
        {
            key = TestApi.Unique("metric"),
            name = "Sideways",
            unit = "count",
            direction = "sideways",
        });

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
    }

    [SkippableTheory]
    [InlineData("it-lead")]
    [InlineData("integrator")]
    [InlineData("customer")]
    public async Task CreateMetric_NonAdminRole_Returns403Forbidden(string role)
    {
        var client = await _scenario.ClientForAsync(role);
        var key = TestApi.Unique("forbidden-metric");

        var response = await client.PostJsonAsync("/api/v1/metrics", MetricBody(key));

        await response.ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.DoesNotContain(await ReadAllAsync(Admin), m => m["key"].Value<string>() == key);
    }

    [SkippableFact]
    public async Task GetMetric_BuiltIn_Returns200WithETag()
    {
        var listed = (await ReadAllAsync(Admin)).Single(m => m["key"].Value<string>() == "time-to-restore");
        var client = await _scenario.ClientForAsync("customer");

        var response = await client.GetAsync($"/api/v1/metrics/{listed.Id()}");

        var body = await response.ExpectAsync(HttpStatusCode.OK);
        AssertJson(response);
        Assert.Equal("\"1\"", response.ETag());
        Assert.Equal(listed.ToJsonString(), body.ToJsonString());
    }

    [SkippableFact]
    public async Task GetMetric_IfNoneMatchCurrentETag_Returns304WithETagAndNoBody()
    {
        var created = await (await Admin.PostJsonAsync("/api/v1/metrics", MetricBody(TestApi.Unique("metric")))).ExpectAsync(HttpStatusCode.Created);

        var response = await Admin.GetAsync($"/api/v1/metrics/{created.Id()}", ifNoneMatch: "\"1\"");

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal("\"1\"", response.ETag());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [SkippableFact]
    public async Task GetMetric_UnknownId_Returns404Problem()
    {
        var response = await Admin.GetAsync($"/api/v1/metrics/{Guid.NewGuid()}");

        await response.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [SkippableFact]
    public async Task ListMetrics_NoKey_Returns401WithBearerChallenge()
    {
        var response = await factory.ClientWithKey(null).GetAsync("/api/v1/metrics");

        await response.ExpectProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    private static object MetricBody(string key) => new
    {
        key,
        name = "Tickets per month",
        unit = "tickets",
        direction = "lower-is-stricter",
    };

    private static void AssertBuiltIn(JsonObject metric, string unit, string direction, string? scopeHint)
    {
        Assert.True(metric["builtIn"].Value<bool>());
        Assert.Equal(unit, metric["unit"].Value<string>());
        Assert.Equal(direction, metric["direction"].Value<string>());
        Assert.Equal("number", metric["valueType"].Value<string>());
        Assert.Empty(metric["levels"]!.AsArray());
        Assert.Equal(scopeHint, metric["scopeHint"]?.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(metric["name"].Value<string>()));
    }

    private static List<string> Levels(JsonObject metric) => metric["levels"]!.AsArray().Select(l => l.Value<string>()).ToList();

    private static List<JsonObject> Items(JsonObject page) => page["items"]!.AsArray().Select(i => i!.AsObject()).ToList();

    private static void AssertJson(HttpResponseMessage response) =>
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);

    /// <summary>Every metric, following <c>Link: rel="next"</c> and checking it agrees with <c>nextCursor</c>.</summary>
    private static async Task<List<JsonObject>> ReadAllAsync(HttpClient client, int limit = 200)
    {
        var items = new List<JsonObject>();
        string? next = $"/api/v1/metrics?limit={limit}";
        for (var pages = 0; next is not null; pages++)
        {
            Assert.True(pages < 500, "Paging did not end.");
            var response = await client.GetAsync(next);
            var page = await response.ExpectAsync(HttpStatusCode.OK);
            var cursor = page["nextCursor"]?.GetValue<string>();
            next = response.NextLink();
            Assert.Equal(cursor is null, next is null);
            if (cursor is not null)
            {
                Assert.Contains("cursor=" + Uri.EscapeDataString(cursor), next, StringComparison.Ordinal);
                Assert.Contains($"limit={limit}", next, StringComparison.Ordinal);
            }

            Assert.InRange(Items(page).Count, cursor is null ? 0 : limit, limit);
            items.AddRange(Items(page));
        }

        return items;
    }
}
