using Catalog.Api.IntegrationTests.Infrastructure.Databases;

namespace Catalog.Api.IntegrationTests.Suite;

/// <summary>Says whether this assembly's tests ran on PostgreSQL; the one test left, with the reason, when they cannot.</summary>
public sealed class PostgresSuiteTests
{
    [SkippableFact]
    public void PostgreSql_DockerAvailable_TheSuiteRunsOnIt()
    {
        var reason = PostgresTestServer.UnavailableReason;
        Skip.If(reason is not null && !PostgresTestServer.IsRequired, reason);

        Assert.True(reason is null, reason);
    }
}
