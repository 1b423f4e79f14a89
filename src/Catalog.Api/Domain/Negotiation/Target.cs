using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Catalog.Api.Domain.Negotiation;

/// <summary>A service level the customer asks for: a metric, a value, and optionally a scope (a priority, a percentile…).</summary>
public sealed record Target(string Metric, TargetValue Value, string? Scope = null)
{
    /// <summary>Targets are identified by metric and scope; a set holds each pair once. Not part of the representation.</summary>
    [JsonIgnore]
    public (string Metric, string Scope) Identity => (Metric, Scope ?? string.Empty);
}

/// <summary>A target's value: a number for numeric metrics, a level name for levelled ones. In JSON, a number or a string.</summary>
[JsonConverter(typeof(TargetValueJsonConverter))]
public readonly record struct TargetValue
{
    private TargetValue(decimal? number, string? level)
    {
        Number = number;
        Level = level;
    }

    public decimal? Number { get; }

    public string? Level { get; }

    public static TargetValue Of(decimal number) => new(number, null);

    public static TargetValue Of(string level) => new(null, level);

    /// <summary>The value as written for people: every significant digit, no trailing zeros (99.9999, 5, 24x7).</summary>
    public override string ToString() => Number?.ToString(ExactFormat, CultureInfo.InvariantCulture) ?? Level ?? string.Empty;

    /// <summary>A decimal's significant digits without trailing zeros; never rounds a promise up.</summary>
    public const string ExactFormat = "0.############################";
}

public sealed class TargetValueJsonConverter : JsonConverter<TargetValue>
{
    public override TargetValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Number => TargetValue.Of(reader.GetDecimal()),
        JsonTokenType.String => TargetValue.Of(reader.GetString()!),
        _ => throw new JsonException("A target value is a number or a level name."),
    };

    public override void Write(Utf8JsonWriter writer, TargetValue value, JsonSerializerOptions options)
    {
        if (value.Number is { } number)
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteStringValue(value.Level);
        }
    }
}
