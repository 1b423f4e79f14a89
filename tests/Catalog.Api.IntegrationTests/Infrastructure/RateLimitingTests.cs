using System.Net;

namespace Catalog.Api.IntegrationTests.Infrastructure;

public sealed class RateLimitingTests
{
    [SkippableFact]
    public async Task Requests_BeyondTheBucket_Return429WithRetryAfterAndLeaveOtherKeysAlone()
    {
        using var factory = new CatalogApiFactory(null, new Dictionary<string, string?> { ["RateLimiting:PermitsPerSecond"] = "1", ["RateLimiting:Burst"] = "4" });
        var admin = factory.ClientWithKey();
        var other = factory.ClientWithKey(await new Scenario(factory).IssueKeyAsync("integrator"));

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 8; i++)
        {
            responses.Add(await admin.GetAsync("/api/v1/metrics"));
        }

        var limited = responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        var problem = await limited.ExpectProblemAsync(HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Contains("retry after", problem["detail"].Value<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/v1/metrics")).StatusCode);
    }

    [SkippableFact]
    public async Task HealthEndpoints_AfterTheBucketIsEmpty_AreNeverRateLimited()
    {
        using var factory = new CatalogApiFactory(null, new Dictionary<string, string?> { ["RateLimiting:PermitsPerSecond"] = "1", ["RateLimiting:Burst"] = "2" });
        var anonymous = factory.CreateClient();
        var emptied = false;
        for (var i = 0; i < 10 && !emptied; i++)
        {
            emptied = (await anonymous.GetAsync("/api/v1/metrics")).StatusCode == HttpStatusCode.TooManyRequests;
        }

        Assert.True(emptied, "Anonymous calls share a bucket, which ten calls empty.");
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready")).StatusCode);
        }
    }
}
