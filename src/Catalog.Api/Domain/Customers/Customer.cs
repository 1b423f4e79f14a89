using Catalog.Api.Domain.Common;

namespace Catalog.Api.Domain.Customers;

/// <summary>A business unit: it agrees service levels and pays for them; its end users are only counted.</summary>
public sealed class Customer
{
    private Customer()
    {
        Key = Name = CostCenter = ContactEmail = string.Empty;
    }

    public Guid Id { get; private set; }

    public string Key { get; private set; }

    public string Name { get; private set; }

    public string CostCenter { get; private set; }

    public string ContactEmail { get; private set; }

    /// <summary>The IANA time zone its months are counted in (attainment, reviews, credits).</summary>
    public string TimeZone { get; private set; } = "UTC";

    /// <summary>Key, name and cost centre folded to lower case by .NET, so that searching ignores case for every alphabet.</summary>
    public string SearchText { get; private set; } = string.Empty;

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public int Version { get; private set; }

    public static Customer Create(string key, CustomerDetails details, DateTime now)
    {
        if (!Slug.IsValid(key))
        {
            throw new DomainRuleException("invalid-key", $"'{key}' is not a valid key: use lower-case letters, digits and single hyphens.");
        }

        var customer = new Customer { Id = Guid.CreateVersion7(now), Key = key, CreatedAt = now };
        customer.Update(details, now);
        return customer;
    }

    public void Update(CustomerDetails details, DateTime now)
    {
        Name = details.Name;
        CostCenter = details.CostCenter;
        ContactEmail = details.ContactEmail;
        TimeZone = details.TimeZone;
        SearchText = string.Join(' ', Key, Name, CostCenter).ToLowerInvariant();
        UpdatedAt = now;
        Version++;
    }
}

public sealed record CustomerDetails(string Name, string CostCenter, string ContactEmail, string TimeZone);
