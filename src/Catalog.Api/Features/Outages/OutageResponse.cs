using AutoMapper;
using Catalog.Api.Infrastructure.Http;
using Catalog.Api.Domain.Delivery;
using Catalog.Api.Domain.Negotiation;

namespace Catalog.Api.Features.Outages;

public sealed record OutageResponse : IVersionTagged
{
    public Guid Id { get; init; }

    public Guid ServiceId { get; init; }

    /// <summary>`outage` counts as downtime; `degradation` is reported but not counted; `planned` counts only outside the agreed maintenance windows.</summary>
    public OutageKind Kind { get; init; }

    /// <summary>The incident priority, matched against the scope of time-to-restore targets (e.g. `P1`).</summary>
    public string? Priority { get; init; }

    /// <summary>When users were first affected (UTC).</summary>
    public DateTime StartedAt { get; init; }

    /// <summary>When the service worked again (UTC); absent while the outage is ongoing.</summary>
    public DateTime? RestoredAt { get; init; }

    /// <summary>What users experienced, in plain words.</summary>
    public required string Summary { get; init; }

    public string? Cause { get; init; }

    /// <summary>The monitoring alert or ticket it was reported as; the same source twice is the same outage.</summary>
    public required OutageSourceResponse Source { get; init; }

    /// <summary>Every correction of the record, oldest first, with its reason.</summary>
    public required IReadOnlyList<OutageCorrection> History { get; init; }

    public required ActorRef RecordedBy { get; init; }

    public DateTime RecordedAt { get; init; }

    public DateTime UpdatedAt { get; init; }

    public int Version { get; init; }

    internal sealed class Mapping : Profile
    {
        public Mapping()
        {
            CreateMap<Outage, OutageResponse>()
                .ForMember(r => r.Source, o => o.MapFrom(s => new OutageSourceResponse(s.SourceSystem, s.SourceReference)));
        }
    }
}

public sealed record OutageSourceResponse(string System, string Reference);
