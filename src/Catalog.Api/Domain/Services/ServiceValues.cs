namespace Catalog.Api.Domain.Services;

public sealed record Owner(string Team, string Contact);

/// <summary>What one unit of the service costs per month.</summary>
public sealed record UnitCost(string Unit, decimal UnitCostPerMonth, string Currency);

/// <summary>Something the business could buy instead of the service, priced per unit.</summary>
public sealed record Alternative(string Name, decimal UnitCostPerMonth, string Currency, string? Note);

/// <summary>The editable description of a service: everything but its key, lifecycle and dependencies.</summary>
public sealed record ServiceDetails(
    string Name,
    string Summary,
    string? Description,
    string Category,
    Owner Owner,
    ServiceKind Kind,
    UnitCost Cost,
    IReadOnlyList<Alternative> Alternatives);
