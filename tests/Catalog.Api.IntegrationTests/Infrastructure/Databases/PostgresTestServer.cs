using System.Net;
using System.Net.Sockets;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Images;
using Npgsql;
using Testcontainers.PostgreSql;

namespace Catalog.Api.IntegrationTests.Infrastructure.Databases;

/// <summary>
/// A PostgreSQL server in a container started by Testcontainers, from the image named by
/// <c>CATALOG_POSTGRES_IMAGE</c> (default <c>postgres:15</c>; <c>scripts/postgres-image.sh</c> provides it where
/// no registry can be reached). One is shared by the whole test run; a test that stops its server has its own.
/// Without Docker, a test that asks for a database is skipped with the reason, or fails when
/// <c>CATALOG_REQUIRE_POSTGRES=1</c>.
/// </summary>
public sealed class PostgresTestServer : IAsyncDisposable
{
    public const string ImageVariable = "CATALOG_POSTGRES_IMAGE";
    public const string DefaultImage = "postgres:15";
    public const string RequiredVariable = "CATALOG_REQUIRE_POSTGRES";

    private static readonly Lazy<PostgresTestServer> SharedServer = new(() =>
    {
        var server = new PostgresTestServer(fixedPort: false);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(30));
        return server;
    });

    private static readonly Lazy<string?> Unavailability = new(() =>
    {
        try
        {
            // Building a container (without starting it) is what asks Docker whether it is there.
            _ = new PostgreSqlBuilder(Image).Build();
            return null;
        }
        catch (DockerUnavailableException e)
        {
            return SkipReason(e);
        }
    });

    private readonly Lazy<Task<PostgreSqlContainer>> _started;

    /// <param name="fixedPort">Publish on a host port chosen now, which stays the same when the server is stopped and started again.</param>
    private PostgresTestServer(bool fixedPort)
    {
        var builder = new PostgreSqlBuilder(Image)
            .WithImagePullPolicy(PullPolicy.Missing)
            .WithLabel("org.catalog.tests", "postgres")

            // Test data need not survive a crash of the server; many small databases need connections.
            .WithCommand("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=400");
        _started = new Lazy<Task<PostgreSqlContainer>>(async () =>
        {
            // Building already talks to Docker, so it waits for the first test that needs a database.
            var container = (fixedPort ? builder.WithPortBinding(FreePort(), PostgreSqlBuilder.PostgreSqlPort) : builder).Build();
            await container.StartAsync();
            return container;
        });
    }

    /// <summary>Why PostgreSQL tests cannot run here (Docker is missing), or null when they can.</summary>
    public static string? UnavailableReason => Unavailability.Value;

    /// <summary>Whether the run must fail rather than skip when Docker is missing (CI sets it).</summary>
    public static bool IsRequired => Environment.GetEnvironmentVariable(RequiredVariable) == "1";

    private static string Image => Environment.GetEnvironmentVariable(ImageVariable) is { Length: > 0 } configured ? configured : DefaultImage;

    /// <summary>The server the test run shares, started on first use.</summary>
    public static PostgresTestServer Shared => SharedServer.Value;

    /// <summary>A server of the caller's own, which it may stop and start; the caller disposes it.</summary>
    public static PostgresTestServer StartOwn() => new(fixedPort: true);

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public string CreateDatabase(string name)
    {
        var container = Started();
        using (var connection = new NpgsqlConnection(container.GetConnectionString()))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            create.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(container.GetConnectionString()) { Database = name }.ConnectionString;
    }

    public void DropDatabase(string name)
    {
        if (!_started.IsValueCreated || !_started.Value.IsCompletedSuccessfully)
        {
            return;
        }

        try
        {
            using var connection = new NpgsqlConnection(_started.Value.Result.GetConnectionString());
            connection.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            drop.ExecuteNonQuery();
        }
        catch (NpgsqlException)
        {
            // The server is stopped or going away; the container goes with its databases.
        }
    }

    public Task StopAsync() => Started().StopAsync();

    public Task StartAsync() => Started().StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_started.IsValueCreated && _started.Value.IsCompletedSuccessfully)
        {
            await _started.Value.Result.DisposeAsync();
        }
    }

    private PostgreSqlContainer Started()
    {
        try
        {
            return _started.Value.GetAwaiter().GetResult();
        }
        catch (DockerUnavailableException e) when (!IsRequired)
        {
            throw new SkipException(SkipReason(e));
        }
    }

    private static string SkipReason(DockerUnavailableException e) =>
        $"PostgreSQL tests need Docker, which is not available here ({e.Message.Split('\n')[0].Trim()}). "
        + $"Run scripts/postgres-image.sh to set it up, or set {RequiredVariable}=1 to fail instead of skipping.";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
