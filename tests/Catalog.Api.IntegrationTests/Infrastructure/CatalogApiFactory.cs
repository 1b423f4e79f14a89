using Catalog.Api.IntegrationTests.Infrastructure.Contract;
using Catalog.Api.IntegrationTests.Infrastructure.Databases;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Catalog.Api.IntegrationTests.Infrastructure;

/// <summary>
/// The real API over real HTTP semantics, on a database of its own (SQLite or PostgreSQL, by the test
/// assembly) with the committed migrations applied at start, exactly as <c>dotnet run</c> does. One instance
/// (one database) per test class; several may share a database to restart on it or to run side by side.
/// </summary>
public class CatalogApiFactory : WebApplicationFactory<Program>
{
    public const string AdminKey = "cat_test-bootstrap-admin-key-0123456789";

    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly bool _ownsDatabase;

    public CatalogApiFactory()
        : this(null, null)
    {
    }

    /// <param name="database">The database to start on: another factory's, to restart on its data or to run beside
    /// it (its creator disposes it); null for a new one that this factory disposes.</param>
    /// <param name="settings">Configuration on top of the defaults.</param>
    internal CatalogApiFactory(TestDatabase? database, IReadOnlyDictionary<string, string?>? settings)
    {
        _ownsDatabase = database is null;
        Database = database ?? TestDatabase.Create();
        _settings = settings ?? new Dictionary<string, string?>();
    }

    public TestDatabase Database { get; }

    /// <summary>Where the clients send requests: the in-memory server, or the address of a real one (<see cref="Portal.PortalBrowser"/>).</summary>
    public Uri BaseAddress { get; set; } = new("http://localhost");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", TestDatabase.Provider.ToString());
        builder.UseSetting("ConnectionStrings:Catalog", Database.ConnectionString);
        builder.UseSetting("Auth:BootstrapAdminKey", AdminKey);
        foreach (var (name, value) in _settings)
        {
            builder.UseSetting(name, value);
        }
    }

    /// <summary>
    /// A client whose every exchange is held to the committed OpenAPI document (<see cref="ContractValidatingHandler"/>):
    /// the whole suite doubles as a check that the API does what the document says.
    /// </summary>
    public new HttpClient CreateClient() => CreateDefaultClient(BaseAddress, new ContractValidatingHandler());

    /// <summary>A client that sends the given API key (the bootstrap admin key by default).</summary>
    public HttpClient ClientWithKey(string? apiKey = AdminKey)
    {
        var client = CreateClient();
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing)
        {
            return;
        }

        // A database of its own goes (connections first); a shared one only loses this instance's connections.
        if (_ownsDatabase)
        {
            Database.Dispose();
        }
        else
        {
            Database.ReleaseConnections();
        }
    }
}
