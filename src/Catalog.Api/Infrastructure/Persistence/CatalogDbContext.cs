using Catalog.Api.Domain.Agreements;
using Catalog.Api.Domain.ApiKeys;
using Catalog.Api.Domain.Customers;
using Catalog.Api.Domain.Delivery;
using Catalog.Api.Domain.Metrics;
using Catalog.Api.Domain.Negotiation;
using Catalog.Api.Domain.Services;
using System.Globalization;
using System.Text.Json;
using Catalog.Api.Infrastructure.ChangeFeed;
using Catalog.Api.Infrastructure.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Catalog.Api.Infrastructure.Persistence;

/// <summary>
/// The catalog's unit of work. Each database provider has its own subclass (<see cref="SqliteCatalogDbContext"/>,
/// <see cref="PostgresCatalogDbContext"/>) with its own committed migrations; everything else sees this type.
/// </summary>
public abstract class CatalogDbContext : DbContext
{
    private readonly List<PendingChange> _pendingChanges = [];

    /// <summary>The events saved in the running transaction, for the response cache to evict at commit.</summary>
    private readonly List<ChangedSubject> _savedChanges = [];

    protected CatalogDbContext(DbContextOptions options)
        : base(options)
    {
        // A failed save inside one of our transactions fails the whole request and rolls back; the savepoint
        // EF Core would otherwise set around every such save is two statements for nothing.
        Database.AutoSavepointsEnabled = false;
    }

    public DbSet<Service> Services => Set<Service>();

    public DbSet<ServiceDependency> ServiceDependencies => Set<ServiceDependency>();

    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<Subscription> Subscriptions => Set<Subscription>();

    public DbSet<Metric> Metrics => Set<Metric>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<Proposal> Proposals => Set<Proposal>();

    public DbSet<ImpactAnalysis> ImpactAnalyses => Set<ImpactAnalysis>();

    public DbSet<Agreement> Agreements => Set<Agreement>();

    public DbSet<AgreementVersion> AgreementVersions => Set<AgreementVersion>();

    public DbSet<Outage> Outages => Set<Outage>();

    public DbSet<ServiceCalendar> Calendars => Set<ServiceCalendar>();

    public DbSet<Measurement> Measurements => Set<Measurement>();

    public DbSet<ChangeEvent> ChangeEvents => Set<ChangeEvent>();

    public DbSet<ChangeCounter> ChangeCounters => Set<ChangeCounter>();

    /// <summary>
    /// Notes an event to commit with the pending changes: <paramref name="resource"/> is the resource as it
    /// now stands, in the shape the API returns it. The event gets its sequence when the changes are saved.
    /// </summary>
    public void Record(string type, string subjectType, Guid subjectId, ActorRef actor, DateTime occurredAt, object resource) =>
        _pendingChanges.Add(new PendingChange(type, subjectType, subjectId, actor, occurredAt, JsonSerializer.Serialize(resource, resource.GetType(), CatalogJson.Options)));

