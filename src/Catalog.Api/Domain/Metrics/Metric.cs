using Catalog.Api.Domain.Common;

namespace Catalog.Api.Domain.Metrics;

/// <summary>Which way a target value is stricter.</summary>
public enum MetricDirection
{
    HigherIsStricter,
    LowerIsStricter,
}

public enum MetricValueType
{
    /// <summary>A number in the metric's unit.</summary>
    Number,

    /// <summary>One of the metric's ordered levels, from least to most demanding when higher is stricter.</summary>
    Level,
}

/// <summary>A word of the target vocabulary: what can be promised, in which unit, and which way is stricter.</summary>
public sealed class Metric
{
    private List<string> _levels = [];

    private Metric()
    {
        Key = Name = Unit = string.Empty;
    }

    public Guid Id { get; private set; }

    public string Key { get; private set; }

    public string Name { get; private set; }

    public string Unit { get; private set; }

    public MetricDirection Direction { get; private set; }

    public MetricValueType ValueType { get; private set; }

    public IReadOnlyList<string> Levels => _levels;

    /// <summary>What a target's scope means for this metric (a priority, a percentile…), if it takes one.</summary>
    public string? ScopeHint { get; private set; }

    public bool BuiltIn { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public int Version { get; private set; }

    public static Metric Define(
        Guid id,
        string key,
        string name,
        string unit,
        MetricDirection direction,
        IReadOnlyList<string>? levels,
        string? scopeHint,
        bool builtIn,
        DateTime now)
    {
        if (!Slug.IsValid(key))
        {
            throw new DomainRuleException("invalid-key", $"'{key}' is not a valid key: use lower-case letters, digits and single hyphens.");
        }

        var ordered = levels ?? [];
        if (ordered.Count == 1 || ordered.Distinct(StringComparer.Ordinal).Count() != ordered.Count)
        {
            throw new DomainRuleException("invalid-levels", "A levelled metric needs at least two distinct levels.");
        }

        return new Metric
        {
            Id = id,
            Key = key,
            Name = name,
            Unit = unit,
            Direction = direction,
            ValueType = ordered.Count > 0 ? MetricValueType.Level : MetricValueType.Number,
            _levels = [.. ordered],
            ScopeHint = scopeHint,
            BuiltIn = builtIn,
            CreatedAt = now,
            Version = 1,
        };
    }
}
