using Catalog.Api.Features.Calendars;
using Catalog.Api.Domain.Agreements;
using Catalog.Api.Domain.Delivery;
using Catalog.Api.Domain.Negotiation;
using Catalog.Api.Infrastructure.Http;

namespace Catalog.Api.Features.Agreements;

/// <remarks>
/// Not tagged by its version: the version in force changes with time, not only with writes, so its ETag is a
/// hash of the representation (<see cref="ETagFilter"/>).
/// </remarks>
public sealed record AgreementResponse
{
    public Guid Id { get; init; }

    public Guid ServiceId { get; init; }

    /// <summary>The customer; null for an operational level agreement.</summary>
    public Guid? CustomerId { get; init; }

    /// <summary>The dependent service of an operational level agreement; null for a customer's agreement.</summary>
    public Guid? ConsumerServiceId { get; init; }

    public AgreementStatus Status { get; init; }

    /// <summary>The newest version: what was last agreed, whether or not it has taken effect yet.</summary>
    public required AgreementVersionResponse Current { get; init; }

    /// <summary>The version in force at the instant asked for (<c>?at=</c>, default now); null when none is (the first has not taken effect yet, or the agreement was terminated).</summary>
    public AgreementVersionResponse? InForce { get; init; }

    public int VersionCount { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; init; }

    public string? TerminationReason { get; init; }

    public ActorRef? TerminatedBy { get; init; }

    public DateTime? TerminatedAt { get; init; }

    public int Version { get; init; }

    internal static AgreementResponse From(Agreement agreement, DateTime at) => new()
    {
        Id = agreement.Id,
        ServiceId = agreement.ServiceId,
        CustomerId = agreement.CustomerId,
        ConsumerServiceId = agreement.ConsumerServiceId,
        Status = agreement.Status,
        Current = AgreementVersionResponse.From(agreement.Versions.Single(v => v.Number == agreement.CurrentVersion)),
        InForce = agreement.VersionInForceAt(at) is { } inForce ? AgreementVersionResponse.From(inForce) : null,
        VersionCount = agreement.Versions.Count,
        CreatedAt = agreement.CreatedAt,
        UpdatedAt = agreement.UpdatedAt,
        TerminationReason = agreement.TerminationReason,
        TerminatedBy = agreement.TerminatedBy,
        TerminatedAt = agreement.TerminatedAt,
        Version = agreement.Version,
    };
}

/// <summary>One immutable version: the targets, what it costs, what the customer accepted with it, when it takes effect, and where it came from.</summary>
public sealed record AgreementVersionResponse : IVersionTagged
{
    public Guid AgreementId { get; init; }

    public int Number { get; init; }

    public required IReadOnlyList<Target> Targets { get; init; }

    public decimal MonthlyCharge { get; init; }

    public required string Currency { get; init; }

    /// <summary>What the accepted option costs once, on top of the monthly charge.</summary>
    public decimal OneOffCost { get; init; }

    /// <summary>What the customer gives up, as stated in the accepted analysis.</summary>
    public required IReadOnlyList<string> TradeOffs { get; init; }

    /// <summary>What meeting the targets does to other services, as stated in the accepted analysis.</summary>
    public required IReadOnlyList<Consequence> Consequences { get; init; }

    /// <summary>The counter-offer's note, when the counter-offer was accepted.</summary>
    public string? Note { get; init; }

    /// <summary>The acceptance date plus the accepted option's lead time, never before the previous version's.</summary>
    public DateTime EffectiveFrom { get; init; }

    public required Provenance Provenance { get; init; }

    /// <summary>When IT may do planned work without it counting as downtime, each also in plain words.</summary>
    public required IReadOnlyList<AgreedMaintenanceWindow> MaintenanceWindows { get; init; }

    /// <summary>What the agreed support hours meant when the version was accepted: availability is measured within them.</summary>
    public AgreedServiceHours? ServiceHours { get; init; }

    /// <summary>What a miss costs IT: the credit bands and the monthly cap agreed with this version; null when none were.</summary>
    public ServiceCredits? ServiceCredits { get; init; }

    /// <summary>Versions never change, so a version's ETag is its number for good.</summary>
    int IVersionTagged.Version => Number;

    internal static AgreementVersionResponse From(AgreementVersion version) => new()
    {
        AgreementId = version.AgreementId,
        Number = version.Number,
        Targets = version.Targets,
        MonthlyCharge = version.MonthlyCharge,
        Currency = version.Currency,
        OneOffCost = version.OneOffCost,
        TradeOffs = version.TradeOffs,
        Consequences = version.Consequences,
        Note = version.Note,
        EffectiveFrom = version.EffectiveFrom,
        Provenance = new Provenance(version.ProposalId, version.ProposalTitle, version.Round, version.AnalysisId, version.Option, version.SignedBy, version.AcceptedBy, version.AcceptedAt),
        MaintenanceWindows = version.MaintenanceWindows.Select(w => new AgreedMaintenanceWindow(w.Rrule, w.DurationMinutes, w.TimeZone, w.Description, w.Describe())).ToList(),
        ServiceHours = version.ServiceHours is { } hours
            ? new AgreedServiceHours(hours.Key, hours.Name, hours.TimeZone, hours.WeeklyHours.Select(WeeklyHoursResponse.Of).ToList(), hours.Holidays)
            : null,
        ServiceCredits = version.ServiceCredits,
    };
}

/// <summary>An agreed maintenance window: the RFC 5545 rule, its length in minutes, its IANA time zone, and the same in plain words.</summary>
/// <summary>The service hours a version was agreed with: a support-hours level's weekly hours and holidays, in an IANA time zone.</summary>
public sealed record AgreedServiceHours(string Key, string Name, string TimeZone, IReadOnlyList<WeeklyHoursResponse> WeeklyHours, IReadOnlyList<DateOnly> Holidays);

public sealed record AgreedMaintenanceWindow(string Rrule, int DurationMinutes, string TimeZone, string? Description, string InPlainWords);

/// <summary>The acceptance a version came from: which proposal, round, analysis and option, who signed, through which key, and when.</summary>
/// <param name="SignedBy">The person who signed for the customer; null on versions accepted before signatures were recorded.</param>
public sealed record Provenance(Guid ProposalId, string ProposalTitle, int Round, Guid AnalysisId, AcceptOption Option, Signatory? SignedBy, ActorRef AcceptedBy, DateTime AcceptedAt);
