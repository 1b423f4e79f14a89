using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Api.IntegrationTests.Infrastructure;

/// <summary>
/// The real API over real HTTP semantics, on its own SQLite file with the committed migrations applied at start,
/// exactly as <c>dotnet run</c> does. One instance (one database) per test class.
/// </summary>
public sealed class CatalogApiFactory : WebApplicationFactory<Program>
{
    public const string AdminKey = "cat_test-bootstrap-admin-key-0123456789";

    private readonly string _directory;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly bool _ownsDirectory;

    public CatalogApiFactory()
        : this(null, null)
    {
    }

    /// <param name="directory">The folder of the SQLite database: pass another factory's to restart on its data.</param>
    /// <param name="settings">Configuration on top of the defaults.</param>
    internal CatalogApiFactory(string? directory, IReadOnlyDictionary<string, string>? settings)
    {
        _ownsDirectory = directory is null;
        _directory = directory ?? Path.Combine(Path.GetTempPath(), "catalog-tests", Guid.NewGuid().ToString("N"));
        _settings = settings ?? new Dictionary<string, string>();
    }

    public string Directory => _directory;

    public string DatabasePath => Path.Combine(_directory, "catalog.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Catalog", $"Data Source={DatabasePath}");
        builder.UseSetting("Auth:BootstrapAdminKey", AdminKey);
        foreach (var (name, value) in _settings)
        {
            builder.UseSetting(name, value);
        }
    }

    /// <summary>Everything the database holds on disk, as text: the main file after a checkpoint, and the write-ahead log.</summary>
    public async Task<string> ReadDatabaseFilesAsync()
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Catalog.Api.Infrastructure.Persistence.CatalogDbContext>();
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        }

        var text = new System.Text.StringBuilder();
        foreach (var file in System.IO.Directory.GetFiles(_directory, "catalog.db*"))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
            text.Append(await reader.ReadToEndAsync());
        }

        return text.ToString();
    }

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
        SqliteConnection.ClearAllPools();
        if (!_ownsDirectory)
        {
            return;
        }

        try
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp file does no harm.
        }
    }
}
