using AutoMapper;
using Catalog.Api.Domain.Metrics;
using Catalog.Api.Infrastructure.Http;

namespace Catalog.Api.Features.Metrics;

public sealed record MetricResponse : IVersionTagged
{
    public Guid Id { get; init; }

    public required string Key { get; init; }

    public required string Name { get; init; }

    public required string Unit { get; init; }

    /// <summary>Which way a target is stricter; it decides every diff and counter-offer comparison.</summary>
    public MetricDirection Direction { get; init; }

    public MetricValueType ValueType { get; init; }

    /// <summary>For levelled metrics, the levels from least to most demanding.</summary>
    public required IReadOnlyList<string> Levels { get; init; }

    /// <summary>What a target's scope means for this metric (a priority, a percentile…), if it takes one.</summary>
    public string? ScopeHint { get; init; }

    public bool BuiltIn { get; init; }

    public DateTime CreatedAt { get; init; }

    public int Version { get; init; }

    internal sealed class Mapping : Profile
    {
        public Mapping() => CreateMap<Metric, MetricResponse>();
    }
}
