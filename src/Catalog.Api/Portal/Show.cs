using System.Globalization;

namespace Catalog.Api.Portal;

/// <summary>Numbers, money and dates as the portal writes them for people: one format everywhere.</summary>
public static class Show
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Money(decimal amount, string currency) => string.Create(Invariant, $"{currency} {amount:#,0.00}");

    public static string Number(decimal value) => value.ToString("#,0.####", Invariant);

    public static string Date(DateTime at) => at.ToString("d MMMM yyyy", Invariant);

    public static string Month(DateTime at) => at.ToString("MMMM yyyy", Invariant);
}
