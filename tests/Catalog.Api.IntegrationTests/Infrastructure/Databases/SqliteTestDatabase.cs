using System.Text;
using Microsoft.Data.Sqlite;

namespace Catalog.Api.IntegrationTests.Infrastructure.Databases;

/// <summary>A SQLite file in a temporary folder of its own, as <c>dotnet run</c> uses one.</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "catalog-tests", Guid.NewGuid().ToString("N"));

    public string FilePath => Path.Combine(_directory, "catalog.db");

    public override string ConnectionString => $"Data Source={FilePath}";

    /// <summary>The main file after a checkpoint, and the write-ahead log.</summary>
    public override async Task<string> ReadStoredTextAsync()
    {
        await using (var connection = new SqliteConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync();
        }

        var text = new StringBuilder();
        foreach (var file in Directory.GetFiles(_directory, "catalog.db*"))
        {
            FileStream stream;
            try
            {
                stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            }
            catch (FileNotFoundException)
            {
                // The last connection to close checkpoints the log into the main file and deletes it.
                continue;
            }

            await using (stream)
            {
                using var reader = new StreamReader(stream, Encoding.Latin1);
                text.Append(await reader.ReadToEndAsync());
            }
        }

        return text.ToString();
    }

    public override void ReleaseConnections() => SqliteConnection.ClearAllPools();

    protected override void Dispose(bool disposing)
    {
        ReleaseConnections();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp file does no harm.
        }
        catch (UnauthorizedAccessException)
        {
            // Nor does one the system still holds.
        }
    }
}
