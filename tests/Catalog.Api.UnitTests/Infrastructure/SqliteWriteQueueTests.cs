using System.Data.Common;
using Catalog.Api.Domain.Customers;
using Catalog.Api.Domain.Negotiation;
using Catalog.Api.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Catalog.Api.UnitTests.Infrastructure;

/// <summary>
/// Saves queued on SQLite while another write holds the database are written in one transaction (group commit):
/// each keeps its own outcome, the events stay numbered without gaps, and each context goes back to its own connection.
/// </summary>
public sealed class SqliteWriteQueueTests : IDisposable
{
    private static readonly ActorRef Actor = new(Guid.Empty, "test", "system");

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"catalog-queue-{Guid.NewGuid():N}.db");

    private readonly CommitCounter _commits = new();

    private readonly List<SqliteCatalogDbContext> _contexts = [];

    /// <summary>One set of options for every context, as an application's pool has.</summary>
    private readonly DbContextOptions<SqliteCatalogDbContext> _options;

    public SqliteWriteQueueTests()
    {
        _options = Options();
        using var db = Context();
        db.Database.EnsureCreated();
    }

    private string ConnectionString => $"Data Source={_file}";

    public void Dispose()
    {
        _contexts.ForEach(c => c.Dispose());
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task SaveChanges_QueuedBehindAWrite_CommitTogetherInOneTransaction()
    {
        var saves = await QueueBehindAWriteAsync(["alpha", "beta", "gamma", "delta"]);

        await Task.WhenAll(saves.Select(s => s.Task));

        Assert.Equal(1, _commits.Commits);
        Assert.Equal(4, _commits.LastCommitting);
        await using var reader = Context();
        Assert.Equal([1L, 2L, 3L, 4L], await reader.ChangeEvents.OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync());
        Assert.Equal(["alpha", "beta", "delta", "gamma"], await reader.Customers.OrderBy(c => c.Key).Select(c => c.Key).ToListAsync());
    }

    [Fact]
    public async Task SaveChanges_FirstQueuedSaveFails_TheOthersCommitAndTheNumbersHaveNoGap()
    {
        await SaveAloneAsync("taken");

        var saves = await QueueBehindAWriteAsync(["taken", "beta", "gamma"]);

        await Assert.ThrowsAsync<DbUpdateException>(() => saves[0].Task);
        await Task.WhenAll(saves.Skip(1).Select(s => s.Task));
        Assert.Equal(2, _commits.Commits);
        await using var reader = Context();
        Assert.Equal([1L, 2L, 3L], await reader.ChangeEvents.OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync());
        Assert.Equal(["beta", "gamma", "taken"], await reader.Customers.OrderBy(c => c.Key).Select(c => c.Key).ToListAsync());
    }

    [Fact]
    public async Task SaveChanges_JoinedSaveFails_FailsAloneAndItsContextWritesAgainOnItsOwn()
    {
        await SaveAloneAsync("taken");

        var saves = await QueueBehindAWriteAsync(["alpha", "taken", "gamma"]);

        await Assert.ThrowsAsync<DbUpdateException>(() => saves[1].Task);
        await Task.WhenAll(saves[0].Task, saves[2].Task);
        var failed = saves[1].Context;
        failed.ChangeTracker.Clear();
        Add(failed, "delta");
        await failed.SaveChangesAsync();
        await using var reader = Context();
        Assert.Equal([1L, 2L, 3L, 4L], await reader.ChangeEvents.OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync());
        Assert.Equal(["alpha", "delta", "gamma", "taken"], await reader.Customers.OrderBy(c => c.Key).Select(c => c.Key).ToListAsync());
    }

    [Fact]
    public async Task SaveChanges_CancelledWhileQueued_AnswersAtOnceAndTheOthersCommit()
    {
        using var cancel = new CancellationTokenSource();
        await using var holder = Context();
        var held = await holder.BeginWriteAsync(CancellationToken.None);
        var saves = new[] { "alpha", "beta", "gamma" }.Select((key, i) =>
        {
            var context = Context();
            Add(context, key);
            return context.SaveChangesAsync(i == 1 ? cancel.Token : CancellationToken.None);
        }).ToList();

        await cancel.CancelAsync();

        // Refused while the database is still held: the request does not wait for the writers ahead of it.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => saves[1]);
        Assert.Equal(2, SqliteCatalogDbContext.WriteQueue(ConnectionString).Queued);
        await held.DisposeAsync();
        await Task.WhenAll(saves[0], saves[2]);
        await using var reader = Context();
        Assert.Equal(["alpha", "gamma"], await reader.Customers.OrderBy(c => c.Key).Select(c => c.Key).ToListAsync());
        Assert.Equal([1L, 2L], await reader.ChangeEvents.OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync());
        Assert.Equal(1, _commits.Commits);
    }

    [Fact]
    public async Task SaveChanges_QueuedFromTwoApplications_EachCommitsThroughItsOwnInterceptors()
    {
        var other = new CommitCounter();
        var otherOptions = new DbContextOptionsBuilder<SqliteCatalogDbContext>().UseSqlite(ConnectionString).AddInterceptors(other).Options;
        await using var holder = Context();
        var held = await holder.BeginWriteAsync(CancellationToken.None);
        var saves = new[] { "alpha", "beta", "gamma", "delta" }.Select((key, i) =>
        {
            var context = i % 2 == 0 ? Context() : Track(new SqliteCatalogDbContext(otherOptions));
            Add(context, key);
            return context.SaveChangesAsync();
        }).ToList();

        await held.DisposeAsync();
        await Task.WhenAll(saves);

        Assert.Equal((1, 2), (_commits.Commits, _commits.LastCommitting));
        Assert.Equal((1, 2), (other.Commits, other.LastCommitting));
        await using var reader = Context();
        Assert.Equal([1L, 2L, 3L, 4L], await reader.ChangeEvents.OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync());
    }

    [Fact]
    public async Task SaveChanges_AfterWritingInAnotherContextsTransaction_UsesItsOwnConnectionAgain()
    {
        var saves = await QueueBehindAWriteAsync(["alpha", "beta"]);
        await Task.WhenAll(saves.Select(s => s.Task));
        var (leader, joined) = (saves[0].Context, saves[1].Context);

        Add(joined, "gamma");
        await joined.SaveChangesAsync();

        Assert.NotSame(leader.Database.GetDbConnection(), joined.Database.GetDbConnection());
        Assert.Null(joined.Database.CurrentTransaction);
        Assert.Equal(3, await joined.Customers.CountAsync());
        Assert.Equal(2, _commits.Commits);
    }

    [Fact]
    public async Task SaveChanges_QueuedLongerThanTheCommandTimeout_FailsWithATimeout()
    {
        var options = Options(commandTimeoutSeconds: 1);
        await using var holder = new SqliteCatalogDbContext(options);
        await using var queued = new SqliteCatalogDbContext(options);

        await using (await holder.BeginWriteAsync(CancellationToken.None))
        {
            Add(queued, "alpha");
            await Assert.ThrowsAsync<TimeoutException>(() => queued.SaveChangesAsync());
        }

        Assert.Equal(0, SqliteCatalogDbContext.WriteQueue(ConnectionString).Queued);
    }

    /// <summary>Holds the database with a write while one save per key queues, then lets them go.</summary>
    private async Task<List<(SqliteCatalogDbContext Context, Task Task)>> QueueBehindAWriteAsync(string[] keys)
    {
        await using var holder = Context();
        var held = await holder.BeginWriteAsync(CancellationToken.None);
        var saves = new List<(SqliteCatalogDbContext, Task)>();
        foreach (var key in keys)
        {
            var context = Context();
            Add(context, key);
            saves.Add((context, context.SaveChangesAsync()));
        }

        var queue = SqliteCatalogDbContext.WriteQueue(ConnectionString);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (queue.Queued < keys.Length && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(10);
        }

        Assert.Equal(keys.Length, queue.Queued);
        await held.DisposeAsync();
        return saves;
    }

    /// <summary>Saves a customer before any save queues, so that its key is taken.</summary>
    private async Task SaveAloneAsync(string key)
    {
        await using var db = Context();
        Add(db, key);
        await db.SaveChangesAsync();
    }

    private static void Add(SqliteCatalogDbContext db, string key)
    {
        var customer = Customer.Create(key, new CustomerDetails(key, "CC-1000", $"{key}@example.com"), TestData.T0);
        db.Customers.Add(customer);
        db.Record("customer.created", "customer", customer.Id, Actor, TestData.T0, new { key });
    }

    private SqliteCatalogDbContext Context() => Track(new SqliteCatalogDbContext(_options));

    private SqliteCatalogDbContext Track(SqliteCatalogDbContext context)
    {
        _contexts.Add(context);
        return context;
    }

    private DbContextOptions<SqliteCatalogDbContext> Options(int commandTimeoutSeconds = 30) =>
        new DbContextOptionsBuilder<SqliteCatalogDbContext>()
            .UseSqlite(ConnectionString, sqlite => sqlite.CommandTimeout(commandTimeoutSeconds))
            .AddInterceptors(_commits)
            .Options;

    /// <summary>Counts commits, and how many events the last one carried for the response cache to evict.</summary>
    private sealed class CommitCounter : DbTransactionInterceptor
    {
        private int _commits;

        public int Commits => Volatile.Read(ref _commits);

        public int LastCommitting { get; private set; }

        public override ValueTask<InterceptionResult> TransactionCommittingAsync(
            DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            LastCommitting = ((CatalogDbContext)eventData.Context!).ChangesInTransaction.Count;
            return ValueTask.FromResult(result);
        }

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _commits);
            return Task.CompletedTask;
        }
    }
}
