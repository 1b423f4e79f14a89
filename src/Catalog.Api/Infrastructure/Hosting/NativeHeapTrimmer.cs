using Catalog.Api.Infrastructure.Application;
using Microsoft.Extensions.Options;

namespace Catalog.Api.Infrastructure.Hosting;

/// <summary>
/// Gives the C library's free arena memory back to the operating system every
/// <see cref="NativeHeapOptions.TrimInterval"/> (about 3 ms a round after the suite's load), so that what compiling
/// code and filling page caches took at one moment does not stay in the process's RSS for good.
/// </summary>
internal sealed class NativeHeapTrimmer(IOptions<NativeHeapOptions> options, TimeProvider clock, ILogger<NativeHeapTrimmer> logger)
    : PollingService
{
    protected override Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        NativeHeap.Trim();
        return Task.FromResult(false);
    }

    protected override Task WaitAsync(CancellationToken cancellationToken) => Task.Delay(options.Value.TrimInterval, clock, cancellationToken);

    protected override void LogFailure(Exception exception) => logger.LogWarning(exception, "Trimming the native heap failed; trying again.");
}

public static class NativeHeapSetup
{
    /// <summary>Trims the native heap periodically where the C library can (glibc) and the interval is not zero.</summary>
    public static IServiceCollection AddCatalogNativeHeapTrimming(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCheckedOptions<NativeHeapOptions>(configuration, NativeHeapOptions.Section, NativeHeapOptions.Problems);
        var options = configuration.ReadSection<NativeHeapOptions>(NativeHeapOptions.Section);
        if (options.TrimInterval > TimeSpan.Zero && !BuildTime.IsGeneratingOpenApiDocument && NativeHeap.CanTrim)
        {
            services.AddHostedService<NativeHeapTrimmer>();
        }

        return services;
    }
}
