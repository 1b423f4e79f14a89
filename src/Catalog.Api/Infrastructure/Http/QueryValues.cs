using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;

namespace Catalog.Api.Infrastructure.Http;

/// <summary>Reads enum filters from the query string in the same kebab-case spelling the JSON uses.</summary>
public static class QueryValues
{
    public static TEnum? Enum<TEnum>(string? value, string parameter)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        foreach (var candidate in System.Enum.GetValues<TEnum>())
        {
            if (string.Equals(Spell(candidate), value, StringComparison.Ordinal))
            {
                return candidate;
            }
        }

        var allowed = string.Join(", ", System.Enum.GetValues<TEnum>().Select(Spell));
        throw new ValidationException([new ValidationFailure(parameter, $"'{value}' is not a valid {parameter}; use one of: {allowed}.")]);
    }

    public static string Spell<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
