using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Catalog.Api.Infrastructure.Http;

/// <summary>
/// The API's JSON conventions in one place: camelCase, enums as kebab-case strings, strict numbers, and strict
/// input: a member the target type does not have is an error (never silently dropped), and so is U+0000 in text.
/// <see cref="JsonInputErrors"/> turns what these refuse into field errors.
/// </summary>
public static class CatalogJson
{
    public static JsonSerializerOptions Options { get; } = Apply(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonNamingPolicy EnumNaming => JsonNamingPolicy.KebabCaseLower;

    /// <summary>Applies the conventions; <paramref name="contracts"/>, contracts generated at compile time, come before reflection.</summary>
    public static JsonSerializerOptions Apply(JsonSerializerOptions options, IJsonTypeInfoResolver? contracts = null)
    {
        options.Converters.Add(new JsonStringEnumConverter(EnumNaming, allowIntegerValues: false));
        options.NumberHandling = JsonNumberHandling.Strict;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        var reflection = options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver();
        options.TypeInfoResolver = (contracts is null ? reflection : JsonTypeInfoResolver.Combine(contracts, reflection))
            .WithAddedModifier(RefuseNulInText);
        return options;
    }

    /// <summary>The values an enum takes on the wire, in declaration order.</summary>
    public static IEnumerable<string> EnumValues(Type enumType) =>
        Enum.GetNames(enumType).Select(EnumNaming.ConvertName);

    /// <summary>
    /// Every object read checks its text members (strings and lists of strings) once it is complete. Done in the
    /// contract rather than with a string converter because a custom converter hides the type from the OpenAPI
    /// document's schema generator.
    /// </summary>
    private static void RefuseNulInText(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        var texts = info.Properties
            .Where(p => p.Get is not null && (p.PropertyType == typeof(string) || typeof(IEnumerable<string>).IsAssignableFrom(p.PropertyType)))
            .ToArray();
        if (texts.Length == 0)
        {
            return;
        }

        var earlier = info.OnDeserialized;
        info.OnDeserialized = value =>
        {
            earlier?.Invoke(value);
            foreach (var property in texts)
            {
                switch (property.Get!(value))
                {
                    case string text when !TextRules.IsAcceptable(text):
                        throw new JsonInputException(TextRules.NulMessage, property.Name);
                    case IEnumerable<string> list when list.Select((text, index) => (text, index)).FirstOrDefault(t => !TextRules.IsAcceptable(t.text)) is { text: not null } refused:
                        throw new JsonInputException(TextRules.NulMessage, string.Create(CultureInfo.InvariantCulture, $"{property.Name}[{refused.index}]"));
                }
            }
        };
    }
}

/// <summary>A value the API's JSON rules refuse, with a message meant for the client and, when the refusal is
/// raised for a whole object, the member of it that is wrong.</summary>
public sealed class JsonInputException(string message, string? member = null) : JsonException(message)
{
    public string? Member { get; } = member;
}

/// <summary>What text the API accepts anywhere: in JSON bodies and in query parameters.</summary>
public static class TextRules
{
    public const string NulMessage = "Text may not contain the character U+0000 (NUL).";

    public static bool IsAcceptable(string? value) => value is null || !value.Contains('\0', StringComparison.Ordinal);
}
