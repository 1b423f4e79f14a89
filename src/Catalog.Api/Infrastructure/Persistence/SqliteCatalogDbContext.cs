using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Catalog.Api.Infrastructure.Persistence;

/// <summary>The catalog on SQLite, the embedded default; its migrations are under <c>Migrations/Sqlite</c>.</summary>
public sealed class SqliteCatalogDbContext(DbContextOptions<SqliteCatalogDbContext> options) : CatalogDbContext(options)
{
    /// <summary>One queue of writers per database (per connection string), shared by every context of this process that writes to it.</summary>
    private static readonly ConcurrentDictionary<string, SqliteWriteQueue> WriteQueues = new(StringComparer.Ordinal);

    /// <summary>The connection string of this context's own connection while it writes in another's transaction.</summary>
    private string? _ownConnectionString;

    /// <summary>
    /// The options this context was made with: the same for every context of one application, so saves
    /// written together also commit through the same interceptors (the response cache's among them).
    /// </summary>
    internal DbContextOptions Options { get; } = options;

    /// <summary>Whether this context makes its own connections (from a connection string) rather than using one it was given.</summary>
    private bool OwnsConnections { get; } = RelationalOptionsExtension.Extract(options).Connection is null;

    /// <summary>The writers of the database a connection string names.</summary>
    internal static SqliteWriteQueue WriteQueue(string connectionString) => WriteQueues.GetOrAdd(connectionString, _ => new SqliteWriteQueue());

    private SqliteWriteQueue Writers => WriteQueue(Database.GetConnectionString() ?? string.Empty);

    private TimeSpan GateTimeout => Database.GetCommandTimeout() is { } seconds ? TimeSpan.FromSeconds(seconds) : Timeout.InfiniteTimeSpan;

    /// <summary>
    /// SQLite has one writer at a time. Writers of this process queue at the gate, in order, before they begin
    /// their (immediate) transaction, instead of colliding on the database lock and retrying after sleeps;
    /// the gate opens again when the transaction ends. Other processes on the same file still meet at the lock.
    /// </summary>
    public override async Task<IDbContextTransaction> BeginWriteAsync(CancellationToken cancellationToken)
    {
        var gate = Writers.Gate;
        if (!await gate.WaitAsync(GateTimeout, cancellationToken))
        {
            throw SqliteWriteQueue.GateTimedOut();
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

    /// <summary>
    /// A save outside a transaction is written together with the others queued at the same time, in one
    /// transaction (<see cref="SqliteWriteQueue"/>). A context given a connection by its user, or whose
    /// connection is open, keeps to it, in a transaction of its own.
    /// </summary>
    protected override Task<int> SaveInOwnTransactionAsync(Func<CancellationToken, Task<int>> write, CancellationToken cancellationToken) =>
        OwnsConnections && Database.GetDbConnection().State == ConnectionState.Closed
            ? Writers.SaveAsync(this, write, GateTimeout, cancellationToken)
            : base.SaveInOwnTransactionAsync(write, cancellationToken);

    /// <summary>Writes on another context's connection, in its transaction, until <see cref="Leave"/>.</summary>
    internal async Task JoinAsync(DbConnection connection, DbTransaction transaction)
    {
        _ownConnectionString = Database.GetConnectionString() ?? throw new InvalidOperationException("A context without a connection string cannot join another's transaction.");
        Database.SetDbConnection(connection, contextOwnsConnection: false);
        await Database.UseTransactionAsync(transaction);
    }

    /// <summary>
    /// Back to a connection of this context's own (opened when next used); the other's stays open in its
    /// transaction. Safe after a join that failed part way.
    /// </summary>
    internal void Leave()
    {
        if (_ownConnectionString is null)
        {
            return;
        }

        Database.UseTransaction(null);
        Database.SetDbConnection(null, contextOwnsConnection: true);
        Database.SetConnectionString(_ownConnectionString);
        _ownConnectionString = null;
    }

    /// <summary>Every write holds the database alone, so the counter can be taken before the rows are written.</summary>
    protected override bool NumbersEventsFirst => true;

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
