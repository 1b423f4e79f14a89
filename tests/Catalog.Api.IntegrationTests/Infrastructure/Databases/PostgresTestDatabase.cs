using System.Text;
using Npgsql;

namespace Catalog.Api.IntegrationTests.Infrastructure.Databases;

/// <summary>A database of its own, created on first use on a PostgreSQL test server and dropped at the end.</summary>
public sealed class PostgresTestDatabase(PostgresTestServer server) : TestDatabase
{
    private readonly string _name = "catalog_" + Guid.NewGuid().ToString("N");
    private readonly Lock _lock = new();
    private string? _connectionString;

    public override string ConnectionString
    {
        get
        {
            lock (_lock)
            {
                return _connectionString ??= server.CreateDatabase(_name);
            }
        }
    }

    /// <summary>Every row of every table, as PostgreSQL prints it.</summary>
    public override async Task<string> ReadStoredTextAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var text = new StringBuilder();
        foreach (var table in tables)
        {
            await using var rows = new NpgsqlCommand($"SELECT t::text FROM \"{table}\" t", connection);
            await using var reader = await rows.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                text.AppendLine(reader.GetString(0));
            }
        }

        return text.ToString();
    }

    public override void ReleaseConnections()
    {
        if (_connectionString is not null)
        {
            using var connection = new NpgsqlConnection(_connectionString);
            NpgsqlConnection.ClearPool(connection);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (_connectionString is not null)
        {
            ReleaseConnections();
            server.DropDatabase(_name);
        }
    }
}
