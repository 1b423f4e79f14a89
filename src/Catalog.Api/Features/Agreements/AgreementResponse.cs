using Catalog.Api.Domain.Agreements;
using Catalog.Api.Domain.Negotiation;

namespace Catalog.Api.Features.Agreements;

public sealed record AgreementResponse
{
    public Guid Id { get; init; }

    public Guid ServiceId { get; init; }

    public Guid CustomerId { get; init; }

    public AgreementStatus Status { get; init; }

    public required AgreementVersionResponse Current { get; init; }

    public int VersionCount { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; init; }

    public string? TerminationReason { get; init; }

    public ActorRef? TerminatedBy { get; init; }

    public DateTime? TerminatedAt { get; init; }

    public int Version { get; init; }

    internal static AgreementResponse From(Agreement agreement) => new()
    {
        Id = agreement.Id,
        ServiceId = agreement.ServiceId,
        CustomerId = agreement.CustomerId,
        Status = agreement.Status,
        Current = AgreementVersionResponse.From(agreement.Versions.Single(v => v.Number == agreement.CurrentVersion)),
        VersionCount = agreement.Versions.Count,
        CreatedAt = agreement.CreatedAt,
        UpdatedAt = agreement.UpdatedAt,
        TerminationReason = agreement.TerminationReason,
        TerminatedBy = agreement.TerminatedBy,
        TerminatedAt = agreement.TerminatedAt,
        Version = agreement.Version,
    };
}

/// <summary>One immutable version: the targets, the monthly charge, and where it came from.</summary>
public sealed record AgreementVersionResponse
{
    public Guid AgreementId { get; init; }

    public int Number { get; init; }

    public required IReadOnlyList<Target> Targets { get; init; }

    public decimal MonthlyCharge { get; init; }

    public required string Currency { get; init; }

    public DateTime EffectiveFrom { get; init; }

    public required Provenance Provenance { get; init; }

    internal static AgreementVersionResponse From(AgreementVersion version) => new()
    {
        AgreementId = version.AgreementId,
        Number = version.Number,
        Targets = version.Targets,
        MonthlyCharge = version.MonthlyCharge,
        Currency = version.Currency,
        EffectiveFrom = version.EffectiveFrom,
        Provenance = new Provenance(version.ProposalId, version.ProposalTitle, version.Round, version.AnalysisId, version.Option, version.AcceptedBy, version.AcceptedAt),
    };
}

/// <summary>The acceptance a version came from: which proposal, round, analysis and option, who accepted and when.</summary>
public sealed record Provenance(Guid ProposalId, string ProposalTitle, int Round, Guid AnalysisId, AcceptOption Option, ActorRef AcceptedBy, DateTime AcceptedAt);
