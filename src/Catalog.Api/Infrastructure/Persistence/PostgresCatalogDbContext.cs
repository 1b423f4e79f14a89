using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Catalog.Api.Infrastructure.Persistence;

/// <summary>
/// The catalog on PostgreSQL, for several API instances on one database; its migrations are under
/// <c>Migrations/Postgres</c>.
/// </summary>
public sealed class PostgresCatalogDbContext(DbContextOptions<PostgresCatalogDbContext> options) : CatalogDbContext(options)
{
    /// <summary>
    /// A read-committed transaction that first takes the guard's transaction-scoped advisory lock: writers of
    /// the same guard queue behind each other, on every instance, until commit or rollback; everything else
    /// runs alongside.
    /// </summary>
    public override async Task<IDbContextTransaction> BeginGuardedWriteAsync(WriteGuard guard, CancellationToken cancellationToken)
    {
        var transaction = await BeginWriteAsync(cancellationToken);
        await Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({(long)guard})", cancellationToken);
        return transaction;
    }

    /// <summary>Repeatable read: every statement of the transaction sees the snapshot taken at its first.</summary>
    public override Task<IDbContextTransaction> BeginSnapshotAsync(CancellationToken cancellationToken) =>
        Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);

        // Byte order, as on SQLite: keys sort and page the same on both providers, whatever locale the
        // database was created with.
        configurationBuilder.Properties<string>().UseCollation("C");
    }
}
