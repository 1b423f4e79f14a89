using Catalog.Api.IntegrationTests.Features.Webhooks;
using Catalog.Api.IntegrationTests.Infrastructure.Databases;

namespace Catalog.Api.IntegrationTests.Infrastructure;

/// <summary>
/// A class fixture: one database, and two APIs started on it one after the other (the second finds it
/// migrated), as behind a load balancer; each test class names the settings both run with.
/// </summary>
public abstract class TwoInstances : IDisposable
{
    private readonly TestDatabase _database = TestDatabase.Create();

    protected TwoInstances(IReadOnlyDictionary<string, string?>? settings = null)
    {
        First = WebhookApiFactory.OnDatabase(_database, settings);
        Second = WebhookApiFactory.OnDatabase(_database, settings);
    }

    public CatalogApiFactory First { get; }

    public CatalogApiFactory Second { get; }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            First.Dispose();
            Second.Dispose();
            _database.Dispose();
        }
    }
}
