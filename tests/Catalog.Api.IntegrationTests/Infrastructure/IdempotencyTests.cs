using System.Net;
using Catalog.Api.Infrastructure.Idempotency;
using Catalog.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Api.IntegrationTests.Infrastructure;

public sealed class IdempotencyTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private readonly Scenario _scenario = new(factory);

    [SkippableFact]
    public async Task Post_SameKeyAndBody_ReplaysTheFirstResponseAndCreatesOnce()
    {
        var key = Guid.NewGuid().ToString();
        var body = Scenario.CustomerBody();

        var first = await _scenario.Admin.PostJsonAsync("/api/v1/customers", body, key);
        var replay = await _scenario.Admin.PostJsonAsync("/api/v1/customers", body, key);

        var created = await first.ExpectAsync(HttpStatusCode.Created);
        var replayed = await replay.ExpectAsync(HttpStatusCode.Created);
        Assert.False(first.Headers.Contains(IdempotencyMiddleware.ReplayedHeader));
        Assert.Equal("true", replay.Headers.GetValues(IdempotencyMiddleware.ReplayedHeader).Single());
        Assert.Equal(first.Headers.Location, replay.Headers.Location);
        Assert.Equal(first.ETag(), replay.ETag());
        Assert.Equal("application/json", replay.Content.Headers.ContentType?.MediaType);
        Assert.Equal(created.ToJsonString(), replayed.ToJsonString());
        var list = await (await _scenario.Admin.GetAsync($"/api/v1/customers?key={created["key"].Value<string>()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Single(list["items"]!.AsArray());
    }

    [SkippableFact]
    public async Task Post_SameKeyOtherBody_Returns422AndCreatesNothing()
    {
        var key = Guid.NewGuid().ToString();
        await (await _scenario.Admin.PostJsonAsync("/api/v1/customers", Scenario.CustomerBody(), key)).ExpectAsync(HttpStatusCode.Created);
        var other = Scenario.CustomerBody();

        await (await _scenario.Admin.PostJsonAsync("/api/v1/customers", other, key)).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");

        var otherKey = System.Text.Json.JsonSerializer.SerializeToNode(other)!["key"]!.GetValue<string>();
        var list = await (await _scenario.Admin.GetAsync($"/api/v1/customers?key={otherKey}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(list["items"]!.AsArray());
    }

    [SkippableFact]
    public async Task Post_SameKeySentConcurrently_CreatesOnceAndAnswersTheRestWithReplayOrInFlight()
    {
        var key = Guid.NewGuid().ToString();
        var body = Scenario.CustomerBody();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => factory.ClientWithKey().PostJsonAsync("/api/v1/customers", body, key)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created && !r.Headers.Contains(IdempotencyMiddleware.ReplayedHeader));
        foreach (var response in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await response.ExpectProblemAsync(HttpStatusCode.Conflict, "idempotency-request-in-flight");
        }

        var created = System.Text.Json.JsonSerializer.SerializeToNode(body)!["key"]!.GetValue<string>();
        var list = await (await _scenario.Admin.GetAsync($"/api/v1/customers?key={created}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Single(list["items"]!.AsArray());
    }

    [SkippableFact]
    public async Task Post_SameKeyFromAnotherApiKey_IsIndependent()
    {
        var key = Guid.NewGuid().ToString();
        var otherAdmin = factory.ClientWithKey(await _scenario.IssueKeyAsync("admin"));

        await (await _scenario.Admin.PostJsonAsync("/api/v1/customers", Scenario.CustomerBody(), key)).ExpectAsync(HttpStatusCode.Created);
        var second = await otherAdmin.PostJsonAsync("/api/v1/customers", Scenario.CustomerBody(), key);

        await second.ExpectAsync(HttpStatusCode.Created);
        Assert.False(second.Headers.Contains(IdempotencyMiddleware.ReplayedHeader));
    }

    [SkippableFact]
    public async Task Post_ClientError_IsReplayedToo()
    {
        var key = Guid.NewGuid().ToString();
        var invalid = new { key = "Not A Slug" };

        var first = await _scenario.Admin.PostJsonAsync("/api/v1/customers", invalid, key);
        var replay = await _scenario.Admin.PostJsonAsync("/api/v1/customers", invalid, key);

        var problem = await first.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation");
        var replayed = await replay.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Equal(problem["traceId"].Value<string>(), replayed["traceId"].Value<string>());
        Assert.Equal("true", replay.Headers.GetValues(IdempotencyMiddleware.ReplayedHeader).Single());
    }

    [SkippableFact]
    public async Task Post_IssuedApiKey_SecretIsNeverStoredAndTheRetryIsTold()
    {
        var key = Guid.NewGuid().ToString();
        var body = new { name = TestApi.Unique("portal"), role = "integrator" };

        var first = await _scenario.Admin.PostJsonAsync("/api/v1/api-keys", body, key);
        var created = await first.ExpectAsync(HttpStatusCode.Created);
        var replay = await _scenario.Admin.PostJsonAsync("/api/v1/api-keys", body, key);

        var problem = await replay.ExpectProblemAsync(HttpStatusCode.Conflict, "idempotency-response-not-stored");
        Assert.Contains(first.Headers.Location!.OriginalString, problem["detail"].Value<string>(), StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        var record = await db.Set<IdempotencyRecord>().SingleAsync(r => r.Key == key);
        Assert.Null(record.Body);
        var stored = await factory.Database.ReadStoredTextAsync();
        Assert.Contains(record.RequestHash, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(created["key"].Value<string>()[4..], stored, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Post_KeyOlderThan24Hours_IsForgotten()
    {
        var key = Guid.NewGuid().ToString();
        await (await _scenario.Admin.PostJsonAsync("/api/v1/customers", Scenario.CustomerBody(), key)).ExpectAsync(HttpStatusCode.Created);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
            var record = await db.Set<IdempotencyRecord>().SingleAsync(r => r.Key == key);
            db.Entry(record).Property(r => r.CreatedAt).CurrentValue = DateTime.UtcNow.AddHours(-25);
            await db.SaveChangesAsync();
        }

        var again = await _scenario.Admin.PostJsonAsync("/api/v1/customers", Scenario.CustomerBody(), key);

        await again.ExpectAsync(HttpStatusCode.Created);
        Assert.False(again.Headers.Contains(IdempotencyMiddleware.ReplayedHeader));
    }

    [SkippableFact]
    public async Task Post_OverlongKey_Returns400()
    {
        var response = await _scenario.Admin.PostJsonAsync("/api/v1/customers", Scenario.CustomerBody(), new string('k', 256));

        await response.ExpectValidationAsync("Idempotency-Key");
    }
}
