using Catalog.Api.Infrastructure.Application;
using Catalog.Api.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Catalog.Api.UnitTests.Infrastructure;

public sealed class PersistenceSetupTests
{
    [Theory]
    [InlineData(null, DatabaseProvider.Sqlite)]
    [InlineData("", DatabaseProvider.Sqlite)]
    [InlineData("Sqlite", DatabaseProvider.Sqlite)]
    [InlineData("postgres", DatabaseProvider.Postgres)]
    [InlineData("Postgres", DatabaseProvider.Postgres)]
    public void ProviderFrom_KnownNames_AreRead(string? configured, DatabaseProvider expected)
    {
        Assert.Equal(expected, PersistenceSetup.ProviderFrom(Configuration(("Database:Provider", configured))));
    }

    [Theory]
    [InlineData("SqlServer")]
    [InlineData("2")]
    public void ProviderFrom_UnknownName_SaysWhatIsSupported(string configured)
    {
        var error = Assert.Throws<InvalidOperationException>(() => PersistenceSetup.ProviderFrom(Configuration(("Database:Provider", configured))));

        Assert.Contains("'Sqlite' or 'Postgres'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Postgres_NoConnectionString_RefusesToStartWithTheSettingToSet()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            new ServiceCollection().AddCatalogPersistence(Configuration(("Database:Provider", "Postgres"))));

        Assert.Contains("ConnectionStrings:Catalog", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Postgres_ConnectionStringWithoutTimeout_GetsTheConfiguredConnectTimeout()
    {
        using var db = Context(("Database:Provider", "Postgres"), ("ConnectionStrings:Catalog", "Host=db;Database=catalog;Username=catalog"), ("Database:ConnectTimeout", "00:00:03"));

        Assert.IsType<PostgresCatalogDbContext>(db);
        Assert.Equal(3, new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()).Timeout);
        Assert.Equal(30, db.Database.GetCommandTimeout());
    }

    [Theory]
    [InlineData("Host=db;Timeout=9")]
    [InlineData("Host=db;timeout=9")]
    public void Postgres_ConnectionStringWithTimeout_KeepsIt(string connectionString)
    {
        using var db = Context(("Database:Provider", "Postgres"), ("ConnectionStrings:Catalog", connectionString));

        Assert.Equal(9, new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()).Timeout);
    }

    [Fact]
    public void Postgres_ConnectionString_PreparesRepeatedStatementsUnlessItSaysOtherwise()
    {
        using var preparing = Context(("Database:Provider", "Postgres"), ("ConnectionStrings:Catalog", "Host=db;Database=catalog"));
        using var told = Context(("Database:Provider", "Postgres"), ("ConnectionStrings:Catalog", "Host=db;Database=catalog;Max Auto Prepare=0"));

        Assert.Equal(PersistenceSetup.AutoPreparedStatements, new NpgsqlConnectionStringBuilder(preparing.Database.GetConnectionString()).MaxAutoPrepare);
        Assert.Equal(0, new NpgsqlConnectionStringBuilder(told.Database.GetConnectionString()).MaxAutoPrepare);
    }

    [Fact]
    public void Postgres_ConnectionString_KeepsSessionsUnresetUnlessItSaysOtherwise()
    {
        using var unreset = Context(("Database:Provider", "Postgres"), ("ConnectionStrings:Catalog", "Host=db;Database=catalog"));
        using var told = Context(("Database:Provider", "Postgres"), ("ConnectionStrings:Catalog", "Host=db;Database=catalog;No Reset On Close=false"));

        Assert.True(new NpgsqlConnectionStringBuilder(unreset.Database.GetConnectionString()).NoResetOnClose);
        Assert.False(new NpgsqlConnectionStringBuilder(told.Database.GetConnectionString()).NoResetOnClose);
    }

    [Fact]
    public void Sqlite_NoConnectionString_UsesTheDataFolder()
    {
        using var db = Context(("Database:CommandTimeout", "00:00:07"));

        Assert.IsType<SqliteCatalogDbContext>(db);
        Assert.Equal("data/catalog.db", new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource);
        Assert.Equal(7, db.Database.GetCommandTimeout());
    }

    [Fact]
    public void Sqlite_EveryConnection_GetsNormalSync()
    {
        using var db = Context(("ConnectionStrings:Catalog", "Data Source=:memory:"));

        db.Database.OpenConnection();

        Assert.Equal(1L, Pragma(db, "synchronous"));
    }

    [Fact]
    public void Sqlite_ConfiguredSettings_AreApplied()
    {
        using var db = Context(("ConnectionStrings:Catalog", "Data Source=:memory:"), ("Database:SqliteSynchronous", "full"));

        db.Database.OpenConnection();

        Assert.Equal(2L, Pragma(db, "synchronous"));
    }

    [Fact]
    public void Sqlite_UnsupportedSynchronousLevel_RefusesToStartNamingIt()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            new ServiceCollection().AddCatalogPersistence(Configuration(("Database:SqliteSynchronous", "Off"))));

        Assert.Contains("Database:SqliteSynchronous", error.Message, StringComparison.Ordinal);
        Assert.Contains("Normal, Full or Extra", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IsDatabaseUnavailable_TransientDriverErrorAnywhereInTheChain_IsTrue()
    {
        var refused = new NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException(111));
        var wrapped = new DbUpdateException("save failed", refused);

        Assert.True(refused.IsDatabaseUnavailable());
        Assert.True(wrapped.IsDatabaseUnavailable());
        Assert.False(new DbUpdateException("save failed", new InvalidOperationException("bug")).IsDatabaseUnavailable());
        Assert.False(new InvalidOperationException("bug").IsDatabaseUnavailable());
    }

    [Fact]
    public void MicrosecondClock_Now_HasNoFractionBelowAMicrosecond()
    {
        var clock = new MicrosecondClock();

        for (var i = 0; i < 50; i++)
        {
            var now = clock.GetUtcNow();
            Assert.Equal(0, now.Ticks % TimeSpan.TicksPerMicrosecond);
            Assert.Equal(TimeSpan.Zero, now.Offset);
        }
    }

    private static long Pragma(CatalogDbContext db, string name)
    {
        using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return (long)command.ExecuteScalar()!;
    }

    private static IConfiguration Configuration(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static CatalogDbContext Context(params (string Key, string? Value)[] values)
    {
        var services = new ServiceCollection().AddLogging().AddCatalogPersistence(Configuration(values)).BuildServiceProvider();
        return services.CreateScope().ServiceProvider.GetRequiredService<CatalogDbContext>();
    }
}
