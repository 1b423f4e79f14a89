using System.Security.Claims;
using Catalog.Api.Infrastructure.Application;
using Catalog.Api.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;

namespace Catalog.Api.Infrastructure.Auth;

/// <summary>
/// The portal's sign-in: a person presents an API key once and gets a cookie session that authenticates as that key
/// (the same claims as <see cref="ApiKeyAuthenticationHandler"/>, so the same roles and tenancy apply). The cookie holds
/// the key's id, never its secret, and the id is checked against the active keys on every request: a revoked key ends
/// its sessions within the key cache's time. Only the portal's pages accept the cookie (<see cref="Policy"/>); the API
/// answers to the key alone, so no other site can make a browser call it with the session.
/// </summary>
public static class PortalSession
{
    public const string Scheme = "PortalSession";

    /// <summary>The policy every portal page requires: a signed-in session.</summary>
    public const string Policy = "portal";

    public const string CookieName = "catalog-portal";

    public const string SignInPath = "/";

    internal static IServiceCollection AddPortalSession(this IServiceCollection services, AuthenticationBuilder authentication, IConfiguration configuration)
    {
        // The key ring lives in the database, so sessions and form tokens survive a restart and every instance reads
        // what another issued; the application name, not the install path, says which keys are ours.
        var dataProtection = services.AddDataProtection().SetApplicationName("Catalog");
        if (BuildTime.IsGeneratingOpenApiDocument)
        {
            // The build runs the program without a database; its key ring loads at start all the same.
            dataProtection.UseEphemeralDataProtectionProvider();
        }
        else
        {
            dataProtection.PersistKeysToDbContext<CatalogDbContext>();
        }

        var idle = configuration.GetValue("Portal:SessionIdleTimeout", TimeSpan.FromMinutes(30));
        authentication.AddCookie(Scheme, options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.ExpireTimeSpan = idle;
            options.SlidingExpiration = true;
            options.LoginPath = SignInPath;
            options.ReturnUrlParameter = "returnUrl";
            options.Events.OnValidatePrincipal = ValidateAsync;

            // A page the role may not open is a 403 page (shown by the portal's status pages), not a redirect.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
        return services;
    }

    /// <summary>Signs in with the key's secret; false when the key is unknown or revoked.</summary>
    public static async Task<bool> SignInAsync(HttpContext http, string secret)
    {
        var key = await http.RequestServices.GetRequiredService<ActiveKeys>().BySecretAsync(secret.Trim(), http.RequestAborted);
        if (key is null)
        {
            return false;
        }

        await http.SignInAsync(Scheme, ActiveKeys.Principal(key, Scheme));
        return true;
    }

    public static Task SignOutAsync(HttpContext http) => http.SignOutAsync(Scheme);

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var active = Guid.TryParse(context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? await context.HttpContext.RequestServices.GetRequiredService<ActiveKeys>().ByIdAsync(id, context.HttpContext.RequestAborted)
            : null;
        if (active is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }
}
