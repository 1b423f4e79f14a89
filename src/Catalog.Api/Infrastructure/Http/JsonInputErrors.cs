using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Quickenshtein;

namespace Catalog.Api.Infrastructure.Http;

/// <summary>
/// Says, in the client's terms, where a JSON body departs from what an operation reads: the member it does not
/// have (and the closest one it does), the type a value should have, the choices an enum allows. It walks the
/// serializer's own contract for the body type along the exception's JSON path, so what it says is what the
/// serializer expects, for every type, without a list to keep in step.
/// </summary>
public static class JsonInputErrors
{
    /// <summary>One departure: the field as the client wrote it (<c>targets[0].metric</c>, <c>$</c> for the whole body) and what is wrong there.</summary>
    public sealed record Finding(string Field, string Message);

    /// <summary>What is wrong with a body that is valid JSON but does not fit <paramref name="bodyType"/>; null when the body is not valid JSON at all.</summary>
    public static Finding? Explain(JsonException exception, Type? bodyType, JsonSerializerOptions options)
    {
        // The reader's own exception inside means the text is not JSON; everything else is about the shape.
        if (exception.InnerException is JsonException || exception.Path is null)
        {
            return null;
        }

        var segments = FieldPath.ParseJsonPath(exception.Path);
        var field = FieldPath.Format(segments);
        if (exception is JsonInputException refused)
        {
            return new Finding(refused.Member is not { } member ? field : field == "$" ? member : $"{field}.{member}", refused.Message);
        }

        if (bodyType is null)
        {
            return new Finding(field, "This value does not fit here; the OpenAPI document at /openapi/v1.json describes the body.");
        }

        var info = Contract(options, bodyType);
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            switch (info.Kind)
            {
                case JsonTypeInfoKind.Object when segment.Name is { } name:
                    var property = info.Properties.FirstOrDefault(p => string.Equals(
                        p.Name, name, options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal));
                    if (property is null)
                    {
                        return new Finding(field, UnknownMember(name, info.Properties.Select(p => p.Name).ToList()));
                    }

                    info = Contract(options, property.PropertyType);
                    break;
                case JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary when info.ElementType is not null:
                    info = Contract(options, info.ElementType);
                    break;
                default:
                    return new Finding(field, $"Expected {Describe(info)}.");
            }
        }

        // A converter of ours that refuses a value on purpose says why; the serializer's own refusals only name a .NET type.
        var ownConverter = info.Converter.GetType().Assembly != typeof(JsonSerializer).Assembly;
        return ownConverter && exception.InnerException is null && !string.IsNullOrEmpty(exception.Message)
            ? new Finding(field, exception.Message)
            : new Finding(field, $"Expected {Describe(info)}.");
    }

    private static JsonTypeInfo Contract(JsonSerializerOptions options, Type type) =>
        options.GetTypeInfo(Nullable.GetUnderlyingType(type) ?? type);

    private static string UnknownMember(string name, IReadOnlyList<string> known)
    {
        var closest = known
            .Select(k => (Name: k, Distance: Levenshtein.GetDistance(name.ToLowerInvariant(), k.ToLowerInvariant())))
            .OrderBy(k => k.Distance)
            .FirstOrDefault();
        var nearEnough = Math.Max(2, name.Length / 3);
        return closest.Name is not null && closest.Distance <= nearEnough
            ? $"'{name}' is not a member of this object; did you mean '{closest.Name}'?"
            : $"'{name}' is not a member of this object; its members are: {string.Join(", ", known)}.";
    }

    private static string Describe(JsonTypeInfo info)
    {
        var type = info.Type;
        if (type.IsEnum)
        {
            return $"one of: {string.Join(", ", CatalogJson.EnumValues(type))}";
        }

        return info.Kind switch
        {
            JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => "an object",
            JsonTypeInfoKind.Enumerable => "an array",
            _ => Type.GetTypeCode(type) switch
            {
                TypeCode.String => "a string",
                TypeCode.Boolean => "true or false",
                TypeCode.Int16 => Integer(short.MinValue, short.MaxValue),
                TypeCode.Int32 => Integer(int.MinValue, int.MaxValue),
                TypeCode.Int64 => Integer(long.MinValue, long.MaxValue),
                TypeCode.Byte => Integer(byte.MinValue, byte.MaxValue),
                TypeCode.Decimal => "a number with at most 28 significant digits",
                TypeCode.Double or TypeCode.Single => "a number",
                TypeCode.DateTime => "an RFC 3339 date-time string, such as \"2026-01-31T09:00:00Z\"",
                _ when type == typeof(Guid) => "a UUID string, such as \"0190d9c4-7d3a-7b8e-9b1e-3f2a5c6d7e8f\"",
                _ when type == typeof(DateTimeOffset) => "an RFC 3339 date-time string, such as \"2026-01-31T09:00:00Z\"",
                _ when type == typeof(DateOnly) => "a date string, such as \"2026-01-31\"",
                _ when type == typeof(TimeOnly) => "a time string, such as \"09:30:00\"",
                _ when type == typeof(TimeSpan) => "a duration string, such as \"01:30:00\"",
                _ => "a value of the form the OpenAPI document at /openapi/v1.json describes",
            },
        };

        static string Integer(long min, long max) =>
            string.Create(CultureInfo.InvariantCulture, $"an integer from {min} to {max}");
    }
}
