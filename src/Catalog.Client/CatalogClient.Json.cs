using System.Text.Json;
using System.Text.Json.Serialization;

namespace Catalog.Client;

/// <summary>
/// The API writes enums as kebab-case strings (<c>it-lead</c>, <c>counter-offer</c>), as its OpenAPI document
/// lists them. NSwag's System.Text.Json output carries those names only as <c>EnumMember</c> attributes, which
/// System.Text.Json does not read, so the generated serializer hook gets the matching converter here.
/// </summary>
public partial class CatalogClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) =>
        settings.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
}
