using Catalog.Api.Domain.Agreements;
using Catalog.Api.Domain.ApiKeys;
using Catalog.Api.Domain.Customers;
using Catalog.Api.Domain.Delivery;
using Catalog.Api.Domain.Metrics;
using Catalog.Api.Domain.Negotiation;
using Catalog.Api.Domain.Services;
using System.Text.Json;
using Catalog.Api.Infrastructure.Caching;
using Catalog.Api.Infrastructure.ChangeFeed;
using Catalog.Api.Infrastructure.Http;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Catalog.Api.Infrastructure.Persistence;

/// <summary>
/// The catalog's unit of work. Each database provider has its own subclass (<see cref="SqliteCatalogDbContext"/>,
/// <see cref="PostgresCatalogDbContext"/>) with its own committed migrations; everything else sees this type.
/// </summary>
public abstract class CatalogDbContext : DbContext, IDataProtectionKeyContext
{
    /// <summary>The name of the query filter that confines a customer key to its own customer's rows.</summary>
    public const string TenancyFilter = "tenancy";

    private readonly List<PendingChange> _pendingChanges = [];

    private ICustomerScope? _scope;

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

    /// <summary>The data-protection key ring, shared by every instance: a portal session or form token made by one is read by all.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// The customer whose rows this context reads, or null for every customer's; the tenancy filter reads it at
    /// every query (<see cref="OnModelCreating"/>).
    /// </summary>
    public Guid? ConfinedToCustomerId => _scope?.ConfinedToCustomerId;

    /// <summary>Confines this context's reads to what <paramref name="scope"/> may see, until it goes back to the pool.</summary>
    public void ReadAs(ICustomerScope scope) => _scope = scope;

    /// <summary>
    /// Notes an event to commit with the pending changes: <paramref name="resource"/> is the resource as it
    /// now stands, in the shape the API returns it. The event gets its sequence when the changes are saved.
    /// </summary>
    public void Record(string type, string subjectType, Guid subjectId, ActorRef actor, DateTime occurredAt, object resource) =>
        _pendingChanges.Add(new PendingChange(type, subjectType, subjectId, actor, occurredAt, JsonSerializer.Serialize(resource, resource.GetType(), CatalogJson.Options)));

    /// <summary>
    /// Saves the changes, numbers their events and commits, in the caller's transaction or else in one of its own
    /// (begun with <see cref="BeginWriteAsync"/>). The events' sequence numbers come from the counter row, whose
    /// lock is then held until commit: numbers are handed out in commit order, on SQLite and on PostgreSQL with
    /// any number of instances, and a reader that follows <c>after</c> can never see a later number before an
    /// earlier one is visible. Once the save has succeeded, the cached copies of what its events are about are
    /// evicted (<see cref="ChangeEviction"/>).
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (_pendingChanges.Count == 0 && !ChangeTracker.HasChanges())
        {
            return 0;
        }

        var pending = _pendingChanges.ToList();
        _pendingChanges.Clear();
        int written;
        List<ChangeEvent> events;
        if (Database.CurrentTransaction is null)
        {
            await using var transaction = await BeginWriteAsync(cancellationToken);
            (written, events) = await WriteAsync(pending, acceptAllChangesOnSuccess, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        else
        {
            (written, events) = await WriteAsync(pending, acceptAllChangesOnSuccess, cancellationToken);
        }

        if (events.Count > 0 && ApplicationService<ChangeEviction>() is { } eviction)
        {
            // Not cancellable: the changes are saved, their stale copies must go.
            await eviction.EvictAsync(events.Select(e => new ChangedSubject(e.Sequence, e.SubjectType, e.SubjectId)), CancellationToken.None);
        }

        return written;
    }

    /// <summary>Writes the changes, then numbers their events and writes those, in the running transaction.</summary>
    private async Task<(int Written, List<ChangeEvent> Events)> WriteAsync(List<PendingChange> pending, bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (pending.Count == 0)
        {
            return (written, []);
        }

        var last = await TakeSequencesAsync(pending.Count, cancellationToken);
        var first = last - pending.Count + 1;
        var events = pending.Select((p, i) => ChangeEvent.Create(first + i, p.Type, p.SubjectType, p.SubjectId, p.Actor, p.OccurredAt, p.Data)).ToList();
        ChangeEvents.AddRange(events);
        written += await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        return (written, events);
    }

    /// <summary>Moves the counter on by <paramref name="count"/> and returns its new value, the last of the numbers taken.</summary>
    private async Task<long> TakeSequencesAsync(int count, CancellationToken cancellationToken)
    {
        var values = await Database
            .SqlQuery<long>($"UPDATE \"ChangeCounters\" SET \"Value\" = \"Value\" + {(long)count} WHERE \"Id\" = {ChangeCounter.SingletonId} RETURNING \"Value\"")
            .ToListAsync(cancellationToken);
        return values.Single();
    }

    /// <summary>A service of the application this context belongs to, or null outside one (a context made by hand).</summary>
    private T? ApplicationService<T>()
        where T : class =>
        this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<T>();

    /// <summary>
    /// The feed's head: the sequence of the last committed event. Numbers are handed out at commit (see
    /// <see cref="SaveChangesAsync(bool, CancellationToken)"/>), so every sequence up to it is committed too.
    /// </summary>
    public Task<long> ChangeFeedHeadAsync(CancellationToken cancellationToken) =>
        ChangeCounters.AsNoTracking().Where(c => c.Id == ChangeCounter.SingletonId).Select(c => c.Value).SingleAsync(cancellationToken);

    /// <summary>
    /// Starts a transaction that writes. Every write transaction starts here (a save without one of its own does
    /// too), so a provider that admits one writer at a time can queue its writers first.
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

    /// <summary>Contexts are pooled: events noted but never saved (the request failed), and the caller, must not reach the next user.</summary>
    public override void Dispose()
    {
        _pendingChanges.Clear();
        _scope = null;
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    public override async ValueTask DisposeAsync()
    {
        _pendingChanges.Clear();
        _scope = null;
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        _pendingChanges.Count == 0
            ? base.SaveChanges(acceptAllChangesOnSuccess)
            : throw new InvalidOperationException("Changes with events must be saved with SaveChangesAsync.");

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CatalogDbContext).Assembly);

        // Tenancy, once for every query: a customer key reads only its own customer's rows, so another customer's
        // proposal, agreement or subscription is simply not found (404, never 403). Rows owned through these
        // (rounds, analyses, versions) are reached only through them. An entity with a CustomerId gets a line here;
        // a unit test holds every such entity to it.
        modelBuilder.Entity<Customer>().HasQueryFilter(TenancyFilter, c => ConfinedToCustomerId == null || c.Id == ConfinedToCustomerId);
        modelBuilder.Entity<Subscription>().HasQueryFilter(TenancyFilter, s => ConfinedToCustomerId == null || s.CustomerId == ConfinedToCustomerId);
        modelBuilder.Entity<Proposal>().HasQueryFilter(TenancyFilter, p => ConfinedToCustomerId == null || p.CustomerId == ConfinedToCustomerId);
        modelBuilder.Entity<Agreement>().HasQueryFilter(TenancyFilter, a => ConfinedToCustomerId == null || a.CustomerId == ConfinedToCustomerId);
    }

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
