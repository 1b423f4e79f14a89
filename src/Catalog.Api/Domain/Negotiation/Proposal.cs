using Catalog.Api.Domain.Delivery;
using Catalog.Api.Domain.Agreements;
using Catalog.Api.Domain.Common;
using Catalog.Api.Domain.Services;

namespace Catalog.Api.Domain.Negotiation;

/// <summary>
/// A customer's request for service levels on one service, and the negotiation that follows: rounds of targets,
/// IT's impact analyses, and the customer's decision. The customer sets the targets; IT can only answer. The same
/// negotiation runs between two services (an operational level agreement): then the consumer is a service that
/// depends on this one, and whoever opened the proposal for it decides.
/// </summary>
public sealed class Proposal
{
    private const string CustomerRole = "customer";
    private const string AdminRole = "admin";

    private readonly List<ProposalRound> _rounds = [];
    private readonly List<ImpactAnalysis> _analyses = [];
    private readonly List<ProposalEvent> _events = [];

    private Proposal()
    {
        Title = BusinessJustification = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid ServiceId { get; private set; }

    /// <summary>The customer the proposal is for; null when its consumer is a service.</summary>
    public Guid? CustomerId { get; private set; }

    /// <summary>The dependent service an operational level agreement is for; null when the consumer is a customer.</summary>
    public Guid? ConsumerServiceId { get; private set; }

    public Consumer Consumer => Consumer.Of(CustomerId, ConsumerServiceId);

    /// <summary>Who opened the negotiation: for an operational level agreement, the one who decides it (with any admin).</summary>
    public ActorRef OpenedBy => _events.First(e => e.Type == ProposalEventType.Created).Actor;

    public string Title { get; private set; }

    public string BusinessJustification { get; private set; }

    public ProposalStatus Status { get; private set; }

    public int CurrentRound { get; private set; }

    public string? WithdrawalReason { get; private set; }

    /// <summary>The analysis and option the customer accepted, once agreed.</summary>
    public Guid? AcceptedAnalysisId { get; private set; }

    public AcceptOption? AcceptedOption { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<ProposalRound> Rounds => _rounds;

    public IReadOnlyList<ImpactAnalysis> Analyses => _analyses;

    public IReadOnlyList<ProposalEvent> Events => _events;

    /// <summary>The analysis the customer can accept now, if any: the newest of the current round.</summary>
    public ImpactAnalysis? CurrentAnalysis => _analyses.SingleOrDefault(a => a.Round == CurrentRound && a.IsCurrent);

    /// <summary>Opens a customer's proposal in draft (or submitted, when <paramref name="submit"/>) with its first round of targets.</summary>
    public static Proposal Open(
        Service service, Guid customerId, string title, string justification, IReadOnlyList<Target> targets, bool submit, ActorRef actor, DateTime now) =>
        Open(service, Consumer.ForCustomer(customerId), title, justification, targets, submit, actor, now);

    /// <summary>
    /// Opens an operational level agreement's proposal: <paramref name="consumer"/> asks <paramref name="provider"/>, which
    /// it depends on, for service levels. A service that does not rely on the provider, directly or through others, has
    /// nothing to agree with it.
    /// </summary>
    /// <param name="consumerReliesOn">Every service <paramref name="consumer"/> depends on, directly or not.</param>
    public static Proposal OpenBetweenServices(
        Service provider, Service consumer, IReadOnlySet<Guid> consumerReliesOn, string title, string justification, IReadOnlyList<Target> targets, bool submit, ActorRef actor, DateTime now)
    {
        if (consumer.Id == provider.Id || !consumerReliesOn.Contains(provider.Id))
        {
            throw new DomainRuleException(
                "consumer-not-dependent",
                $"Service '{consumer.Key}' does not depend on '{provider.Key}', directly or through other services; an operational level agreement is made only with a service it relies on.",
                new Dictionary<string, object?> { ["providerServiceId"] = provider.Id, ["consumerServiceId"] = consumer.Id });
        }

        if (consumer.Lifecycle == Lifecycle.Retired)
        {
            throw new DomainRuleException("service-not-live", $"Service '{consumer.Key}' is retired; it takes no new agreements.");
        }

        return Open(provider, Consumer.ForService(consumer.Id), title, justification, targets, submit, actor, now);
    }

    private static Proposal Open(
        Service service, Consumer consumer, string title, string justification, IReadOnlyList<Target> targets, bool submit, ActorRef actor, DateTime now)
    {
        if (!service.AcceptsNewWork)
        {
            throw new DomainRuleException(
                "service-not-live",
                $"Service '{service.Key}' is {service.Lifecycle.ToString().ToLowerInvariant()}; proposals can be made only for live services.");
        }

        var proposal = new Proposal
        {
            Id = Guid.CreateVersion7(now),
            ServiceId = service.Id,
            CustomerId = consumer.CustomerId,
            ConsumerServiceId = consumer.ServiceId,
            Title = title,
            BusinessJustification = justification,
            Status = ProposalStatus.Draft,
            CurrentRound = 1,
            CreatedAt = now,
        };
        proposal._rounds.Add(ProposalRound.Open(proposal.Id, 1, targets, null, actor, now));
        proposal.Record(ProposalEventType.Created, null, null, actor, now);
        if (submit)
        {
            proposal.Submit(service, actor, now);
        }

        return proposal;
    }

    /// <param name="service">The proposal's service: a retired (or never live) one takes no new work.</param>
    public void Submit(Service service, ActorRef actor, DateTime now)
    {
        EnsureTakesWork(service);
        Status = ProposalStateMachine.Apply(Status, ProposalAction.Submit);
        Record(ProposalEventType.Submitted, null, null, actor, now);
    }

    /// <summary>New targets: a new round, and back to submitted (a draft stays a draft). Earlier rounds are kept.</summary>
    /// <param name="service">The proposal's service: a retired (or never live) one takes no new work.</param>
    public void Revise(Service service, IReadOnlyList<Target> targets, string? note, ActorRef actor, DateTime now)
    {
        EnsureTakesWork(service);
        Status = ProposalStateMachine.Apply(Status, ProposalAction.Revise);
        CurrentRound++;
        _rounds.Add(ProposalRound.Open(Id, CurrentRound, targets, note, actor, now));
        Record(ProposalEventType.Revised, null, note, actor, now);
    }

    /// <summary>IT's answer to the current round; a newer analysis of the same round supersedes the older, which is kept.</summary>
    public ImpactAnalysis PublishAnalysis(AnalysisContent content, ActorRef actor, DateTime now)
    {
        var next = ProposalStateMachine.Apply(Status, ProposalAction.Analyse);
        if (ConsumerServiceId is not null && (content.ServiceCredits is not null || content.CounterOffer?.ServiceCredits is not null))
        {
            // A credit is a share of a month's charge to a business unit; between two services nobody is charged.
            throw new DomainRuleException(
                "credits-without-charge",
                "An operational level agreement is not charged to any business unit, so there is no charge to credit: publish the analysis without serviceCredits.");
        }

        Status = next;
        var analysis = ImpactAnalysis.Publish(Id, CurrentRound, content, actor, now);
        CurrentAnalysis?.Supersede(analysis.Id, now);
        _analyses.Add(analysis);
        Record(ProposalEventType.Analysed, analysis.Id, null, actor, now);
        return analysis;
    }

    /// <summary>
    /// The customer accepts one option of the current analysis, confirming the agreement's resulting monthly
    /// charge as the analysis showed it: the charge the agreement stands at plus the option's increase. A
    /// superseded or unknown analysis, a missing counter-offer or a different charge is refused, so nobody
    /// accepts a price they did not see.
    /// </summary>
    /// <param name="service">The proposal's service: a retired (or never live) one takes no new agreement.</param>
    /// <param name="standing">Where the agreement for this service and customer stands (<see cref="AgreementStanding.None"/> before the first version).</param>
    public AcceptedTerms Accept(
        Service service, Guid analysisId, AcceptOption option, decimal monthlyCharge, AgreementStanding standing, Signatory signedBy, ActorRef actor, DateTime now)
    {
        EnsureTakesWork(service);
        var next = ProposalStateMachine.Apply(Status, ProposalAction.Accept);
        var analysis = _analyses.SingleOrDefault(a => a.Id == analysisId);
        if (analysis is null || !analysis.IsCurrent || analysis.Round != CurrentRound)
        {
            var current = CurrentAnalysis;
            throw new DomainRuleException(
                "analysis-not-current",
                $"Analysis {analysisId} is not the current analysis of round {CurrentRound}; read the proposal again and decide on {current?.Id}.",
                new Dictionary<string, object?> { ["currentAnalysisId"] = current?.Id });
        }

        if (analysis.Quote(option, standing, now) is not { } quote)
        {
            throw new DomainRuleException("no-counter-offer", $"Analysis {analysisId} makes no counter-offer; accept the proposed targets or revise.");
        }

        if (quote.MonthlyCharge != monthlyCharge)
        {
            var currency = analysis.Content.Currency;
            throw new DomainRuleException(
                "monthly-charge-mismatch",
                $"Accepting the {(option == AcceptOption.Proposed ? "proposed targets" : "counter-offer")} makes the agreement's monthly charge "
                + $"{quote.MonthlyCharge} {currency}: the current {quote.CurrentMonthlyCharge} {currency} plus {quote.MonthlyCostDelta} {currency}; not {monthlyCharge}.",
                new Dictionary<string, object?>
                {
                    ["expectedMonthlyCharge"] = quote.MonthlyCharge,
                    ["currentMonthlyCharge"] = quote.CurrentMonthlyCharge,
                    ["monthlyCostDelta"] = quote.MonthlyCostDelta,
                    ["currency"] = currency,
                });
        }

        Status = next;
        AcceptedAnalysisId = analysis.Id;
        AcceptedOption = option;
        Record(ProposalEventType.Accepted, analysis.Id, option == AcceptOption.Proposed ? "proposed" : "counter-offer", actor, now);

        var content = analysis.Content;
        var targets = option == AcceptOption.Proposed ? _rounds.Single(r => r.Number == CurrentRound).Targets : content.CounterOffer!.Targets;
        var note = option == AcceptOption.Proposed ? null : content.CounterOffer!.Note;
        var windows = (option == AcceptOption.Proposed ? content.MaintenanceWindows : content.CounterOffer!.MaintenanceWindows) ?? [];
        var credits = option == AcceptOption.Proposed ? content.ServiceCredits : content.CounterOffer!.ServiceCredits;
        return new AcceptedTerms(
            Id, Title, CurrentRound, analysis.Id, option, targets, quote.MonthlyCostDelta, quote.OneOffCost, content.Currency, quote.LeadTimeDays,
            content.TradeOffs, content.Consequences, note, signedBy, actor, now, windows, ServiceCredits: credits);
    }

    /// <summary>
    /// Whether <paramref name="actor"/> may decide this negotiation (submit, revise, accept, withdraw). A customer's
    /// proposal is decided by the customer alone (the tenancy filter keeps other customers out). Between services, the
    /// consumer's side decides: the key that opened the proposal, or an admin.
    /// </summary>
    public bool MayBeDecidedBy(ActorRef actor) => ConsumerServiceId is null
        ? actor.Role == CustomerRole
        : actor.Role == AdminRole || (actor.KeyId == OpenedBy.KeyId && actor.Role == OpenedBy.Role);

    public void Withdraw(string reason, ActorRef actor, DateTime now)
    {
        Status = ProposalStateMachine.Apply(Status, ProposalAction.Withdraw);
        WithdrawalReason = reason;
        Record(ProposalEventType.Withdrawn, null, reason, actor, now);
    }

    /// <summary>
    /// A retired (or never live) service takes no moves that lead to an agreement: submitting, revising and
    /// accepting are refused, withdrawing is not. Checked before the state machine, so the service's state is what
    /// the refusal names.
    /// </summary>
    private void EnsureTakesWork(Service service)
    {
        if (service.Id != ServiceId)
        {
            throw new ArgumentException($"Proposal {Id} is about service {ServiceId}, not {service.Id}.", nameof(service));
        }

        if (!service.AcceptsNewWork)
        {
            throw new DomainRuleException(
                "service-not-live",
                $"Service '{service.Key}' is {service.Lifecycle.ToString().ToLowerInvariant()}; its proposals can no longer be submitted, revised or accepted, only withdrawn.");
        }
    }

    private void Record(ProposalEventType type, Guid? analysisId, string? note, ActorRef actor, DateTime now)
    {
        _events.Add(ProposalEvent.Record(Id, _events.Count + 1, type, CurrentRound, analysisId, note, actor, now));
        UpdatedAt = now;
        Version++;
    }
}

/// <summary>What the customer accepted (the option's own cost and lead time, and what IT said it entails), with its provenance: the input to a new agreement version.</summary>
public sealed record AcceptedTerms(
    Guid ProposalId,
    string ProposalTitle,
    int Round,
    Guid AnalysisId,
    AcceptOption Option,
    IReadOnlyList<Target> Targets,
    decimal MonthlyCostDelta,
    decimal OneOffCost,
    string Currency,
    int LeadTimeDays,
    IReadOnlyList<string> TradeOffs,
    IReadOnlyList<Consequence> Consequences,
    string? Note,
    Signatory SignedBy,
    ActorRef AcceptedBy,
    DateTime AcceptedAt,
    IReadOnlyList<MaintenanceWindow> MaintenanceWindows,
    ServiceHoursCalendar? ServiceHours = null,
    ServiceCredits? ServiceCredits = null);
