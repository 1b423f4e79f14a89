using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Catalog.Api.Infrastructure.Persistence;

/// <summary>The catalog on SQLite, the embedded default; its migrations are under <c>Migrations/Sqlite</c>.</summary>
public sealed class SqliteCatalogDbContext(DbContextOptions<SqliteCatalogDbContext> options) : CatalogDbContext(options)
{
    /// <summary>
    /// SQLite has one writer at a time, and an immediate transaction (what <c>BeginTransaction</c> starts here)
    /// takes the write lock at its start: every guarded read-then-write is queued behind the others, whatever the guard.
    /// </summary>
    public override Task<IDbContextTransaction> BeginGuardedWriteAsync(WriteGuard guard, CancellationToken cancellationToken) =>
        Database.BeginTransactionAsync(cancellationToken);

    /// <summary>A deferred transaction: with WAL it reads one fixed view of the database and takes no write lock.</summary>
    public override async Task<IDbContextTransaction> BeginSnapshotAsync(CancellationToken cancellationToken)
    {
        await Database.OpenConnectionAsync(cancellationToken);
        var connection = (SqliteConnection)Database.GetDbConnection();
        return await Database.UseTransactionAsync(connection.BeginTransaction(deferred: true), cancellationToken)
            ?? throw new InvalidOperationException("The snapshot transaction could not be used.");
    }
}
