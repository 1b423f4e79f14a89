using AutoMapper;
using Catalog.Api.Domain.Customers;
using Catalog.Api.Infrastructure.Http;

namespace Catalog.Api.Features.Customers;

public sealed record CustomerResponse : IVersionTagged
{
    public Guid Id { get; init; }

    public required string Key { get; init; }

    public required string Name { get; init; }

    public required string CostCenter { get; init; }

    public required string ContactEmail { get; init; }

    /// <summary>The IANA time zone (e.g. `Europe/Berlin`) its months are counted in: attainment, reviews and credits.</summary>
    public required string TimeZone { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; init; }

    /// <summary>Increases with every change; the ETag is this number in quotes.</summary>
    public int Version { get; init; }

    internal sealed class Mapping : Profile
    {
        public Mapping() => CreateMap<Customer, CustomerResponse>();
    }
}

/// <summary>How many units of one service a customer consumes.</summary>
public sealed record SubscriptionResponse : IVersionTagged
{
    public Guid CustomerId { get; init; }

    public Guid ServiceId { get; init; }

    public required string ServiceKey { get; init; }

    public required string ServiceName { get; init; }

    /// <summary>What one unit is (mailbox, user, report run…).</summary>
    public required string Unit { get; init; }

    public int Units { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; init; }

    /// <summary>
    /// Changes whenever this representation does, that is when the subscription or its service changes (the sum
    /// of both versions, each of which only grows); the ETag is this number in quotes.
    /// </summary>
    public int Version { get; init; }

    /// <summary>The subscription as it stands in memory, for a write to record; reads project the same shape in SQL.</summary>
    internal static SubscriptionResponse From(Subscription subscription, Domain.Services.Service service) => new()
    {
        CustomerId = subscription.CustomerId,
        ServiceId = service.Id,
        ServiceKey = service.Key,
        ServiceName = service.Name,
        Unit = service.Cost.Unit,
        Units = subscription.Units,
        CreatedAt = subscription.CreatedAt,
        UpdatedAt = subscription.UpdatedAt,
        Version = subscription.Version + service.Version,
    };
}
