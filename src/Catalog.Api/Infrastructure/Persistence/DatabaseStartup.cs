using Catalog.Api.Domain.ApiKeys;
using Catalog.Api.Domain.Negotiation;
using Catalog.Api.Infrastructure.ChangeFeed;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Infrastructure.Persistence;

public static class DatabaseStartup
{
    public const string BootstrapAdminKeyName = "bootstrap-admin";

    /// <summary>The actor of what the API does on its own at start.</summary>
    public static readonly ActorRef SystemActor = new(Guid.Empty, "catalog start-up", "system");

    /// <summary>The command that applies the migrations and exits: <c>dotnet Catalog.Api.dll migrate</c>.</summary>
    public const string MigrateCommand = "migrate";

    /// <summary>
    /// Applies the committed migrations (unless <c>Database:MigrateAtStart</c> is false, in which case a
    /// database that lacks some stops the start with the command that applies them) and makes sure an
    /// operator can get in.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseStartup));

        if (app.Configuration.GetValue("Database:MigrateAtStart", true))
        {
            await MigrateAsync(db);
        }
        else if ((await db.Database.GetPendingMigrationsAsync()).ToList() is { Count: > 0 } pending)
        {
            throw new InvalidOperationException(
                $"The database lacks the migrations {string.Join(", ", pending)} and Database:MigrateAtStart is false: "
                + $"apply them with `dotnet Catalog.Api.dll {MigrateCommand}` (or a migration bundle) first.");
        }

        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while one writer commits.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }

        await EnsureAdminKeyAsync(db, app.Configuration, scope.ServiceProvider.GetRequiredService<TimeProvider>(), logger);
        if (app.Configuration.GetValue<bool>("Demo:Seed"))
        {
            await new DemoData(db, scope.ServiceProvider.GetRequiredService<AutoMapper.IMapper>(), scope.ServiceProvider.GetRequiredService<TimeProvider>()).SeedAsync();
            logger.LogInformation("Demo data is loaded: services, business units and negotiations in every state.");
        }
    }

    /// <summary>Applies the committed migrations of the configured provider, and nothing else.</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseStartup));
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        await MigrateAsync(db);
        logger.LogInformation("Applied {Count} migration(s){List}.", pending.Count, pending.Count == 0 ? string.Empty : ": " + string.Join(", ", pending));
    }

    private static async Task MigrateAsync(CatalogDbContext db)
    {
        if (db.Database.IsSqlite())
        {
            EnsureSqliteDirectory(db.Database.GetConnectionString());
        }

        // Several instances starting at once take turns: EF Core holds a migration lock while it applies them.
        await db.Database.MigrateAsync();
    }

    private static async Task EnsureAdminKeyAsync(CatalogDbContext db, IConfiguration configuration, TimeProvider clock, ILogger logger)
    {
        if (await db.ApiKeys.AnyAsync(k => k.Role == ApiRole.Admin && k.RevokedAt == null))
        {
            return;
        }

        var configured = configuration["Auth:BootstrapAdminKey"];
        if (!string.IsNullOrWhiteSpace(configured) && await db.ApiKeys.AnyAsync(k => k.Hash == ApiKey.HashOf(configured)))
        {
            // The configured key was registered before and has been revoked since: it must not come back.
            logger.LogWarning("Auth:BootstrapAdminKey names a key that was revoked; generating a new admin key instead.");
            configured = null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        string secret;
        ApiKey key;
        if (string.IsNullOrWhiteSpace(configured))
        {
            key = ApiKey.Issue(BootstrapAdminKeyName, ApiRole.Admin, null, now, out secret);
        }
        else
        {
            secret = configured;
            key = ApiKey.FromSecret(BootstrapAdminKeyName, ApiRole.Admin, null, secret, now);
        }

        db.ApiKeys.Add(key);
        var mapper = db.GetService<AutoMapper.IMapper>();
        db.Record(ChangeTypes.ApiKeyCreated, SubjectTypes.ApiKey, key.Id, SystemActor, now, mapper.Map<Features.ApiKeys.ApiKeyResponse>(key));
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another instance registered the same configured key first.
            return;
        }

        if (string.IsNullOrWhiteSpace(configured))
        {
            // Printed to the console only, not to the log pipeline, and only this once.
            Console.WriteLine($"No admin API key existed, so one was created. It is shown only now; keep it safe:{Environment.NewLine}  {secret}");
        }
        else
        {
            logger.LogInformation("Registered the admin API key from Auth:BootstrapAdminKey.");
        }
    }

    private static void EnsureSqliteDirectory(string? connectionString)
    {
        if (connectionString is null)
        {
            return;
        }

        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:")
        {
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }
}
