using Catalog.Api.Infrastructure.Http;
using FluentValidation;
using MediatR;

namespace Catalog.Api.Infrastructure.Application;

public static class ApplicationSetup
{
    public static IServiceCollection AddCatalogApplication(this IServiceCollection services, IConfiguration configuration)
    {
        var assembly = typeof(ApplicationSetup).Assembly;

        // MediatR 5.1 predates its own DI package (the later one needs MediatR.Contracts, which the
        // registry does not serve), so its handlers are registered here; see docs/decisions/0002.
        services.AddScoped<ServiceFactory>(provider => provider.GetService!);
        services.AddScoped<IMediator, Mediator>();
        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false }))
        {
            foreach (var handler in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>)))
            {
                services.AddTransient(handler, type);
            }
        }

        ValidatorOptions.Global.DefaultRuleLevelCascadeMode = CascadeMode.Stop;

        // Messages name fields as the client wrote them ("'oneOffCost' must not be empty"), not as C# members.
        ValidatorOptions.Global.DisplayNameResolver = (_, member, expression) =>
        {
            // The expression's body is "c.Input.Owner.Team": its parameter first, then the member path.
            var path = expression?.Body.ToString().Split('.').Skip(1).ToList() ?? (member is null ? [] : [member.Name]);
            return path.Count == 0 || path is ["Input"] ? null : FieldPath.FromMembers(path);
        };
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));
        
        // Only request validators run in the pipeline; validators of parts (ServiceInputValidator…) are composed into them.
        // Singletons: building a validator compiles its rules' expressions, which is work for once, not per request
        // (none takes a dependency).
        services.AddValidatorsFromAssembly(
            assembly,
            ServiceLifetime.Singleton,
            filter: result => typeof(IBaseRequest).IsAssignableFrom(result.InterfaceType.GetGenericArguments()[0]),
            includeInternalTypes: true);
        services.AddAutoMapper(options => options.LicenseKey = configuration["AutoMapper:LicenseKey"], assembly);
        services.AddSingleton<TimeProvider>(new MicrosecondClock());
        return services;
    }
}
