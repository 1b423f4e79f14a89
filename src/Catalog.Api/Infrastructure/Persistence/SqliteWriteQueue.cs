using System.Data.Common;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Catalog.Api.Infrastructure.Persistence;

/// <summary>
/// The writers of one SQLite database in this process. SQLite admits one writer at a time, so writers queue at
/// the <see cref="Gate"/>, in order, instead of colliding on the database lock and retrying after sleeps.
/// <para>
/// A save that needs no transaction beyond its own statements (<c>SaveChanges</c> outside a transaction, which is
/// most writes) queues in <see cref="SaveAsync"/> instead, and is written with the others queued beside it in one
/// transaction (group commit): the first of them takes the gate, begins the transaction on its own connection,
/// runs every save queued by then on it, each in a savepoint of its own, commits once and lets them all answer.
/// They share the <c>BEGIN</c>, the <c>COMMIT</c> and the write-ahead log's pages that several of them change
/// (the change counter's, the tables' last pages), which is most of what a write holds the database for. A save
/// that fails is rolled back to its savepoint and fails alone; a commit that fails fails every save in it.
/// </para>
/// <para>
/// Only saves of contexts made with the same options are written together, so that the commit runs through the
/// interceptors of each (two applications in one process share the gate, not their transactions).
/// </para>
/// </summary>
internal sealed class SqliteWriteQueue
{
    private const string Savepoint = "queued_save";

    private readonly Lock _sync = new();

    /// <summary>Saves waiting for a transaction, in the order they came; the first of them leads the next one.</summary>
    private readonly List<QueuedSave> _queued = [];

    /// <summary>Whether a save is leading a transaction or waiting at the gate to; the queue is empty otherwise.</summary>
    private bool _leading;

    /// <summary>Held by the one transaction that writes: an explicit one, or a group of queued saves.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>What a writer that waited longer than the command timeout for the gate fails with.</summary>
    public static TimeoutException GateTimedOut() =>
        new("Waited longer than the command timeout for the other writers to the SQLite database.");

