using Catalog.Api.Infrastructure.Application;

namespace Catalog.Api.Features.Attainment;

public static class AttainmentSetup
{
    public static IServiceCollection AddAttainment(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCheckedOptions<AttainmentOptions>(configuration, AttainmentOptions.Section, options => options.Problems());
        services.AddScoped<AttainmentReader>();
        services.AddScoped<GiveAttainmentNotices>();
        services.AddSingleton<AttainmentSignal>();

        // The build runs the program only to write the OpenAPI document: there is no database to watch.
        if (!BuildTime.IsGeneratingOpenApiDocument)
        {
            services.AddHostedService<AttainmentWatcher>();
        }

        return services;
    }
}
