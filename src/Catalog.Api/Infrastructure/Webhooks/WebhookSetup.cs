using Catalog.Api.Infrastructure.Application;
using Catalog.Api.Infrastructure.Auth;

namespace Catalog.Api.Infrastructure.Webhooks;

public static class WebhookSetup
{
    /// <summary>Managing webhook subscriptions: integrators (their own) and admins (all).</summary>
    public const string ManagePolicy = "manage-webhooks";

    public static IServiceCollection AddCatalogWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        // Checked at start, so a typo fails the start rather than the first retry.
        services.AddCheckedOptions<WebhookOptions>(configuration, WebhookOptions.Section, WebhookOptions.Problems);
        services.AddAuthorizationBuilder()
            .AddPolicy(ManagePolicy, policy => policy.RequireRole(Roles.Integrator, Roles.Admin));
        services.AddSingleton<WebhookTargetGuard>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookSignal>();

        // The build runs the program only to write the OpenAPI document: there is no database to deliver from.
        if (!BuildTime.IsGeneratingOpenApiDocument)
        {
            services.AddHostedService<WebhookFanOut>();
            services.AddHostedService<WebhookDispatcher>();
        }

        return services;
    }
}
