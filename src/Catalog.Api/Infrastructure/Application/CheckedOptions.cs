using Microsoft.Extensions.Options;

namespace Catalog.Api.Infrastructure.Application;

/// <summary>
/// A configuration section bound to its options and checked at start, so that a wrong setting fails the start
/// with every problem the options type names, rather than the first request or background round that uses it.
/// </summary>
public static class CheckedOptions
{
    /// <summary>Binds <paramref name="section"/> to <typeparamref name="T"/>, failing the start on any of its problems.</summary>
    public static IServiceCollection AddCheckedOptions<T>(
        this IServiceCollection services, IConfiguration configuration, string section, Func<T, IEnumerable<string>> problems)
        where T : class
    {
        services.AddOptions<T>()
            .Bind(configuration.GetSection(section))
            .ValidateOnStart();
        return services.AddSingleton<IValidateOptions<T>>(new ProblemsValidation<T>(problems));
    }

    /// <summary>The section as configured now, for what registration itself depends on.</summary>
    public static T ReadSection<T>(this IConfiguration configuration, string section)
        where T : new() =>
        configuration.GetSection(section).Get<T>() ?? new T();

    private sealed class ProblemsValidation<T>(Func<T, IEnumerable<string>> problems) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var found = problems(options).ToList();
            return found.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(found);
        }
    }
}
