using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Catalog.Api.Infrastructure.Persistence;

/// <summary>The catalog on SQLite, the embedded default; its migrations are under <c>Migrations/Sqlite</c>.</summary>
public sealed class SqliteCatalogDbContext(DbContextOptions<SqliteCatalogDbContext> options) : CatalogDbContext(options)
{
    /// <summary>One write gate per database (per connection string), shared by every context of this process that writes to it.</summary>
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> WriteGates = new(StringComparer.Ordinal);

    private TimeSpan GateTimeout => Database.GetCommandTimeout() is { } seconds ? TimeSpan.FromSeconds(seconds) : Timeout.InfiniteTimeSpan;

    /// <summary>
    /// SQLite has one writer at a time. Writers of this process queue at the gate, in order, before they begin
    /// their (immediate) transaction, instead of colliding on the database lock and retrying after sleeps;
    /// the gate opens again when the transaction ends. Other processes on the same file still meet at the lock.
    /// </summary>
    public override async Task<IDbContextTransaction> BeginWriteAsync(CancellationToken cancellationToken)
    {
        var gate = WriteGates.GetOrAdd(Database.GetConnectionString() ?? string.Empty, _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(GateTimeout, cancellationToken))
        {
            throw new TimeoutException("Waited longer than the command timeout for the other writers to the SQLite database.");
        }

        try
        {
            return new GatedTransaction(await Database.BeginTransactionAsync(cancellationToken), gate);
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    /// <summary>An immediate transaction, behind the write gate: every guarded read-then-write runs alone, whatever the guard.</summary>
    public override Task<IDbContextTransaction> BeginGuardedWriteAsync(WriteGuard guard, CancellationToken cancellationToken) =>
        BeginWriteAsync(cancellationToken);

    /// <summary>A deferred transaction: with WAL it reads one fixed view of the database and takes no write lock.</summary>
    public override async Task<IDbContextTransaction> BeginSnapshotAsync(CancellationToken cancellationToken)
    {
        await Database.OpenConnectionAsync(cancellationToken);
        var connection = (SqliteConnection)Database.GetDbConnection();
        return await Database.UseTransactionAsync(connection.BeginTransaction(deferred: true), cancellationToken)
            ?? throw new InvalidOperationException("The snapshot transaction could not be used.");
    }

    /// <summary>The transaction, opening the write gate when it is disposed (after commit, rollback or failure).</summary>
    private sealed class GatedTransaction(IDbContextTransaction inner, SemaphoreSlim gate) : IDbContextTransaction
    {
        private int _released;

        public Guid TransactionId => inner.TransactionId;

        public bool SupportsSavepoints => inner.SupportsSavepoints;

        public void Commit() => inner.Commit();

        public Task CommitAsync(CancellationToken cancellationToken = default) => inner.CommitAsync(cancellationToken);

        public void Rollback() => inner.Rollback();

        public Task RollbackAsync(CancellationToken cancellationToken = default) => inner.RollbackAsync(cancellationToken);

        public void Dispose()
        {
            try
            {
                inner.Dispose();
            }
            finally
            {
                Release();
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await inner.DisposeAsync();
            }
            finally
            {
                Release();
            }
        }

        private void Release()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
