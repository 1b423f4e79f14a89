using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Catalog.Api.Infrastructure.Persistence;

/// <summary>
/// Values that are read and written whole with their owner (alternatives, targets, an analysis) live in one
/// JSON text column. Enums are stored by name, so reordering an enum never changes what stored data means.
/// </summary>
internal static class JsonColumns
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static PropertyBuilder<T> HasJsonConversion<T>(this PropertyBuilder<T> property)
        where T : class
    {
        property.HasConversion(
            value => JsonSerializer.Serialize(value, Options),
            json => JsonSerializer.Deserialize<T>(json, Options)!,
            // The values are immutable: the domain replaces one whole and never changes one in place. So the
            // snapshot EF Core keeps to detect changes is the value itself, and an unchanged value is the same
            // object; only a replaced one is compared by content.
            new ValueComparer<T>(
                (a, b) => ReferenceEquals(a, b) || JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
                value => JsonSerializer.Serialize(value, Options).GetHashCode(StringComparison.Ordinal),
                value => value));
        return property;
    }
}
