using AutoMapper;
using Catalog.Api.Infrastructure.Http;
using Catalog.Api.Domain.Delivery;
using Catalog.Api.Domain.Negotiation;

namespace Catalog.Api.Features.Measurements;

public sealed record MeasurementResponse : IVersionTagged
{
    public Guid Id { get; init; }

    public Guid ServiceId { get; init; }

    /// <summary>The metric's key (e.g. `response-time`); the value is in that metric's unit.</summary>
    public required string Metric { get; init; }

    public string? Scope { get; init; }

    /// <summary>The calendar month measured, YYYY-MM, in the customer's time zone.</summary>
    public required string Period { get; init; }

    /// <summary>The measured value, in the metric's unit.</summary>
    public decimal Value { get; init; }

    /// <summary>Which system measured it; one value per source and month.</summary>
    public required string Source { get; init; }

    public required ActorRef RecordedBy { get; init; }

    public DateTime RecordedAt { get; init; }

    public int Version { get; init; }

    internal sealed class Mapping : Profile
    {
        public Mapping() => CreateMap<Measurement, MeasurementResponse>()
            .ForMember(r => r.Scope, o => o.MapFrom(m => m.Scope == string.Empty ? null : m.Scope));
    }
}
