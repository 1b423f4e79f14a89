namespace Catalog.Api.Infrastructure.Persistence;

/// <summary>
/// Whose rows a context may read: the input of the tenancy filter (<see cref="CatalogDbContext.TenancyFilter"/>).
/// The request's caller provides it; work the API does on its own has none and reads every customer's rows.
/// </summary>
public interface ICustomerScope
{
    /// <summary>The one customer whose rows may be read, or null when every customer's may.</summary>
    Guid? ConfinedToCustomerId { get; }
}
