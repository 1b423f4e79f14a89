using AutoMapper;
using Catalog.Api.Domain.Services;
using Catalog.Api.Infrastructure.Http;

namespace Catalog.Api.Features.Services;

public sealed record ServiceResponse : IVersionTagged
{
    public Guid Id { get; init; }

    public required string Key { get; init; }

    public required string Name { get; init; }

    public required string Summary { get; init; }

    public string? Description { get; init; }

    public required string Category { get; init; }

    public required OwnerResponse Owner { get; init; }

    public ServiceKind Kind { get; init; }

    public Lifecycle Lifecycle { get; init; }

    public required IReadOnlyList<Guid> DependsOn { get; init; }

    public required CostResponse Cost { get; init; }

    /// <summary>What the business could buy instead; stored and shown as a whole, so the value type is shared.</summary>
    public required IReadOnlyList<Alternative> Alternatives { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; init; }

    /// <summary>Increases with every change; the ETag is this number in quotes.</summary>
    public int Version { get; init; }

    internal sealed class Mapping : Profile
    {
        public Mapping()
        {
            CreateMap<Owner, OwnerResponse>();
            CreateMap<UnitCost, CostResponse>();
            CreateMap<Service, ServiceResponse>()
                .ForMember(d => d.DependsOn, o => o.MapFrom(s => s.Dependencies.OrderBy(d => d.DependsOnId).Select(d => d.DependsOnId)));
        }
    }
}

public sealed record OwnerResponse
{
    public required string Team { get; init; }

    public required string Contact { get; init; }
}

public sealed record CostResponse
{
    public required string Unit { get; init; }

    public decimal UnitCostPerMonth { get; init; }

    public required string Currency { get; init; }
}
