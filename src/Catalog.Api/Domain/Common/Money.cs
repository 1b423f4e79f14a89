namespace Catalog.Api.Domain.Common;

public static class Money
{
    /// <summary>Amounts are kept to the cent, half away from zero, as invoices round.</summary>
    public static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}
