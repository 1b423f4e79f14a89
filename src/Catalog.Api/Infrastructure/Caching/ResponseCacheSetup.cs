using Catalog.Api.Infrastructure.Application;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace Catalog.Api.Infrastructure.Caching;

/// <summary>
/// The caches (decision 0012): ASP.NET Core's output cache in front of reads whose answer does not depend on who
/// asks, and the memory cache; both evicted by <see cref="ChangeEviction"/>, after each save and from the change feed.
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

        services.AddMemoryCache();
        services.AddSingleton<ChangeEviction>();

        // The build runs the program only to write the OpenAPI document: there is no feed to follow. The follower
        // runs with the response cache off too: it also evicts the keys and the metric vocabulary.
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
                ? [CacheTags.Resource(subjectType, subjectId)]
                : []));

    /// <summary>Caches a list's pages (each query string apart) until any resource of the type changes.</summary>
    public static TBuilder CacheListUntilChanged<TBuilder>(this TBuilder endpoint, string subjectType)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.CacheOutput(new ResponseCachePolicy(_ => [CacheTags.List(subjectType)]));
}
