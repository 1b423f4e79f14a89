using AutoMapper;
using Catalog.Api.Domain.ApiKeys;
using Catalog.Api.Infrastructure.Http;

namespace Catalog.Api.Features.ApiKeys;

/// <summary>An API key as listed: never its secret, which is shown only once, when it is issued.</summary>
public record ApiKeyResponse : IVersionTagged
{
    public Guid Id { get; init; }

    public required string Name { get; init; }

    public ApiRole Role { get; init; }

    public Guid? CustomerId { get; init; }

    /// <summary>The first characters of the secret, to tell keys apart.</summary>
    public required string Prefix { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime? RevokedAt { get; init; }

    public bool Active { get; init; }

    public int Version { get; init; }

    internal sealed class Mapping : Profile
    {
        public Mapping() => CreateMap<ApiKey, ApiKeyResponse>()
            .ForMember(d => d.Prefix, o => o.MapFrom(k => k.DisplayPrefix))
            .ForMember(d => d.Active, o => o.MapFrom(k => k.RevokedAt == null));
    }
}

/// <summary>A newly issued key, with its secret. Store the secret now: it cannot be shown again.</summary>
public sealed record IssuedApiKeyResponse : ApiKeyResponse
{
    public required string Key { get; init; }
}