    /// <summary>
    /// Saves the changes and their events in one transaction. The events' sequence numbers come from the counter
    /// row, whose lock is then held until commit: numbers are handed out in commit order, on SQLite and on
    /// PostgreSQL with any number of instances, and a reader that follows <c>after</c> can never see a later
    /// number before an earlier one is visible. Changes are detected before the write begins, so a provider
    /// that admits one writer at a time holds it only for the statements.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var detectChanges = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.DetectChanges();
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return _pendingChanges.Count == 0 && !ChangeTracker.HasChanges() ? 0 : await SaveWithEventsAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detectChanges;
        }
    }

    private async Task<int> SaveWithEventsAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        var pending = _pendingChanges.ToList();
        _pendingChanges.Clear();
        return Database.CurrentTransaction is null
            ? await SaveInOwnTransactionAsync(token => WriteAsync(pending, acceptAllChangesOnSuccess, token), cancellationToken)
            : await WriteAsync(pending, acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="write"/>, a save made outside any transaction, in a write transaction and commits it.
    /// A provider may write several such saves in one transaction (<see cref="SqliteCatalogDbContext"/> does).
    /// </summary>
    protected virtual async Task<int> SaveInOwnTransactionAsync(Func<CancellationToken, Task<int>> write, CancellationToken cancellationToken)
    {
        await using var transaction = await BeginWriteAsync(cancellationToken);
        var written = await write(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return written;
    }

    /// <summary>Writes the changes and numbers their events, in the running transaction.</summary>
    private async Task<int> WriteAsync(List<PendingChange> pending, bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        var written = pending.Count == 0 || NumbersEventsFirst ? 0 : await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        var events = new List<ChangeEvent>(pending.Count);
        if (pending.Count > 0)
        {
            var last = await TakeSequencesAsync(pending.Count, cancellationToken);
            var first = last - pending.Count + 1;
            events.AddRange(pending.Select((p, i) => ChangeEvent.Create(first + i, p.Type, p.SubjectType, p.SubjectId, p.Actor, p.OccurredAt, p.Data)));
            ChangeEvents.AddRange(events);
        }

        written += await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        _savedChanges.AddRange(events.Select(e => new ChangedSubject(e.Sequence, e.SubjectType, e.SubjectId)));
        return written;
    }

    /// <summary>
    /// Moves the counter on by <paramref name="count"/> and returns its new value, the last of the numbers taken.
    /// A plain command rather than a query through EF Core: it runs while this writer holds the counter (and on
    /// SQLite the database), where the query pipeline's work per call (parameter extraction, the query cache,
    /// a shaper) is time every other writer waits for.
    /// </summary>
    private async Task<long> TakeSequencesAsync(int count, CancellationToken cancellationToken)
    {
        await using var command = Database.GetDbConnection().CreateCommand();
        command.Transaction = Database.CurrentTransaction!.GetDbTransaction();
        command.CommandTimeout = Database.GetCommandTimeout() ?? command.CommandTimeout;
        command.CommandText = "UPDATE \"ChangeCounters\" SET \"Value\" = \"Value\" + @count WHERE \"Id\" = @id RETURNING \"Value\"";
        foreach (var (name, value) in new (string, object)[] { ("count", (long)count), ("id", ChangeCounter.SingletonId) })
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Whether the events are numbered before the changes are written, so that changes and events go in one
    /// batch. Only where writers run one at a time: where they run side by side, a writer that took the counter
    /// first could wait on rows another writer holds while that one waits on the counter.
    /// </summary>
    protected virtual bool NumbersEventsFirst => false;

    /// <summary>
    /// The feed's head: the sequence of the last committed event. Numbers are handed out at commit (see
    /// <see cref="SaveChangesAsync(bool, CancellationToken)"/>), so every sequence up to it is committed too.
    /// </summary>
    public Task<long> ChangeFeedHeadAsync(CancellationToken cancellationToken) =>
        ChangeCounters.AsNoTracking().Where(c => c.Id == ChangeCounter.SingletonId).Select(c => c.Value).SingleAsync(cancellationToken);

    /// <summary>
    /// Starts a transaction that writes. Every write transaction starts here (SaveChanges without one of its
    /// own does too), so a provider can queue writers where that beats letting them collide.
    /// </summary>
    public virtual Task<IDbContextTransaction> BeginWriteAsync(CancellationToken cancellationToken) =>
        Database.BeginTransactionAsync(cancellationToken);

    /// <summary>
    /// Starts a transaction for a write that reads rows and decides on what they say, where the rule spans
    /// rows no single update can check (no cycle in the graph, one admin key left): no other writer under
    /// the same guard runs until this one commits or rolls back, on any instance.
    /// </summary>
    public abstract Task<IDbContextTransaction> BeginGuardedWriteAsync(WriteGuard guard, CancellationToken cancellationToken);

    /// <summary>Starts a read-only transaction in which every query sees the same state of the database.</summary>
    public abstract Task<IDbContextTransaction> BeginSnapshotAsync(CancellationToken cancellationToken);

    /// <summary>The events saved in the running transaction so far.</summary>
    internal IReadOnlyList<ChangedSubject> ChangesInTransaction => _savedChanges;

    /// <summary>Takes on the events another context saved in this context's transaction, to commit (and evict) with its own.</summary>
    internal void AdoptSavedChanges(CatalogDbContext other)
    {
        _savedChanges.AddRange(other._savedChanges);
        other._savedChanges.Clear();
    }

    /// <summary>The events the transaction that just ended saved; the next transaction starts with none.</summary>
    internal List<ChangedSubject> TakeSavedChanges()
    {
        var changes = _savedChanges.ToList();
        _savedChanges.Clear();
        return changes;
    }

    /// <summary>Contexts are pooled: events noted but never saved (the request failed) must not reach the next user.</summary>
    public override void Dispose()
    {
        _pendingChanges.Clear();
        _savedChanges.Clear();
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    public override async ValueTask DisposeAsync()
    {
        _pendingChanges.Clear();
        _savedChanges.Clear();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        _pendingChanges.Count == 0
            ? base.SaveChanges(acceptAllChangesOnSuccess)
            : throw new InvalidOperationException("Changes with events must be saved with SaveChangesAsync.");

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CatalogDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC; providers that do not keep the kind (SQLite) would hand back Unspecified.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcConverter>();
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);

        // A numeric column hands back its declared scale (4.5000 for 4.5); read the value as it was written.
        configurationBuilder.Properties<decimal>().HaveConversion<NormalizedDecimalConverter>();
    }

    private sealed record PendingChange(string Type, string SubjectType, Guid SubjectId, ActorRef Actor, DateTime OccurredAt, string Data);

    private sealed class NormalizedDecimalConverter() : ValueConverter<decimal, decimal>(
        v => v,
        v => v / 1.000000000000000000000000000000000m);

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v.HasValue ? v.Value.ToUniversalTime() : v,
        v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
}
