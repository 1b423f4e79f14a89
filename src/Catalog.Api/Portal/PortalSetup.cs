using Catalog.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Catalog.Api.Portal;

/// <summary>
/// The portal: server-rendered Razor Pages for the people behind the keys, in the API's process. Pages send the same
/// MediatR requests as the endpoints, signed in through <see cref="PortalSession"/>, so the same roles and tenancy
/// apply. The portal lives at <c>/</c> (sign-in) and under <c>/portal</c>; it is not part of the API's OpenAPI document.
/// </summary>
public static class PortalSetup
{
    public const string PathPrefix = "/portal";

    /// <summary>Where a status without a page of its own (404, 403, 400) is shown, re-executed with the status as <c>{0}</c>.</summary>
    public const string StatusPage = PathPrefix + "/error/{0}";

    // Nothing but the portal's own stylesheet loads, no script runs and forms post only back to the portal.
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static IServiceCollection AddCatalogPortal(this IServiceCollection services)
    {
        services.AddRazorPages(options =>
        {
            options.RootDirectory = "/Portal/Pages";
            options.Conventions.AuthorizeFolder("/", PortalSession.Policy);
            options.Conventions.AllowAnonymousToPage("/Index");
            options.Conventions.AllowAnonymousToPage("/Error");

            // Any other address under the portal is its 404 page, not the API's problem for a caller without a key.
            options.Conventions.AddPageRoute("/Error", PathPrefix.TrimStart('/') + "/{**unknown}");
            options.Conventions.ConfigureFilter(new PortalExceptionFilter());
        });
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "catalog-antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }

    /// <summary>
    /// For the portal's requests: the security headers on its pages, and its own HTML page for a status without a
    /// body (an unknown address, a refused form, a role that may not see a page), where the API answers problem details.
    /// Must run inside the API's status-code pages, so the portal's page is written first.
    /// </summary>
    public static IApplicationBuilder UsePortalResponses(this IApplicationBuilder app) =>
        app.UseWhen(IsPortal, portal => portal
            .Use((context, next) =>
            {
                context.Response.OnStarting(() =>
                {
                    var headers = context.Response.Headers;
                    headers.XContentTypeOptions = "nosniff";
                    if (context.Response.ContentType?.StartsWith("text/html", StringComparison.Ordinal) == true)
                    {
                        headers.ContentSecurityPolicy = ContentSecurityPolicy;
                        headers.XFrameOptions = "DENY";
                        headers["Referrer-Policy"] = "same-origin";

                        // Pages show one customer's affairs: no shared cache keeps them, and Back after sign-out shows nothing.
                        headers.CacheControl = "no-store";
                    }

                    return Task.CompletedTask;
                });
                return next(context);
            })
            .UseStatusCodePagesWithReExecute(StatusPage));

    /// <summary>Maps the pages; none of them is an operation of the API's document.</summary>
    public static IEndpointRouteBuilder MapCatalogPortal(this IEndpointRouteBuilder app)
    {
        app.MapRazorPages().ExcludeFromDescription();
        return app;
    }

    private static bool IsPortal(HttpContext context) =>
        context.Request.Path == "/" || context.Request.Path.StartsWithSegments(PathPrefix, StringComparison.OrdinalIgnoreCase);
}
