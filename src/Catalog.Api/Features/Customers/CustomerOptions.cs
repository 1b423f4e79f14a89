using NodaTime;

namespace Catalog.Api.Features.Customers;

/// <summary>Settings for customers (<c>Customers</c> section).</summary>
public sealed class CustomerOptions
{
    public const string Section = "Customers";

    /// <summary>The time zone of a customer created without one.</summary>
    public string DefaultTimeZone { get; set; } = "UTC";

    public static bool IsTimeZone(string? zone) => zone is not null && DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone) is not null;

    public IEnumerable<string> Problems()
    {
        if (!IsTimeZone(DefaultTimeZone))
        {
            yield return $"Customers:DefaultTimeZone '{DefaultTimeZone}' is not an IANA time zone such as Europe/Berlin.";
        }
    }
}
