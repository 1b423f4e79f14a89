using System.Data.Common;
using Catalog.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Catalog.Api.Infrastructure.Caching;

/// <summary>
/// Evicts the responses a transaction's changes made stale as soon as it commits, before the request that
/// wrote them answers: on the instance that wrote, a read after a write never shows what was there before.
/// </summary>
internal sealed class CommittedChangesInterceptor(ResponseCacheStore cache) : DbTransactionInterceptor
{
    public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        Committing(eventData);
        return result;
    }

    public override ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Committing(eventData);
        return ValueTask.FromResult(result);
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is CatalogDbContext db && db.TakeSavedChanges() is { Count: > 0 } changes)
        {
            cache.EvictAsync(changes, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }
    }

    public override async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is CatalogDbContext db && db.TakeSavedChanges() is { Count: > 0 } changes)
        {
            // Not cancellable: the changes are committed, their stale responses must go.
            await cache.EvictAsync(changes, CancellationToken.None);
        }
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => NotCommitted(eventData);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        NotCommitted(eventData);
        return Task.CompletedTask;
    }

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => NotCommitted(eventData);

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        NotCommitted(eventData);
        return Task.CompletedTask;
    }

    private void Committing(TransactionEventData eventData)
    {
        if (eventData.Context is CatalogDbContext db)
        {
            cache.Committing(db.ChangesInTransaction);
        }
    }

    /// <summary>The transaction ended without its changes (or its commit failed): forget them.</summary>
    private void NotCommitted(TransactionEventData eventData)
    {
        if (eventData.Context is CatalogDbContext db)
        {
            cache.NotCommitted(db.TakeSavedChanges());
        }
    }
}
