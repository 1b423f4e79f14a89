using FluentValidation;
using FluentValidation.Validators;

namespace Catalog.Api.Infrastructure.Application;

/// <summary>A collection's item count, as a rule the OpenAPI document can read (minItems/maxItems), unlike a Must.</summary>
internal interface IItemCountValidator
{
    int Min { get; }

    int Max { get; }
}

internal sealed class ItemCountValidator<T, TCollection>(int min, int max) : PropertyValidator<T, TCollection>, IItemCountValidator
    where TCollection : System.Collections.IEnumerable?
{
    public override string Name => "ItemCountValidator";

    public int Min => min;

    public int Max => max;

    // A missing collection is the NotNull rule's business, not this one's.
    public override bool IsValid(ValidationContext<T> context, TCollection value) => value is null || value.Cast<object>().Count() is var count && count >= min && count <= max;

    protected override string GetDefaultMessageTemplate(string errorCode) =>
        min > 0 ? $"Between {min} and {max} items." : $"At most {max} items.";
}

internal static class ItemCountRules
{
    /// <summary>At most <paramref name="max"/> items (and at least <paramref name="min"/>); null passes.</summary>
    public static IRuleBuilderOptions<T, TCollection> ItemCount<T, TCollection>(this IRuleBuilder<T, TCollection> rule, int min, int max)
        where TCollection : System.Collections.IEnumerable? =>
        rule.SetValidator(new ItemCountValidator<T, TCollection>(min, max));
}
