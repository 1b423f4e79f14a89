using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Catalog.Api.Infrastructure.Persistence;

/// <summary>
/// What <c>dotnet ef</c> uses to build each provider's model for migrations, with no running app and no
/// server: <c>dotnet ef migrations add NAME --context SqliteCatalogDbContext --output-dir Infrastructure/Persistence/Migrations/Sqlite</c>,
/// and the same with <c>PostgresCatalogDbContext</c> and <c>Migrations/Postgres</c>. A migration bundle takes
/// the real connection with <c>--connection</c>.
/// </summary>
internal sealed class SqliteDesignTimeContext : IDesignTimeDbContextFactory<SqliteCatalogDbContext>
{
    public SqliteCatalogDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCatalogDbContext>().UseSqlite(PersistenceSetup.DefaultSqliteConnectionString).Options);
}

internal sealed class PostgresDesignTimeContext : IDesignTimeDbContextFactory<PostgresCatalogDbContext>
{
    public PostgresCatalogDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresCatalogDbContext>().UseNpgsql("Host=localhost;Database=catalog").Options);
}
