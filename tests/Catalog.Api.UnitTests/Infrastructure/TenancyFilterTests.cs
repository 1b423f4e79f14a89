using Catalog.Api.Domain.ApiKeys;
using Catalog.Api.Domain.Customers;
using Catalog.Api.Domain.Services;
using Catalog.Api.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static Catalog.Api.UnitTests.TestData;

namespace Catalog.Api.UnitTests.Infrastructure;

/// <summary>
/// Tenancy is one query filter: a scope whose caller is confined to a customer reads only that customer's rows,
/// whatever the query; a scope without a caller (the API's own work) reads everything.
/// </summary>
public sealed class TenancyFilterTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"catalog-tenancy-{Guid.NewGuid():N}.db");

    private readonly ServiceProvider _services;

    private readonly Customer _finance = NewCustomer("finance");

    private readonly Customer _sales = NewCustomer("sales");

    public TenancyFilterTests()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Catalog"] = $"Data Source={_file}" })
            .Build();
        var services = new ServiceCollection().AddCatalogPersistence(configuration);
        services.AddScoped<Caller>();
        services.AddScoped<ICustomerScope>(provider => provider.GetRequiredService<Caller>());
        _services = services.BuildServiceProvider();

        using var scope = _services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        db.Database.Migrate();
        var mail = NewService("mail", Lifecycle.Live);
        db.Services.Add(mail);
        db.Customers.AddRange(_finance, _sales);
        db.Subscriptions.AddRange(Subscription.Start(_finance, mail, 10, T0), Subscription.Start(_sales, mail, 20, T0));
        db.SaveChanges();
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
    public async Task Query_CallerConfinedToACustomer_ReadsOnlyThatCustomersRows()
    {
        await using var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Caller>().ConfinedToCustomerId = _finance.Id;
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();

        Assert.Equal(["finance"], await db.Customers.Select(c => c.Key).ToListAsync());
        Assert.Equal([10], await db.Subscriptions.Select(s => s.Units).ToListAsync());
        Assert.Null(await db.Customers.SingleOrDefaultAsync(c => c.Id == _sales.Id));
    }

    [Fact]
    public async Task Query_CallerNotConfined_ReadsEveryCustomersRows()
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();

        Assert.Equal(["finance", "sales"], await db.Customers.OrderBy(c => c.Key).Select(c => c.Key).ToListAsync());
        Assert.Equal([10, 20], await db.Subscriptions.OrderBy(s => s.Units).Select(s => s.Units).ToListAsync());
    }

    [Fact]
    public async Task Lease_ContextBackInThePool_ForgetsTheCaller()
    {
        CatalogDbContext first;
        await using (var scope = _services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<Caller>().ConfinedToCustomerId = _finance.Id;
            first = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
            Assert.Single(await first.Customers.ToListAsync());
        }

        // Leased again without a caller, the same pooled context reads every customer's rows.
        var factory = _services.GetRequiredService<IDbContextFactory<SqliteCatalogDbContext>>();
        await using var next = factory.CreateDbContext();

        Assert.Same(first, next);
        Assert.Null(next.ConfinedToCustomerId);
        Assert.Equal(2, await next.Customers.CountAsync());
    }

    [Fact]
    public void Model_EveryEntityWithACustomer_HasTheTenancyFilter()
    {
        // An entity that belongs to a customer must be confined like the others; API keys are the exception:
        // they are read to authenticate, before anyone is known, and only admins manage them.
        using var scope = _services.CreateScope();
        var model = scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Model;
        var owned = model.GetEntityTypes()
            .Where(e => e.ClrType == typeof(Customer) || e.FindProperty("CustomerId") is not null)
            .Where(e => e.ClrType != typeof(ApiKey))
            .ToList();

        Assert.Superset(new HashSet<string> { "Customer", "Subscription", "Proposal", "Agreement" }, owned.Select(e => e.ClrType.Name).ToHashSet());
        Assert.All(owned, e => Assert.NotNull(e.FindDeclaredQueryFilter(CatalogDbContext.TenancyFilter)));
    }

    private sealed class Caller : ICustomerScope
    {
        public Guid? ConfinedToCustomerId { get; set; }
    }
}
