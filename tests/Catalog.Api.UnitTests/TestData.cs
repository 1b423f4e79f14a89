using Catalog.Api.Domain.Customers;
using Catalog.Api.Domain.Services;

namespace Catalog.Api.UnitTests;

/// <summary>Valid domain objects and fixed instants, so each test states only what it is about.</summary>
internal static class TestData
{
    public static readonly DateTime T0 = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime T1 = T0.AddHours(1);
    public static readonly DateTime T2 = T0.AddHours(2);
    public static readonly DateTime T3 = T0.AddHours(3);

    public static ServiceDetails Details(
        string name = "Mail",
        decimal unitCost = 4.20m,
        string currency = "EUR",
        IReadOnlyList<Alternative>? alternatives = null) =>
        new(
            name,
            "Send and receive e-mail from anywhere.",
            null,
            "communication",
            new Owner("Messaging", "messaging@example.com"),
            ServiceKind.Business,
            new UnitCost("mailbox", unitCost, currency),
            alternatives ?? []);

    /// <summary>A service created at <see cref="T0"/> and moved to <paramref name="lifecycle"/> at the same instant.</summary>
    public static Service NewService(string key = "mail", Lifecycle lifecycle = Lifecycle.Pipeline)
    {
        var service = Catalog.Api.Domain.Services.Service.Create(key, Details(), [], T0);
        if (lifecycle != Lifecycle.Pipeline)
        {
            service.MoveTo(lifecycle, [], [], T0);
        }

        return service;
    }

    public static Customer NewCustomer(string key = "finance") =>
        Catalog.Api.Domain.Customers.Customer.Create(key, new CustomerDetails("Finance", "CC-1000", "finance@example.com", "UTC"), T0);
}
