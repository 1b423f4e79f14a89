using System.Security.Claims;
using Catalog.Api.Domain.ApiKeys;
using Catalog.Api.Domain.Negotiation;

namespace Catalog.Api.Infrastructure.Auth;

/// <summary>Who is calling: the API key, its role and, for customer keys, the customer it speaks for.</summary>
public sealed class Actor(IHttpContextAccessor accessor)
{
    public const string CustomerClaim = "customer_id";

    private ClaimsPrincipal User => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    public Guid KeyId => Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : Guid.Empty;

    public ApiRole Role => Roles.Parse(User.FindFirstValue(ClaimTypes.Role) ?? throw new InvalidOperationException("No authenticated caller."));

    public Guid? CustomerId => Guid.TryParse(User.FindFirstValue(CustomerClaim), out var id) ? id : null;

    /// <summary>The caller as recorded on what it does (rounds, analyses, acceptances, terminations).</summary>
    public ActorRef Ref => new(KeyId, User.FindFirstValue(ClaimTypes.Name) ?? string.Empty, Roles.Name(Role));

    /// <summary>
    /// Whether the caller may see what belongs to <paramref name="customerId"/>. A customer sees only its own;
    /// for everything else the answer to a customer is 404, never 403.
    /// </summary>
    public bool CanSeeCustomer(Guid customerId) => Role != ApiRole.Customer || CustomerId == customerId;
}
