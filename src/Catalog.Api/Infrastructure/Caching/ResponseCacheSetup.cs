using Catalog.Api.Infrastructure.Application;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Catalog.Api.Infrastructure.Caching;

/// <summary>
/// The response cache (decision 0012): ASP.NET Core's output cache, evicted from the change feed, in front of
/// reads whose answer does not depend on who asks.
/// </summary>
public static class ResponseCacheSetup
{
    public static IServiceCollection AddCatalogResponseCache(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCheckedOptions<ResponseCacheOptions>(configuration, ResponseCacheOptions.Section, ResponseCacheOptions.Problems);
        var options = configuration.ReadSection<ResponseCacheOptions>(ResponseCacheOptions.Section);
        services.AddOutputCache(o =>
        {
            o.SizeLimit = options.SizeLimitMegabytes * 1024L * 1024L;
            o.DefaultExpirationTimeSpan = options.Expiration;
        });

        // The store the output cache made, behind the one that keeps a change's eviction from being overtaken.
        var made = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        services.Remove(made);
        services.AddSingleton(sp => new ResponseCacheStore(
            (IOutputCacheStore)made.ImplementationFactory!(sp), sp.GetRequiredService<IHttpContextAccessor>()));
        services.AddSingleton<IOutputCacheStore>(sp => sp.GetRequiredService<ResponseCacheStore>());
        if (!options.Enabled)
        {
            return services;
        }

        services.AddSingleton<IInterceptor, CommittedChangesInterceptor>();

        // The build runs the program only to write the OpenAPI document: there is no feed to follow.
        if (!BuildTime.IsGeneratingOpenApiDocument)
        {
            services.AddHostedService<ChangeFeedCacheFollower>();
        }

        return services;
    }

    /// <summary>Serves cached responses; placed after authorization, so only callers the endpoint would answer get one.</summary>
    public static IApplicationBuilder UseCatalogResponseCache(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<IOptions<ResponseCacheOptions>>().Value.Enabled ? app.UseOutputCache() : app;

    /// <summary>Caches the endpoint's responses until the resource in its <c>{id}</c> route value changes.</summary>
    public static TBuilder CacheUntilChanged<TBuilder>(this TBuilder endpoint, string subjectType)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.CacheOutput(new ResponseCachePolicy(http =>
            http.Request.RouteValues["id"] is string id && Guid.TryParse(id, out var subjectId)
                ? [ResponseCacheStore.ResourceTag(subjectType, subjectId)]
                : []));

    /// <summary>Caches a list's pages (each query string apart) until any resource of the type changes.</summary>
    public static TBuilder CacheListUntilChanged<TBuilder>(this TBuilder endpoint, string subjectType)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.CacheOutput(new ResponseCachePolicy(_ => [ResponseCacheStore.ListTag(subjectType)]));
}
