using Catalog.Api.Domain.Delivery;
using Catalog.Api.Domain.Agreements;

namespace Catalog.Api.Domain.Negotiation;

public enum Feasibility
{
    Feasible,
    NeedsInvestment,
    NotFeasibleWithCurrentTechnology,
}

public enum ConsequenceSeverity
{
    Low,
    Medium,
    High,
}

public enum AcceptOption
{
    Proposed,
    CounterOffer,
}

/// <summary>What meeting the targets would do to another service (named when it is in the catalog).</summary>
public sealed record Consequence(Guid? ServiceId, string Description, ConsequenceSeverity Severity);

/// <summary>IT's alternative: other targets at their own cost and lead time. The customer may accept it instead.</summary>
/// <param name="MaintenanceWindows">The planned-work windows IT asks for with the counter-offer; absent on analyses published before windows existed.</param>
/// <param name="ServiceCredits">What a miss of the counter-offer's targets would cost IT; absent when IT offers no credits.</param>
public sealed record CounterOffer(
    IReadOnlyList<Target> Targets,
    decimal OneOffCost,
    decimal MonthlyCostDelta,
    int LeadTimeDays,
    string? Note,
    IReadOnlyList<MaintenanceWindow>? MaintenanceWindows = null,
    ServiceCredits? ServiceCredits = null);

/// <summary>Everything an IT lead states when answering a round.</summary>
public sealed record AnalysisContent(
    decimal OneOffCost,
    decimal MonthlyCostDelta,
    string Currency,
    decimal LabourDays,
    int LeadTimeDays,
    Feasibility Feasibility,
    IReadOnlyList<Consequence> Consequences,
    IReadOnlyList<string> TradeOffs,
    CounterOffer? CounterOffer,
    IReadOnlyList<MaintenanceWindow>? MaintenanceWindows = null,
    ServiceCredits? ServiceCredits = null);

/// <summary>
/// IT's answer to one round: cost, effort, feasibility, consequences, trade-offs, and maybe a counter-offer.
/// Immutable once published; a newer analysis of the same round supersedes it, and both are kept.
/// </summary>
public sealed class ImpactAnalysis
{
    private ImpactAnalysis()
    {
        Content = null!;
        PublishedBy = null!;
    }

    public Guid Id { get; private set; }

    public Guid ProposalId { get; private set; }

    public int Round { get; private set; }

    public AnalysisContent Content { get; private set; }

    public ActorRef PublishedBy { get; private set; }

    public DateTime PublishedAt { get; private set; }

    public Guid? SupersededBy { get; private set; }

    public DateTime? SupersededAt { get; private set; }

    public bool IsCurrent => SupersededBy is null;

    internal static ImpactAnalysis Publish(Guid proposalId, int round, AnalysisContent content, ActorRef actor, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(now),
        ProposalId = proposalId,
        Round = round,
        Content = content,
        PublishedBy = actor,
        PublishedAt = now,
    };

    internal void Supersede(Guid newer, DateTime now)
    {
        SupersededBy = newer;
        SupersededAt = now;
    }

    /// <summary>
    /// What accepting an option now would mean against the agreement as it stands: each option with its own
    /// increase, one-off cost and lead time. Null when the analysis has no such option.
    /// </summary>
    public OptionQuote? Quote(AcceptOption option, AgreementStanding standing, DateTime now) => option switch
    {
        AcceptOption.Proposed => standing.Quote(Content.MonthlyCostDelta, Content.OneOffCost, Content.LeadTimeDays, now),
        _ when Content.CounterOffer is { } offer => standing.Quote(offer.MonthlyCostDelta, offer.OneOffCost, offer.LeadTimeDays, now),
        _ => null,
    };
}
