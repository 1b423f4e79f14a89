using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Catalog.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Catalog.Api.Infrastructure.RateLimiting;

/// <summary>
/// A token bucket per API key (per client address for anonymous calls): <c>RateLimiting:PermitsPerSecond</c>
/// refill a bucket of <c>RateLimiting:Burst</c>. Past it, 429 with <c>Retry-After</c> and a problem body.
/// </summary>
public static class RateLimitingSetup
{
    public static IServiceCollection AddCatalogRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var permitsPerSecond = configuration.GetValue("RateLimiting:PermitsPerSecond", 200);
        var burst = configuration.GetValue("RateLimiting:Burst", 1000);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => RateLimitPartition.GetTokenBucketLimiter(
                http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? http.Connection.RemoteIpAddress?.ToString() ?? "anonymous",
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = burst,
                    TokensPerPeriod = permitsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                var http = context.HttpContext;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Type = ProblemTypes.RateLimited,
                        Title = "Too many requests.",
                        Detail = $"This API key has used its {burst} requests in hand ({permitsPerSecond} more each second); retry after {seconds} s.",
                    },
                });
            };
        });
        return services;
    }
}
