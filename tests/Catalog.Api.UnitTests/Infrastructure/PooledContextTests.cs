using Catalog.Api.Domain.Negotiation;
using Catalog.Api.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Catalog.Api.UnitTests.Infrastructure;

public sealed class PooledContextTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public PooledContextTests() => _connection.Open();

    public void Dispose() => _connection.Dispose();

    [Fact]
    public async Task Record_ContextReturnedToThePoolUnsaved_LeavesNoEventForTheNextUser()
    {
        var factory = new PooledDbContextFactory<SqliteCatalogDbContext>(new DbContextOptionsBuilder<SqliteCatalogDbContext>().UseSqlite(_connection).Options, poolSize: 1);
        SqliteCatalogDbContext first;
        await using (first = factory.CreateDbContext())
        {
            await first.Database.EnsureCreatedAsync();
            first.Record("service.created", "service", Guid.CreateVersion7(), new ActorRef(Guid.Empty, "test", "system"), DateTime.UtcNow, new { });
        }

        await using var second = factory.CreateDbContext();
        var subject = Guid.CreateVersion7();
        second.Record("customer.created", "customer", subject, new ActorRef(Guid.Empty, "test", "system"), DateTime.UtcNow, new { });
        await second.SaveChangesAsync();

        Assert.Same(first, second);
        var saved = Assert.Single(await second.ChangeEvents.ToListAsync());
        Assert.Equal(subject, saved.SubjectId);
    }
}
