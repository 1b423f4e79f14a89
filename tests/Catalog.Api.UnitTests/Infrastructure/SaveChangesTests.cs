using Catalog.Api.Domain.Customers;
using Catalog.Api.Domain.Negotiation;
using Catalog.Api.Infrastructure.Caching;
using Catalog.Api.Infrastructure.ChangeFeed;
using Catalog.Api.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Api.UnitTests.Infrastructure;

/// <summary>
/// A save on SQLite writes its changes, numbers its events and commits, in a transaction of its own: concurrent saves
/// queue at the write gate and each keeps its own outcome; once saved, what the events are about is evicted.
/// </summary>
public sealed class SaveChangesTests : IDisposable
{
    private static readonly ActorRef Actor = new(Guid.Empty, "test", "system");

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"catalog-save-{Guid.NewGuid():N}.db");

    private readonly ServiceProvider _services;

    public SaveChangesTests()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Catalog"] = $"Data Source={_file}" })
            .Build();
        var services = new ServiceCollection().AddCatalogPersistence(configuration);
        services.AddOutputCache();
        services.AddSingleton<ChangeEviction>();
        _services = services.BuildServiceProvider();
        using var scope = _services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Database.Migrate();
    }

    public void Dispose()
    {
        _services.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task SaveChanges_ManyAtOnce_EachCommitsAndTheEventsAreNumberedWithoutGaps()
    {
        var keys = Enumerable.Range(0, 12).Select(i => $"customer-{i:00}").ToList();

        await Task.WhenAll(keys.Select(SaveAsync));

        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), await db.ChangeEvents.OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync());
        Assert.Equal(12L, await db.ChangeFeedHeadAsync(CancellationToken.None));
        Assert.Equal(keys, await db.Customers.OrderBy(c => c.Key).Select(c => c.Key).ToListAsync());
    }

    [Fact]
    public async Task SaveChanges_OneOfSeveralFails_FailsAloneAndTakesNoNumber()
    {
        await SaveAsync("taken");

        var saves = new[] { "alpha", "taken", "beta" }.Select(SaveAsync).ToList();

        await Assert.ThrowsAsync<DbUpdateException>(() => saves[1]);
        await Task.WhenAll(saves[0], saves[2]);
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        Assert.Equal([1L, 2L, 3L], await db.ChangeEvents.OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync());
        Assert.Equal(["alpha", "beta", "taken"], await db.Customers.OrderBy(c => c.Key).Select(c => c.Key).ToListAsync());
    }

    [Fact]
    public async Task SaveChanges_WithEvents_EvictsWhatTheyAreAboutOnceSaved()
    {
        var eviction = _services.GetRequiredService<ChangeEviction>();
        var customers = eviction.ExpiresOnChangeTo(SubjectTypes.Customer);
        var services = eviction.ExpiresOnChangeTo(SubjectTypes.Service);

        await SaveAsync("evicting");

        Assert.True(customers.HasChanged);
        Assert.False(services.HasChanged);
    }

    [Fact]
    public async Task SaveChanges_Failed_EvictsNothing()
    {
        await SaveAsync("taken");
        var customers = _services.GetRequiredService<ChangeEviction>().ExpiresOnChangeTo(SubjectTypes.Customer);

        await Assert.ThrowsAsync<DbUpdateException>(() => SaveAsync("taken"));

        Assert.False(customers.HasChanged);
    }

    private async Task SaveAsync(string key)
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        var customer = Customer.Create(key, new CustomerDetails(key, "CC-1000", $"{key}@example.com", "UTC"), TestData.T0);
        db.Customers.Add(customer);
        db.Record(ChangeTypes.CustomerCreated, SubjectTypes.Customer, customer.Id, Actor, TestData.T0, new { key });
        await db.SaveChangesAsync();
    }
}
