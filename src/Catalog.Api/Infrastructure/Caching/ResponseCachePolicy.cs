using Microsoft.AspNetCore.OutputCaching;

namespace Catalog.Api.Infrastructure.Caching;

/// <summary>
/// Caches successful GET and HEAD responses of an endpoint whose answer is the same for every caller allowed
/// to see it, tagged with what it shows so that a change evicts it. Authentication and authorization run
/// before the cache, so a cached response only reaches callers the endpoint would have answered.
/// </summary>
/// <param name="tags">The tags of what a request's response shows.</param>
internal sealed class ResponseCachePolicy(Func<HttpContext, string[]> tags) : IOutputCachePolicy
{
    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var cacheable = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method);
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.CacheVaryByRules.QueryKeys = "*";
        if (cacheable)
        {
            context.Tags.Add(CacheTags.All);
            foreach (var tag in tags(http))
            {
                context.Tags.Add(tag);
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        if (context.HttpContext.Response.StatusCode != StatusCodes.Status200OK || context.HttpContext.Response.Headers.SetCookie.Count > 0)
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}
