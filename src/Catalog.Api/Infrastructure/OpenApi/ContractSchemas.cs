using System.Text.Json;
using System.Text.Json.Nodes;
using Catalog.Api.Domain.Negotiation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Catalog.Api.Infrastructure.OpenApi;

/// <summary>
/// Makes each schema say exactly what the API accepts and answers. Request types (those the validators check, or
/// named *Input) require what the validators require, are nullable only where null is accepted (a member that is
/// not required), and carry the validators' limits. Response types list every member as present, nullable where
/// the C# type is. Enums are strings with their wire values. Units, money and time get a description by convention
/// when the member has no [Description] of its own.
/// </summary>
internal static class ContractSchemas
{
    public static Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo is { } property)
        {
            // The member's own schema, before an object or enum in it is moved to a component: a required member
            // loses null here, so no "null or ..." wrapper is made for it.
            Describe(schema, property.Name, property.PropertyType);
            var clrName = (property.AttributeProvider as System.Reflection.MemberInfo)?.Name ?? property.Name;
            if (ValidatorContract.Instance.For(property.DeclaringType, clrName) is { } memberRules)
            {
                if (memberRules.Required && schema.Type is { } memberType && memberType != JsonSchemaType.Null)
                {
                    schema.Type = memberType & ~JsonSchemaType.Null;
                }

                Limit(schema, memberRules);
                if (memberRules.Items is not null && schema.Items is OpenApiSchema memberItems)
                {
                    Limit(memberItems, memberRules.Items);
                }
            }
        }

        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (type == typeof(TargetValue))
        {
            // Written by its own converter: a number, or a level name for levelled metrics.
            schema.Type = JsonSchemaType.Number | JsonSchemaType.String;
            schema.Description = "A number in the metric's unit, or one of a levelled metric's levels.";
        }

        if (type.IsEnum && schema.Enum is { Count: > 0 } values)
        {
            // Nullability belongs to the member that holds the enum, not to the enum's own schema.
            schema.Type = JsonSchemaType.String;
            schema.Enum = values.Where(v => v is not null && v.GetValueKind() != JsonValueKind.Null).ToList();
        }

        if (type == typeof(JsonElement))
        {
            schema.Type = JsonSchemaType.Object;
            schema.Description ??= "The resource as it stands after the change, in the shape its own endpoint answers.";
        }

        if (typeof(ProblemDetails).IsAssignableFrom(type))
        {
            // Real problem details carry traceId, errors and other members; the schema must allow them.
            schema.AdditionalPropertiesAllowed = true;
            schema.AdditionalProperties = null;
            return Task.CompletedTask;
        }

        if (schema.Properties is not { Count: > 0 } properties || type.Namespace?.StartsWith("Catalog.Api", StringComparison.Ordinal) != true)
        {
            return Task.CompletedTask;
        }

        var contract = ValidatorContract.Instance;
        if (!contract.IsValidated(type) && !type.Name.EndsWith("Input", StringComparison.Ordinal))
        {
            // Responses always carry every member, null included.
            schema.Required = new HashSet<string>(properties.Keys);
            return Task.CompletedTask;
        }

        schema.Required = new HashSet<string>(StringComparer.Ordinal);
        var notNull = new JsonArray();
        foreach (var member in context.JsonTypeInfo.Properties)
        {
            var clrName = (member.AttributeProvider as System.Reflection.MemberInfo)?.Name ?? member.Name;
            if (!properties.TryGetValue(member.Name, out var propertySchema) || contract.For(type, clrName) is not { } rules)
            {
                continue;
            }

            if (rules.Required)
            {
                schema.Required.Add(member.Name);
                properties[member.Name] = propertySchema = NotNull(propertySchema);
                notNull.Add(member.Name);
            }

            if (propertySchema is OpenApiSchema inline)
            {
                Limit(inline, rules);
                if (rules.Items is not null && inline.Items is OpenApiSchema items)
                {
                    Limit(items, rules.Items);
                }
            }
        }

        if (notNull.Count > 0)
        {
            // Objects and enums are moved to components after this runs, wrapped as "null or the component" when the
            // C# member is nullable; the document transformer unwraps these members (RequiredNotNull).
            schema.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            schema.Extensions[RequiredNotNullExtension] = new JsonNodeExtension(notNull);
        }

        return Task.CompletedTask;
    }

    public const string RequiredNotNullExtension = "x-required-not-null";

    /// <summary>Unwraps "null or X" on the members a component marked as required and not null, and drops the mark.</summary>
    public static void RequiredNotNull(OpenApiDocument document)
    {
        foreach (var schema in document.Components?.Schemas?.Values.OfType<OpenApiSchema>() ?? [])
        {
            if (schema.Extensions?.Remove(RequiredNotNullExtension, out var mark) != true || mark is not JsonNodeExtension { Node: JsonArray names } || schema.Properties is null)
            {
                continue;
            }

            foreach (var name in names.Select(n => n!.GetValue<string>()))
            {
                if (schema.Properties.TryGetValue(name, out var property))
                {
                    schema.Properties[name] = NotNull(property);
                }
            }
        }
    }

    /// <summary>The member's schema without null: a required member that null would fail.</summary>
    private static IOpenApiSchema NotNull(IOpenApiSchema schema)
    {
        if (schema is not OpenApiSchema inline)
        {
            return schema;
        }

        if (inline.OneOf is { Count: 2 } choices && choices.Any(IsNullOnly))
        {
            var other = choices.First(c => !IsNullOnly(c));
            if (inline.Description is null)
            {
                return other;
            }

            inline.OneOf = [other];
            return inline;
        }

        if (inline.Type is { } type && type.HasFlag(JsonSchemaType.Null) && type != JsonSchemaType.Null)
        {
            inline.Type = type & ~JsonSchemaType.Null;
        }

        return inline;
    }

    private static bool IsNullOnly(IOpenApiSchema schema) => schema is OpenApiSchema { Type: JsonSchemaType.Null };

    private static void Limit(OpenApiSchema schema, MemberContract rules)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        schema.MinLength = rules.MinLength ?? schema.MinLength;
        schema.MaxLength = rules.MaxLength ?? schema.MaxLength;
        schema.MinItems = rules.MinItems ?? schema.MinItems;
        schema.MaxItems = rules.MaxItems ?? schema.MaxItems;
        schema.Minimum = rules.Minimum?.ToString(culture) ?? schema.Minimum;
        schema.Maximum = rules.Maximum?.ToString(culture) ?? schema.Maximum;
        schema.ExclusiveMinimum = rules.ExclusiveMinimum?.ToString(culture) ?? schema.ExclusiveMinimum;
        schema.Pattern = rules.Pattern ?? schema.Pattern;
        if (rules.Email)
        {
            schema.Format = "email";
        }
    }

    /// <summary>Says what a name alone does not: the unit, the currency, the time zone.</summary>
    private static void Describe(OpenApiSchema schema, string name, Type type)
    {
        if (schema.Description is not null)
        {
            return;
        }

        var value = Nullable.GetUnderlyingType(type) ?? type;
        schema.Description = value switch
        {
            _ when value == typeof(DateTime) || value == typeof(DateTimeOffset) => "A UTC instant, ISO 8601 (for example 2026-03-01T09:30:00Z).",
            _ when value == typeof(decimal) && IsMoney(name) => "An amount of money, as a decimal in the currency named beside it (ISO 4217); per month where the name says monthly.",
            _ when name.EndsWith("Days", StringComparison.Ordinal) => "In days.",
            _ when name.EndsWith("Percent", StringComparison.Ordinal) => "In per cent (5 means 5 %).",
            _ when name.Equals("currency", StringComparison.Ordinal) => "An ISO 4217 currency code, such as EUR.",
            _ when name.Equals("units", StringComparison.Ordinal) => "A count of the service's cost unit (its cost.unit, such as mailbox or TB).",
            _ => null,
        };
    }

    private static readonly string[] MoneyWords = ["cost", "charge", "price", "amount", "total", "delta"];

    private static bool IsMoney(string name) =>
        MoneyWords.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase));
}
