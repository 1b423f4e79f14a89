using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Catalog.Api.Infrastructure.Persistence;

/// <summary>
/// Sets SQLite's <c>synchronous</c> level on every connection (it is a per-connection setting). With the
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

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
