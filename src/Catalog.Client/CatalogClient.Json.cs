using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Catalog.Client;

/// <summary>
/// The API writes enums as kebab-case strings (<c>it-lead</c>, <c>counter-offer</c>), as its OpenAPI document
/// lists them. NSwag's System.Text.Json output carries those names only as <c>EnumMember</c> attributes, which
/// System.Text.Json does not read, and puts a plain <c>JsonStringEnumConverter</c> on each required enum property,
/// which would write <c>Integrator</c>. So the generated serializer hook gets the kebab-case converter, and the
/// properties' own enum converters are set aside in favour of it.
/// </summary>
public partial class CatalogClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings)
    {
        settings.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        settings.TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { UseKebabCaseForEnums } };
    }

    private static void UseKebabCaseForEnums(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
        {
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (propertyType.IsEnum)
            {
                property.CustomConverter = null;
            }
        }
    }
}
