using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Catalog.Api.Infrastructure.Persistence;

/// <summary>
/// Sets SQLite's <c>synchronous</c> level on every native connection (it is a per-connection setting), once:
/// the pool hands the same one out again with the setting in place. With the
/// write-ahead log, <c>NORMAL</c> (the default here) syncs at checkpoints rather than at every commit: a crash
/// of the API loses nothing, a power cut may lose the last commits but never corrupts the file. <c>FULL</c>
/// syncs every commit, at a cost in write throughput that <c>docs/performance.md</c> shows.
/// </summary>
internal sealed class SqliteSynchronousInterceptor(string level) : DbConnectionInterceptor
{
    private readonly string _pragma = level.ToUpperInvariant() switch
    {
        "NORMAL" or "FULL" or "EXTRA" => $"PRAGMA synchronous={level.ToUpperInvariant()};",
        _ => throw new InvalidOperationException($"Database:SqliteSynchronous '{level}' is not supported; use Normal, Full or Extra."),
    };

    /// <summary>The native connections already set: a pooled connection keeps the setting between opens.</summary>
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> _set = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsNew(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = _pragma;
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (IsNew(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = _pragma;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private bool IsNew(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || _set.TryAdd(handle, this);
}
