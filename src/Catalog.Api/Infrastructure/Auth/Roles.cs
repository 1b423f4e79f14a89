using Catalog.Api.Domain.ApiKeys;

namespace Catalog.Api.Infrastructure.Auth;

/// <summary>Role names as they appear in claims and JSON, and the authorization policies built on them.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string ItLead = "it-lead";
    public const string Customer = "customer";
    public const string Integrator = "integrator";

    public static string Name(ApiRole role) => role switch
    {
        ApiRole.Admin => Admin,
        ApiRole.ItLead => ItLead,
        ApiRole.Customer => Customer,
        ApiRole.Integrator => Integrator,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static ApiRole Parse(string name) => name switch
    {
        Admin => ApiRole.Admin,
        ItLead => ApiRole.ItLead,
        Customer => ApiRole.Customer,
        Integrator => ApiRole.Integrator,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}

public static class Policies
{
    /// <summary>Curating the catalog: IT leads and admins.</summary>
    public const string Curate = "curate";

    /// <summary>Customers, keys and custom metrics: admins only.</summary>
    public const string Administer = "administer";

    /// <summary>
    /// Deciding a negotiation (submit, revise, accept, withdraw): the customer alone, or, between services, whoever
    /// opened it (an IT lead) or an admin; the proposal itself says which (<c>Proposal.MayBeDecidedBy</c>).
    /// </summary>
    public const string Decide = "decide";

    /// <summary>Opening a proposal: a customer for itself, an admin on a customer's behalf, or an IT lead or admin between services.</summary>
    public const string Propose = "propose";

    /// <summary>Reading the change feed: integrators, IT leads and admins; customers may not.</summary>
    public const string ReadFeed = "read-feed";

    /// <summary>Recording delivered service (outages, measurements): integrators, IT leads and admins.</summary>
    public const string RecordDelivery = "record-delivery";

    /// <summary>Ending an agreement: its customer or an admin, never IT.</summary>
    public const string Terminate = "terminate";
}
