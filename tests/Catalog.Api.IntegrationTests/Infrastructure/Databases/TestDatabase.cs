using System.Reflection;
using Catalog.Api.Infrastructure.Persistence;

namespace Catalog.Api.IntegrationTests.Infrastructure.Databases;

/// <summary>
/// The database a test API runs on, empty until the API starts and migrates it: a SQLite file of its own, or
/// a database of its own on the shared PostgreSQL test server, by the provider this test assembly is built
/// for. Several APIs may start on one (a restart, or instances side by side); whoever created it disposes it.
/// </summary>
public abstract class TestDatabase : IDisposable
{
    /// <summary>The provider of this test assembly (its <c>CatalogTestProvider</c> metadata).</summary>
    public static DatabaseProvider Provider { get; } = Enum.Parse<DatabaseProvider>(
        typeof(TestDatabase).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "CatalogTestProvider").Value!);

    /// <summary>A new, empty database for this assembly's provider.</summary>
    public static TestDatabase Create() => Provider switch
    {
        DatabaseProvider.Postgres => new PostgresTestDatabase(PostgresTestServer.Shared),
        _ => new SqliteTestDatabase(),
    };

    /// <summary>The connection string the API is configured with. On PostgreSQL the first call creates the database
    /// (and starts the test server); without Docker it skips the calling test, or fails it where PostgreSQL is required.</summary>
    public abstract string ConnectionString { get; }

    /// <summary>Everything the database stores, as text: to show that a secret is not kept in clear.</summary>
    public abstract Task<string> ReadStoredTextAsync();

    /// <summary>Closes the pooled connections of this database, once the APIs on it have stopped.</summary>
    public abstract void ReleaseConnections();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);
}
