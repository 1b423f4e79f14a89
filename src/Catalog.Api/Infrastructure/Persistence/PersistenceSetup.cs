using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Infrastructure.Persistence;

public static class PersistenceSetup
{
    public static IServiceCollection AddCatalogPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration["Database:Provider"] ?? "Sqlite";
        if (!string.Equals(provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Database:Provider '{provider}' is not supported; use 'Sqlite'.");
        }

        var connectionString = configuration.GetConnectionString("Catalog") ?? "Data Source=data/catalog.db";
        services.AddDbContext<CatalogDbContext>(options => options.UseSqlite(
            connectionString,
            sqlite => sqlite.MigrationsAssembly(typeof(CatalogDbContext).Assembly.GetName().Name)));
        services.AddHealthChecks().AddDbContextCheck<CatalogDbContext>("database", tags: ["ready"]);
        return services;
    }
}
