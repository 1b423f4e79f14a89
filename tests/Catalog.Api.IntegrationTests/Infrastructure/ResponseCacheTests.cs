using System.Net;
using Catalog.Api.Infrastructure.Caching;
using Catalog.Api.IntegrationTests.Features.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Catalog.Api.IntegrationTests.Infrastructure;

/// <summary>
/// Reads of services are served from the response cache once read; a change evicts them at once on the
/// instance that wrote it and, following the change feed, on every other instance. A response served from
/// the cache carries an <c>Age</c> header; one just read from the database does not.
/// </summary>
public sealed class ResponseCacheTests(ResponseCacheTests.Instances instances) : IClassFixture<ResponseCacheTests.Instances>
{
    private HttpClient A => instances.First.ClientWithKey();

    private HttpClient B => instances.Second.ClientWithKey();

    [SkippableFact]
    public async Task GetService_ReadAgain_ComesFromTheCacheUntilAWriteEvictsIt()
    {
        var service = await new Scenario(instances.First).CreateServiceAsync();
        var path = $"/api/v1/services/{service.Id()}";

        var first = await A.GetAsync(path);
        var firstBody = await first.ExpectAsync(HttpStatusCode.OK);
        Assert.Null(first.Headers.Age);
        await ReadIntoCacheAsync(instances.First, path);
        var cached = await A.GetAsync(path);
        Assert.NotNull(cached.Headers.Age);
        Assert.Equal(firstBody.ToJsonString(), (await cached.ExpectAsync(HttpStatusCode.OK)).ToJsonString());
        Assert.Equal("\"1\"", cached.ETag());
        Assert.Equal("application/json; charset=utf-8", cached.Content.Headers.ContentType?.ToString());

        var key = service["key"].Value<string>();
        await (await A.PutJsonAsync(path, Scenario.ServiceBody(key, name: "Renamed"), "\"1\"")).ExpectAsync(HttpStatusCode.OK);
        var afterWrite = await A.GetAsync(path);
        var afterBody = await afterWrite.ExpectAsync(HttpStatusCode.OK);
        Assert.Null(afterWrite.Headers.Age);
        Assert.Equal("Renamed", afterBody["name"].Value<string>());
        Assert.Equal("\"2\"", afterWrite.ETag());

        await (await A.PostJsonAsync($"{path}/lifecycle", new { lifecycle = "live" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("live", (await (await A.GetAsync(path)).ExpectAsync(HttpStatusCode.OK))["lifecycle"].Value<string>());
    }

    [SkippableFact]
    public async Task ConditionalGet_OnACachedService_Answers304OrTheBodyWhenTheTagDiffers()
    {
        var service = await new Scenario(instances.First).CreateServiceAsync();
        var path = $"/api/v1/services/{service.Id()}";
        await ReadIntoCacheAsync(instances.First, path);

        var notModified = await A.GetAsync(path, "\"1\"");
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal("\"1\"", notModified.ETag());
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        var changed = await A.GetAsync(path, "\"7\"");
        Assert.Equal(service.Id(), (await changed.ExpectAsync(HttpStatusCode.OK)).Id());
        Assert.Equal("\"1\"", changed.ETag());
    }

    [SkippableFact]
    public async Task ServiceList_CachedPage_ShowsANewServiceAtOnce()
    {
        var category = TestApi.Unique("cached");
        var scenario = new Scenario(instances.First);
        var path = $"/api/v1/services?category={category}&limit=50";
        Assert.Empty(await (await A.GetAsync(path)).ExpectItemsAsync(HttpStatusCode.OK));
        var cached = await A.GetAsync(path);
        Assert.NotNull(cached.Headers.Age);
        Assert.Empty(await cached.ExpectItemsAsync(HttpStatusCode.OK));

        var created = await scenario.CreateServiceAsync(Scenario.ServiceBody(category: category));

        var items = await (await A.GetAsync(path)).ExpectItemsAsync(HttpStatusCode.OK);
        Assert.Equal(created.Id(), Assert.Single(items)!.AsObject().Id());
    }

    [SkippableFact]
    public async Task CachedService_StillNeedsAKey_AndReadsTheSameForEveryRole()
    {
        var scenario = new Scenario(instances.First);
        var service = await scenario.CreateServiceAsync();
        var path = $"/api/v1/services/{service.Id()}";
        var customer = await scenario.CreateCustomerAsync();
        var customerClient = instances.First.ClientWithKey(await scenario.IssueKeyAsync("customer", customer.Id()));
        var adminView = await ReadIntoCacheAsync(instances.First, path);

        await (await instances.First.ClientWithKey(null).GetAsync(path)).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await (await instances.First.ClientWithKey("cat_not-a-key-0123456789").GetAsync(path)).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        var customerView = await customerClient.GetAsync(path);
        Assert.NotNull(customerView.Headers.Age);
        Assert.Equal(adminView.ToJsonString(), (await customerView.ExpectAsync(HttpStatusCode.OK)).ToJsonString());
    }

    [SkippableFact]
    public async Task MissingService_IsNeverCached()
    {
        var path = $"/api/v1/services/{Guid.NewGuid()}";
        await (await A.GetAsync(path)).ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
        var again = await A.GetAsync(path);
        await again.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.Null(again.Headers.Age);
    }

    [SkippableFact]
    public async Task OtherInstance_CachedCopy_IsEvictedWhenItFollowsTheFeedToTheChange()
    {
        var service = await new Scenario(instances.First).CreateServiceAsync();
        var path = $"/api/v1/services/{service.Id()}";
        await ReadIntoCacheAsync(instances.Second, path);

        await (await A.PutJsonAsync(path, Scenario.ServiceBody(service["key"].Value<string>(), name: "Written through A"), "\"1\"")).ExpectAsync(HttpStatusCode.OK);

        // The poll interval is 50 ms here; allow for a slow machine, but never wait on a fixed sleep.
        var seen = await Eventually.WaitAsync(
            async () => await (await B.GetAsync(path)).ExpectAsync(HttpStatusCode.OK),
            s => s["version"].Value<int>() != 1,
            "the other instance to follow the feed to the change",
            TimeSpan.FromSeconds(10));

        Assert.Equal(2, seen["version"].Value<int>());
        Assert.Equal("Written through A", seen["name"].Value<string>());
    }

    [SkippableFact]
    public async Task Disabled_EveryReadGoesToTheDatabase()
    {
        using var factory = new CatalogApiFactory(null, new Dictionary<string, string?> { ["ResponseCache:Enabled"] = "false" });
        var service = await new Scenario(factory).CreateServiceAsync();
        var client = factory.ClientWithKey();
        var path = $"/api/v1/services/{service.Id()}";

        await (await client.GetAsync(path)).ExpectAsync(HttpStatusCode.OK);
        var again = await client.GetAsync(path);
        await again.ExpectAsync(HttpStatusCode.OK);
        Assert.Null(again.Headers.Age);
    }

    [SkippableFact]
    public async Task InvalidSettings_StopTheApiWithTheReason()
    {
        using var factory = new CatalogApiFactory(null, new Dictionary<string, string?> { ["ResponseCache:FeedPollInterval"] = "00:00:00" });

        // The database comes first, outside the assertion, so that a missing PostgreSQL skips the test rather than failing it.
        Assert.NotEmpty(factory.Database.ConnectionString);
        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("ResponseCache:FeedPollInterval", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Reads a resource, then reads it again and checks that the second answer came from the cache.</summary>
    /// <summary>
    /// Reads a resource into an instance's cache once that instance's feed follower has passed every write made so
    /// far: the follower evicts what those writes changed, its own writes included, so a copy cached before it has
    /// passed them may be evicted again at any moment.
    /// </summary>
    private static async Task<System.Text.Json.Nodes.JsonObject> ReadIntoCacheAsync(CatalogApiFactory instance, string path)
    {
        var client = instance.ClientWithKey();
        var head = await client.FeedPositionAsync();
        var follower = instance.Services.GetServices<IHostedService>().OfType<ChangeFeedCacheFollower>().Single();
        await Eventually.WaitAsync(() => follower.CaughtUpTo, position => position >= head, "the instance's feed follower to pass the writes so far");

        var body = await (await client.GetAsync(path)).ExpectAsync(HttpStatusCode.OK);
        Assert.NotNull((await client.GetAsync(path)).Headers.Age);
        return body;
    }

    /// <summary>Two instances on one database, following the feed every 50 ms.</summary>
    public sealed class Instances() : TwoInstances(new Dictionary<string, string?> { ["ResponseCache:FeedPollInterval"] = "00:00:00.050" });
}
