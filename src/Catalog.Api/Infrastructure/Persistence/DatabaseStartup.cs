using Catalog.Api.Domain.Negotiation;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Infrastructure.Persistence;

public static class DatabaseStartup
{
    /// <summary>The actor of what the API does on its own at start.</summary>
    public static readonly ActorRef SystemActor = new(Guid.Empty, "catalog start-up", "system");

    /// <summary>The command that applies the migrations and exits: <c>dotnet Catalog.Api.dll migrate</c>.</summary>
    public const string MigrateCommand = "migrate";

    /// <summary>
    /// Applies the committed migrations (unless <c>Database:MigrateAtStart</c> is false, in which case a
    /// database that lacks some stops the start with the command that applies them).
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
