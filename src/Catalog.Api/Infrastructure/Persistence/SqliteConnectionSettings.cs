using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Catalog.Api.Infrastructure.Persistence;

/// <summary>
/// Applies SQLite's per-connection settings to every native connection, once: the pool hands the same one out
/// again with them in place.
/// <list type="bullet">
/// <item><c>synchronous</c>: with the write-ahead log, <c>NORMAL</c> (the default here) syncs at checkpoints
/// rather than at every commit: a crash of the API loses nothing, a power cut may lose the last commits but never
/// corrupts the file. <c>FULL</c> syncs every commit, at a cost in write throughput that
/// <c>docs/performance.md</c> shows.</item>
/// <item><c>cache_size</c>: each connection keeps its own page cache, 2,000 KiB by default (SQLite's own default).
/// With a connection per concurrent request the copies add up to tens of megabytes; a smaller cache saves that
/// memory but sends more reads to the operating system, which <c>docs/decisions/0011-performance.md</c> shows costs
/// a fifth or more of write and uncached read throughput on a large catalog.</item>
/// </list>
/// </summary>
internal sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    private readonly string _pragmas;

    /// <summary>The native connections already set: a pooled connection keeps the settings between opens.</summary>
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> _set = new();

    public SqliteConnectionSettings(string synchronous, int cacheKiB)
    {
        var level = synchronous.ToUpperInvariant();
        if (level is not ("NORMAL" or "FULL" or "EXTRA"))
        {
            throw new InvalidOperationException($"Database:SqliteSynchronous '{synchronous}' is not supported; use Normal, Full or Extra.");
        }

        if (cacheKiB < 1)
        {
            throw new InvalidOperationException($"Database:SqliteCacheKiB must be at least 1 (KiB per connection), not {cacheKiB}.");
        }

        // A negative cache_size is a size in KiB rather than a number of pages.
        _pragmas = string.Create(CultureInfo.InvariantCulture, $"PRAGMA synchronous={level}; PRAGMA cache_size=-{cacheKiB};");
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsNew(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = _pragmas;
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (IsNew(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = _pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private bool IsNew(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || _set.TryAdd(handle, this);
}
