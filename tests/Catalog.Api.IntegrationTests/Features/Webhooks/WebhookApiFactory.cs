using Catalog.Api.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Catalog.Api.IntegrationTests.Features.Webhooks;

/// <summary>
/// The API as <see cref="CatalogApiFactory"/> runs it, set up for webhook tests: loopback targets allowed (the
/// receiver runs on 127.0.0.1), fast polling and a retry schedule in milliseconds. A factory made with
/// <see cref="OnDatabase"/> leaves its database file behind, so another one can start on it: an API restart.
/// </summary>
public class WebhookApiFactory : WebApplicationFactory<Program>
{
    public const string AdminKey = CatalogApiFactory.AdminKey;

    /// <summary>About 10 s of retries in all: long enough to restart a receiver, short enough to wait for.</summary>
    public const string DefaultRetrySchedule = "100ms,200ms,400ms,800ms,1s,2s,2s,4s";

    private readonly bool _ownsDirectory;
    private readonly Dictionary<string, string?> _settings;

    public WebhookApiFactory()
        : this(NewDirectory(), ownsDirectory: true, settings: null)
    {
    }

    protected WebhookApiFactory(IReadOnlyDictionary<string, string?> settings)
        : this(NewDirectory(), ownsDirectory: true, settings)
    {
    }

    private WebhookApiFactory(string directory, bool ownsDirectory, IReadOnlyDictionary<string, string?>? settings)
    {
        Directory = directory;
        _ownsDirectory = ownsDirectory;
        _settings = new Dictionary<string, string?>
        {
            ["Webhooks:AllowLoopback"] = "true",
            ["Webhooks:PollInterval"] = "00:00:00.050",
            ["Webhooks:RetrySchedule"] = DefaultRetrySchedule,
            ["Webhooks:Timeout"] = "00:00:05",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string Directory { get; }

    public string DatabasePath => Path.Combine(Directory, "catalog.db");

    /// <summary>An API on the database in <paramref name="directory"/>; the caller deletes the directory.</summary>
    public static WebhookApiFactory OnDatabase(string directory, IReadOnlyDictionary<string, string?>? settings = null) =>
        new(directory, ownsDirectory: false, settings);

    public static string NewDirectory() => Path.Combine(Path.GetTempPath(), "catalog-tests", Guid.NewGuid().ToString("N"));

    public HttpClient ClientWithKey(string? apiKey = AdminKey)
    {
        var client = CreateClient();
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Catalog", $"Data Source={DatabasePath}");
        builder.UseSetting("Auth:BootstrapAdminKey", AdminKey);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (_ownsDirectory)
        {
            DeleteDirectory(Directory);
        }
    }

    public static void DeleteDirectory(string directory)
    {
        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp file does no harm.
        }
    }
}
