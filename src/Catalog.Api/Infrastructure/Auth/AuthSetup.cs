using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Catalog.Api.Infrastructure.Persistence;

namespace Catalog.Api.Infrastructure.Auth;

public static class AuthSetup
{
    public static IServiceCollection AddCatalogAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.AddMemoryCache();
        services.AddSingleton<ApiKeyCache>();
        services.AddScoped<ActiveKeys>();
        services.AddScoped<Actor>();
        services.AddScoped<ICustomerScope>(services => services.GetRequiredService<Actor>());
        var authentication = services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddPortalSession(authentication, configuration);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Curate, policy => policy.RequireRole(Roles.Admin, Roles.ItLead))
            .AddPolicy(Policies.Administer, policy => policy.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Decide, policy => policy.RequireRole(Roles.Customer, Roles.ItLead, Roles.Admin))
            .AddPolicy(Policies.Propose, policy => policy.RequireRole(Roles.Customer, Roles.ItLead, Roles.Admin))
            .AddPolicy(Policies.ReadFeed, policy => policy.RequireRole(Roles.Integrator, Roles.ItLead, Roles.Admin))
            .AddPolicy(Policies.RecordDelivery, policy => policy.RequireRole(Roles.Integrator, Roles.ItLead, Roles.Admin))
            .AddPolicy(Policies.Terminate, policy => policy.RequireRole(Roles.Customer, Roles.Admin));
        return services;
    }
}
