using System.Security.Claims;
using Catalog.Api.Infrastructure.Auth;

namespace Catalog.Api.Portal;

/// <summary>A link in the portal's navigation, shown to the roles that may open its page.</summary>
public sealed record NavLink(string Title, string Href, IReadOnlyList<string> Roles);

/// <summary>The portal's navigation, one line per page a role can start from: a new page adds its line here.</summary>
public static class PortalNavigation
{
    private static readonly string[] Everyone = [Roles.Customer, Roles.ItLead, Roles.Admin, Roles.Integrator];
    private static readonly string[] BusinessUnits = [Roles.Customer];
    private static readonly string[] ItLeads = [Roles.ItLead, Roles.Admin];
    private static readonly string[] DeliveryRecorders = [Roles.ItLead, Roles.Admin, Roles.Integrator];

    public static IReadOnlyList<NavLink> Links { get; } =
    [
        new("Catalog", "/portal/catalog", Everyone),
        new("Subscriptions and charges", "/portal/subscriptions", BusinessUnits),
        new("Agreements", "/portal/agreements", BusinessUnits),
        new("Service reviews", "/portal/reviews", BusinessUnits),
        new("Proposals", "/portal/proposals", BusinessUnits),
        new("Proposal queue", "/portal/queue", ItLeads),
        new("Outages", "/portal/outages", DeliveryRecorders),
    ];

    public static IEnumerable<NavLink> For(ClaimsPrincipal user) => Links.Where(l => l.Roles.Any(user.IsInRole));

    /// <summary>Where a person lands after signing in.</summary>
    public const string Home = "/portal/catalog";
}
