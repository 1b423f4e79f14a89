using System.Data.Common;
using Catalog.Api.Infrastructure.Application;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Catalog.Api.Infrastructure.Persistence;

/// <summary>The database the API runs on, chosen by <c>Database:Provider</c>.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public static class PersistenceSetup
{
    /// <summary>The SQLite file used when no connection string is configured.</summary>
    public const string DefaultSqliteConnectionString = "Data Source=data/catalog.db";

    public static DatabaseProvider ProviderFrom(IConfiguration configuration)
    {
        var configured = configuration["Database:Provider"];
        if (string.IsNullOrWhiteSpace(configured))
        {
            return DatabaseProvider.Sqlite;
        }

        return Enum.TryParse<DatabaseProvider>(configured, ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            ? provider
            : throw new InvalidOperationException($"Database:Provider '{configured}' is not supported; use 'Sqlite' or 'Postgres'.");
    }

    public static IServiceCollection AddCatalogPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        var commandTimeout = configuration.GetValue("Database:CommandTimeout", TimeSpan.FromSeconds(30));
        var connectTimeout = configuration.GetValue("Database:ConnectTimeout", TimeSpan.FromSeconds(5));
        var connectionString = configuration.GetConnectionString("Catalog");
        switch (ProviderFrom(configuration))
        {
            case DatabaseProvider.Sqlite:
                var settings = new SqliteConnectionSettings(configuration["Database:SqliteSynchronous"] is { Length: > 0 } level ? level : "Normal");
                services.AddPooledDbContextFactory<SqliteCatalogDbContext>(options => IgnoreWarnings(options
                    .UseSqlite(
                        string.IsNullOrWhiteSpace(connectionString) ? DefaultSqliteConnectionString : connectionString,
                        sqlite => sqlite.CommandTimeout(Seconds(commandTimeout)))
                    .AddInterceptors(settings)));
                services.AddScoped<CatalogDbContext>(Lease<SqliteCatalogDbContext>);
                break;
            case DatabaseProvider.Postgres:
                var postgres = PostgresConnectionString(connectionString, connectTimeout);
                services.AddPooledDbContextFactory<PostgresCatalogDbContext>(options => IgnoreWarnings(options
                    .UseNpgsql(postgres, npgsql => npgsql.CommandTimeout(Seconds(commandTimeout)))));
                services.AddScoped<CatalogDbContext>(Lease<PostgresCatalogDbContext>);
                break;
        }

        services.AddHealthChecks().AddDbContextCheck<CatalogDbContext>("database", tags: ["ready"]);
        return services;
    }

    /// <summary>
    /// The scope's context: leased from the pool (the scope returns it) and confined to what the scope's caller
    /// may read (<see cref="ICustomerScope"/>). A scope without a caller, the API's own work, reads everything.
    /// </summary>
    private static CatalogDbContext Lease<TContext>(IServiceProvider services)
        where TContext : CatalogDbContext
    {
        var db = services.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext();
        if (services.GetService<ICustomerScope>() is { } scope)
        {
            db.ReadAs(scope);
        }

        return db;
    }

    // Rounds, analyses, events and versions have no tenancy filter of their own: they are read only through their
    // proposal or agreement, which has, so EF Core's warning that a filtered parent could hide them does not apply.
    // Whether the model has changes no migration holds is checked when the project is built (.ci/run runs
    // `dotnet ef migrations has-pending-model-changes` for each provider), not at every start: comparing the model
    // with the migrations' snapshot took about 7 % of the start's CPU, for a model that cannot change after the build.
    private static DbContextOptionsBuilder IgnoreWarnings(DbContextOptionsBuilder options) =>
        options.ConfigureWarnings(warnings => warnings.Ignore(
            CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning,
            RelationalEventId.PendingModelChangesWarning));

    /// <summary>
    /// The configured connection string, with a connect timeout unless it names one: while the server is
    /// unreachable a request fails fast with 503 instead of waiting out the driver's 15 s default.
    /// </summary>
    private static string PostgresConnectionString(string? configured, TimeSpan connectTimeout)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            // The OpenAPI document is generated without a database; nothing connects then.
            return BuildTime.IsGeneratingOpenApiDocument
                ? "Host=localhost"
                : throw new InvalidOperationException("Database:Provider is 'Postgres' but ConnectionStrings:Catalog is empty; set it (for example ConnectionStrings__Catalog=\"Host=db;Database=catalog;Username=catalog;Password=…\").");
        }

        // The generic builder keeps the keys as written (case-insensitively), so it tells whether one was given,
        // in either of the spellings Npgsql accepts ("Max Auto Prepare" or "MaxAutoPrepare").
        var given = new DbConnectionStringBuilder { ConnectionString = configured };
        bool Sets(string keyword) => given.ContainsKey(keyword) || given.ContainsKey(keyword.Replace(" ", "", StringComparison.Ordinal));
        var builder = new NpgsqlConnectionStringBuilder(configured);
        if (!Sets("Timeout"))
        {
            builder.Timeout = Seconds(connectTimeout);
        }

        // With this, Npgsql prepares a statement on the server once a connection has run it a few times, so PostgreSQL
        // stops parsing and planning it on every execution; the pool keeps the physical connections, and with them
        // what was prepared. Npgsql leaves it off; it is on here unless the connection string sets it.
        if (!Sets("Max Auto Prepare"))
        {
            builder.MaxAutoPrepare = AutoPreparedStatements;
        }

        // When the pool takes a connection back, Npgsql resets its session (RESET ALL, UNLISTEN, DISCARD and more)
        // with the next command; PostgreSQL ran those seven statements on every request. The API leaves no session
        // state to reset: its one advisory lock is held for a transaction, and it never SETs a session value,
        // LISTENs or creates a temporary table. So the reset is off unless the connection string sets it.
        if (!Sets("No Reset On Close"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    /// <summary>How many statements each PostgreSQL connection keeps prepared, the least recently used giving way.</summary>
    public const int AutoPreparedStatements = 100;

    private static int Seconds(TimeSpan timeout) => Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds));
}
