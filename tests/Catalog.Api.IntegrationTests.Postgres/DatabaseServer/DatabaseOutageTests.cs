using System.Net;
using Catalog.Api.IntegrationTests.Features.Webhooks;
using Catalog.Api.IntegrationTests.Infrastructure;
using Catalog.Api.IntegrationTests.Infrastructure.Databases;

namespace Catalog.Api.IntegrationTests.DatabaseServer;

/// <summary>The API while its PostgreSQL server is stopped, and after it is started again: a server of the test's own.</summary>
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    /// <summary>Longer than any answer may take while the server is down: a request still open then has hung.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly PostgresTestServer _server = PostgresTestServer.StartOwn();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [SkippableFact]
    public async Task ServerStoppedThenStarted_Answers503ProblemsAndNotReady_ThenRecoversByItself()
    {
        using var database = new PostgresTestDatabase(_server);
        using var factory = new CatalogApiFactory(database, new Dictionary<string, string?> { ["Database:ConnectTimeout"] = "00:00:02" });
        var admin = factory.ClientWithKey();
        admin.Timeout = Patience;
        var anonymous = factory.ClientWithKey(null);
        anonymous.Timeout = Patience;
        var customer = await (await admin.PostJsonAsync("/api/v1/customers", Scenario.CustomerBody())).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready")).StatusCode);

        await _server.StopAsync();

        var read = await admin.GetAsync($"/api/v1/customers/{customer.Id()}");
        var problem = await read.ExpectProblemAsync(HttpStatusCode.ServiceUnavailable, "database-unavailable");
        Assert.Equal(TimeSpan.FromSeconds(5), read.Headers.RetryAfter?.Delta);
        Assert.Contains("database", problem["detail"].Value<string>(), StringComparison.Ordinal);
        await (await admin.PostJsonAsync("/api/v1/customers", Scenario.CustomerBody())).ExpectProblemAsync(HttpStatusCode.ServiceUnavailable, "database-unavailable");
        var notReady = await anonymous.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Equal("Unhealthy", await notReady.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);

        await _server.StartAsync();

        await Eventually.WaitAsync(async () => (await anonymous.GetAsync("/health/ready")).StatusCode, s => s == HttpStatusCode.OK, "ready again once the server is back");
        var again = await Eventually.WaitAsync(() => admin.GetAsync($"/api/v1/customers/{customer.Id()}"), r => r.StatusCode == HttpStatusCode.OK, "reads again");
        Assert.Equal(customer.ToJsonString(), (await again.JsonAsync()).ToJsonString());
        await (await admin.PostJsonAsync("/api/v1/customers", Scenario.CustomerBody())).ExpectAsync(HttpStatusCode.Created);
    }
}
