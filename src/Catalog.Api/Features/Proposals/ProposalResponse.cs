using Catalog.Api.Domain.Delivery;
using Catalog.Api.Domain.Agreements;
using Catalog.Api.Domain.Negotiation;
using Catalog.Api.Infrastructure.Http;

namespace Catalog.Api.Features.Proposals;

public sealed record ProposalResponse : IVersionTagged
{
    public Guid Id { get; init; }

    public Guid ServiceId { get; init; }

    /// <summary>The customer the proposal is for; null between services.</summary>
    public Guid? CustomerId { get; init; }

    /// <summary>The dependent service an operational level agreement is for; null for a customer's proposal.</summary>
    public Guid? ConsumerServiceId { get; init; }

    public required string Title { get; init; }

    public required string BusinessJustification { get; init; }

    public ProposalStatus Status { get; init; }

    /// <summary>What can happen next from this status; IT's only move is analyse.</summary>
    public required IReadOnlyList<ProposalAction> AllowedActions { get; init; }

    public int CurrentRound { get; init; }

    /// <summary>The targets of the current round.</summary>
    public required IReadOnlyList<Target> Targets { get; init; }

    public required IReadOnlyList<RoundResponse> Rounds { get; init; }

    /// <summary>The analysis the customer can accept now, if the current round has one.</summary>
    public Guid? CurrentAnalysisId { get; init; }

    public Guid? AcceptedAnalysisId { get; init; }

    public AcceptOption? AcceptedOption { get; init; }

    public string? WithdrawalReason { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; init; }

    public int Version { get; init; }

    internal static ProposalResponse From(Proposal proposal) => new()
    {
        Id = proposal.Id,
        ServiceId = proposal.ServiceId,
        CustomerId = proposal.CustomerId,
        ConsumerServiceId = proposal.ConsumerServiceId,
        Title = proposal.Title,
        BusinessJustification = proposal.BusinessJustification,
        Status = proposal.Status,
        AllowedActions = ProposalStateMachine.Allowed(proposal.Status),
        CurrentRound = proposal.CurrentRound,
        Targets = proposal.Rounds.Single(r => r.Number == proposal.CurrentRound).Targets,
        Rounds = proposal.Rounds.OrderBy(r => r.Number).Select(r => new RoundResponse(r.Number, r.Targets, r.Note, r.CreatedBy, r.CreatedAt)).ToList(),
        CurrentAnalysisId = proposal.CurrentAnalysis?.Id,
        AcceptedAnalysisId = proposal.AcceptedAnalysisId,
        AcceptedOption = proposal.AcceptedOption,
        WithdrawalReason = proposal.WithdrawalReason,
        CreatedAt = proposal.CreatedAt,
        UpdatedAt = proposal.UpdatedAt,
        Version = proposal.Version,
    };
}

public sealed record RoundResponse(int Number, IReadOnlyList<Target> Targets, string? Note, ActorRef CreatedBy, DateTime CreatedAt);

/// <summary>IT's published answer to a round. Immutable; <c>supersededBy</c> is set when a newer analysis of the round replaces it.</summary>
public sealed record AnalysisResponse
{
    public Guid Id { get; init; }

    public Guid ProposalId { get; init; }

    public int Round { get; init; }

    public decimal OneOffCost { get; init; }

    public decimal MonthlyCostDelta { get; init; }

    public required string Currency { get; init; }

    public decimal LabourDays { get; init; }

    public int LeadTimeDays { get; init; }

    public Feasibility Feasibility { get; init; }

    public required IReadOnlyList<Consequence> Consequences { get; init; }

    public required IReadOnlyList<string> TradeOffs { get; init; }

    public CounterOffer? CounterOffer { get; init; }

    /// <summary>
    /// The facts to decide with, as they stood when the analysis was published (the proposal's feasibility at that
    /// instant): the availability the service's dependencies allowed and whether the round's proposal is above it, what
    /// the current agreement promised, and what was delivered against it month by month. Not part of the lists.
    /// </summary>
    public FeasibilityResponse? Evidence { get; init; }

    /// <summary>The planned-work windows IT asks for with the proposed targets (the counter-offer carries its own).</summary>
    public required IReadOnlyList<MaintenanceWindow> MaintenanceWindows { get; init; }

    /// <summary>What a miss of the proposed targets would cost IT, as credit bands (the counter-offer carries its own); null when IT offers none.</summary>
    public ServiceCredits? ServiceCredits { get; init; }

    /// <summary>
    /// Each option as the customer weighs it if accepted now: the increase, the agreement's current and resulting
    /// monthly charge (the resulting one is what acceptance confirms), the one-off cost, and when it would take effect.
    /// </summary>
    public required IReadOnlyList<OptionResponse> Options { get; init; }

    public required ActorRef PublishedBy { get; init; }

    public DateTime PublishedAt { get; init; }

    /// <summary>True while this is the analysis of the current round that the customer can accept.</summary>
    public bool Current { get; init; }

    public Guid? SupersededBy { get; init; }

    public DateTime? SupersededAt { get; init; }

    internal static AnalysisResponse From(ImpactAnalysis analysis, int currentRound, AgreementStanding standing, DateTime now) => new()
    {
        Id = analysis.Id,
        ProposalId = analysis.ProposalId,
        Round = analysis.Round,
        OneOffCost = analysis.Content.OneOffCost,
        MonthlyCostDelta = analysis.Content.MonthlyCostDelta,
        Currency = analysis.Content.Currency,
        LabourDays = analysis.Content.LabourDays,
        LeadTimeDays = analysis.Content.LeadTimeDays,
        Feasibility = analysis.Content.Feasibility,
        Consequences = analysis.Content.Consequences,
        TradeOffs = analysis.Content.TradeOffs,
        CounterOffer = analysis.Content.CounterOffer,
        MaintenanceWindows = analysis.Content.MaintenanceWindows ?? [],
        ServiceCredits = analysis.Content.ServiceCredits,
        Options = Enum.GetValues<AcceptOption>()
            .Select(option => analysis.Quote(option, standing, now) is { } quote ? OptionResponse.From(option, quote, analysis.Content.Currency) : null)
            .OfType<OptionResponse>()
            .ToList(),
        PublishedBy = analysis.PublishedBy,
        PublishedAt = analysis.PublishedAt,
        Current = analysis.IsCurrent && analysis.Round == currentRound,
        SupersededBy = analysis.SupersededBy,
        SupersededAt = analysis.SupersededAt,
    };
}

/// <summary>One option of an analysis as it would stand if accepted now.</summary>
/// <param name="MonthlyCostDelta">The increase IT quoted for this option.</param>
/// <param name="CurrentMonthlyCharge">What the agreement charges now (zero before the first version).</param>
/// <param name="MonthlyCharge">The agreement's monthly charge once this option is accepted: what acceptance must confirm as <c>monthlyCharge</c>.</param>
/// <param name="EffectiveFrom">When the option would take effect if accepted today: today plus its lead time, never before the agreement's newest version.</param>
public sealed record OptionResponse(AcceptOption Option, decimal MonthlyCostDelta, decimal CurrentMonthlyCharge, decimal MonthlyCharge, decimal OneOffCost, int LeadTimeDays, DateTime EffectiveFrom, string Currency)
{
    internal static OptionResponse From(AcceptOption option, OptionQuote quote, string currency) =>
        new(option, quote.MonthlyCostDelta, quote.CurrentMonthlyCharge, quote.MonthlyCharge, quote.OneOffCost, quote.LeadTimeDays, quote.EffectiveFrom, currency);
}
