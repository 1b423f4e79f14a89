using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Catalog.Api.Infrastructure.Persistence;

/// <summary>
/// Sets SQLite's <c>synchronous</c> level on every native connection, once: the pool hands the same one out again
/// with it in place. With the write-ahead log, <c>NORMAL</c> (the default here) syncs at checkpoints rather than at
/// every commit: a crash of the API loses nothing, a power cut may lose the last commits but never corrupts the
/// file. <c>FULL</c> syncs every commit, at a cost in write throughput.
/// </summary>
internal sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    private readonly string _pragmas;

    /// <summary>The native connections already set: a pooled connection keeps the setting between opens.</summary>
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> _set = new();

    public SqliteConnectionSettings(string synchronous)
    {
        var level = synchronous.ToUpperInvariant();
        if (level is not ("NORMAL" or "FULL" or "EXTRA"))
        {
            throw new InvalidOperationException($"Database:SqliteSynchronous '{synchronous}' is not supported; use Normal, Full or Extra.");
        }

        _pragmas = $"PRAGMA synchronous={level};";
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