    /// <summary>How many saves wait for a transaction.</summary>
    public int Queued
    {
        get
        {
            lock (_sync)
            {
                return _queued.Count;
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="write"/> (the context's statements) in a transaction, with whatever other saves are
    /// queued beside it, and returns once that transaction has committed or failed. A save cancelled or out of
    /// time while it waits is refused then; once its group is being written, it waits for the group's end, since
    /// its context is in use until then.
    /// </summary>
    public async Task<int> SaveAsync(SqliteCatalogDbContext context, Func<CancellationToken, Task<int>> write, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var save = new QueuedSave(context, write, timeout, cancellationToken);
        bool lead;
        lock (_sync)
        {
            _queued.Add(save);
            lead = !_leading;
            _leading = true;
            save.Leads = lead;
        }

        if (!lead)
        {
            await using (cancellationToken.Register(() => Withdraw(save)))
            {
                lead = await save.Turn.Task;
            }
        }

        if (lead)
        {
            await LeadAsync(save);
        }

        return save.Outcome();
    }

    /// <summary>A save cancelled while it waits its turn leaves the queue at once, unless it is about to lead or being written.</summary>
    private void Withdraw(QueuedSave save)
    {
        lock (_sync)
        {
            if (save.Leads || !_queued.Remove(save))
            {
                return;
            }
        }

        save.Fail(new OperationCanceledException(save.CancellationToken));
        save.Finish();
    }

    /// <summary>
    /// Waits for the gate (until the leader's own time runs out), then writes every save queued by then that was
    /// made with the leader's options, and hands on to the first save still waiting.
    /// </summary>
    private async Task LeadAsync(QueuedSave leader)
    {
        Exception? notEntered = null;
        try
        {
            if (!await Gate.WaitAsync(leader.TimeLeft(), leader.CancellationToken))
            {
                notEntered = GateTimedOut();
            }
        }
        catch (OperationCanceledException e)
        {
            notEntered = e;
        }

        List<QueuedSave> group;
        lock (_sync)
        {
            // Out of the gate's reach, the leader gives up alone with those whose time ran out too (they queued
            // earlier than the rest); the others wait on, led by the next.
            group = notEntered is null
                ? _queued.Where(s => ReferenceEquals(s.Context.Options, leader.Context.Options)).ToList()
                : _queued.Where(s => s == leader || s.TimeLeft() == TimeSpan.Zero).ToList();
            _queued.RemoveAll(group.Contains);
        }

        try
        {
            if (notEntered is null)
            {
                await WriteAsync(group);
            }
            else
            {
                leader.Fail(notEntered);
                var timedOut = GateTimedOut();
                group.ForEach(s => s.Fail(timedOut));
            }
        }
        finally
        {
            if (notEntered is null)
            {
                Gate.Release();
            }

            group.ForEach(s => s.Finish());
            QueuedSave? next;
            lock (_sync)
            {
                next = _queued.Count > 0 ? _queued[0] : null;
                _leading = next is not null;
                if (next is not null)
                {
                    next.Leads = true;
                }
            }

            next?.Turn.TrySetResult(true);
        }
    }

    /// <summary>One transaction on the first save's connection; the others join it. Never throws: each save keeps its outcome.</summary>
    private static async Task WriteAsync(List<QueuedSave> group)
    {
        var leader = group[0].Context;
        var savepoints = group.Count > 1;
        var written = new List<QueuedSave>(group.Count);
        try
        {
            await using var transaction = await leader.Database.BeginTransactionAsync(CancellationToken.None);
            var connection = leader.Database.GetDbConnection();
            var dbTransaction = transaction.GetDbTransaction();
            foreach (var save in group)
            {
                if (save.CancellationToken.IsCancellationRequested)
                {
                    save.Fail(new OperationCanceledException(save.CancellationToken));
                    continue;
                }

                if (savepoints)
                {
                    await dbTransaction.SaveAsync(Savepoint);
                }

                try
                {
                    await save.RunAsync(leader, connection, dbTransaction);
                    if (savepoints)
                    {
                        await dbTransaction.ReleaseAsync(Savepoint);
                    }
                }
                catch (Exception e) when (savepoints)
                {
                    save.Fail(e);
                    await dbTransaction.RollbackAsync(Savepoint);
                    await dbTransaction.ReleaseAsync(Savepoint);
                    continue;
                }

                // Its events commit (and leave the response cache) with the leader's transaction.
                if (!ReferenceEquals(save.Context, leader))
                {
                    leader.AdoptSavedChanges(save.Context);
                }

                written.Add(save);
            }

            if (written.Count > 0)
            {
                await transaction.CommitAsync(CancellationToken.None);
            }
        }
        catch (Exception e)
        {
            // The transaction failed (or, alone in it, the one save did): nothing of it was kept.
            group.ForEach(s => s.Fail(e));
        }
    }

    /// <summary>A save waiting in the queue, and then its outcome.</summary>
    private sealed class QueuedSave(SqliteCatalogDbContext context, Func<CancellationToken, Task<int>> write, TimeSpan timeout, CancellationToken cancellationToken)
    {
        /// <summary>The request's own flow (its logging scopes, its trace), for its statements run by another save's request.</summary>
        private readonly ExecutionContext? _flow = ExecutionContext.Capture();

        private readonly long _queuedAt = Stopwatch.GetTimestamp();

        private int _written;

        private ExceptionDispatchInfo? _failure;

        public SqliteCatalogDbContext Context => context;

        public CancellationToken CancellationToken => cancellationToken;

        /// <summary>Whether this save leads (or is about to lead) a transaction; it then no longer leaves the queue when cancelled.</summary>
        public bool Leads { get; set; }

        /// <summary>Completes with <see langword="true"/> when this save is to lead the next transaction, <see langword="false"/> when it is done.</summary>
        public TaskCompletionSource<bool> Turn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>What is left of the command timeout since this save queued (infinite without one).</summary>
        public TimeSpan TimeLeft() =>
            timeout == Timeout.InfiniteTimeSpan ? timeout : TimeSpan.FromTicks(Math.Max(0, (timeout - Stopwatch.GetElapsedTime(_queuedAt)).Ticks));

        /// <summary>Runs the save's statements in the leader's transaction (on its own connection when it leads).</summary>
        public async Task RunAsync(SqliteCatalogDbContext leader, DbConnection connection, DbTransaction transaction)
        {
            if (ReferenceEquals(context, leader))
            {
                _written = await write(cancellationToken);
                return;
            }

            try
            {
                await context.JoinAsync(connection, transaction);
                _written = await InOwnFlow();
            }
            finally
            {
                context.Leave();
            }
        }

        /// <summary>Keeps the first failure: a save refused on its own keeps its reason when the commit later fails too.</summary>
        public void Fail(Exception exception) => _failure ??= ExceptionDispatchInfo.Capture(exception);

        public void Finish() => Turn.TrySetResult(false);

        public int Outcome()
        {
            _failure?.Throw();
            return _written;
        }

        private Task<int> InOwnFlow()
        {
            if (_flow is null)
            {
                return write(cancellationToken);
            }

            Task<int>? running = null;
            ExecutionContext.Run(_flow, _ => running = write(cancellationToken), null);
            return running!;
        }
    }
}
