using System.Security.Claims;
using Catalog.Api.Domain.ApiKeys;
using Catalog.Api.Domain.Negotiation;
using Catalog.Api.Infrastructure.Persistence;

namespace Catalog.Api.Infrastructure.Auth;

/// <summary>Who is calling: the API key, its role and, for customer keys, the customer it speaks for.</summary>
public sealed class Actor(IHttpContextAccessor accessor) : ICustomerScope
{
    public const string CustomerClaim = "customer_id";

    private ClaimsPrincipal User => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    public Guid KeyId => Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : Guid.Empty;

    public ApiRole Role => Roles.Parse(User.FindFirstValue(ClaimTypes.Role) ?? throw new InvalidOperationException("No authenticated caller."));

    public Guid? CustomerId => Guid.TryParse(User.FindFirstValue(CustomerClaim), out var id) ? id : null;

    /// <summary>The caller as recorded on what it does (rounds, analyses, acceptances, terminations).</summary>
    public ActorRef Ref => new(KeyId, User.FindFirstValue(ClaimTypes.Name) ?? string.Empty, Roles.Name(Role));

    /// <summary>
    /// A customer key reads only its own customer's rows; every other key reads all, and so does the API's own
    /// work outside a request. A request nobody has authenticated yet reads no customer's rows.
    /// </summary>
    public Guid? ConfinedToCustomerId => accessor.HttpContext is null
        ? null
        : User.Identity?.IsAuthenticated != true ? Guid.Empty
        : Role == ApiRole.Customer ? CustomerId ?? Guid.Empty
        : null;
}
