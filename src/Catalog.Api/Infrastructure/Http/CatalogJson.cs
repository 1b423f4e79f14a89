using System.Text.Json;
using System.Text.Json.Serialization;

namespace Catalog.Api.Infrastructure.Http;

/// <summary>The API's JSON conventions in one place: camelCase, enums as kebab-case strings, strict numbers.</summary>
public static class CatalogJson
{
    public static JsonSerializerOptions Options { get; } = Apply(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Apply(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.NumberHandling = JsonNumberHandling.Strict;
        return options;
    }
}
