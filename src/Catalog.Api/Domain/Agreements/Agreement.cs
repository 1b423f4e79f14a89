using Catalog.Api.Domain.Delivery;
using Catalog.Api.Domain.Common;
using Catalog.Api.Domain.Negotiation;

namespace Catalog.Api.Domain.Agreements;

public enum AgreementStatus
{
    Active,
    Terminated,
}

/// <summary>
/// The service levels one customer has agreed for one service, as a history of immutable versions. A version
/// comes into being only from a customer's acceptance of an analysed proposal; nothing else writes targets. An
/// operational level agreement is the same between two services: its consumer is the dependent service.
/// </summary>
public sealed class Agreement
{
    private readonly List<AgreementVersion> _versions = [];

    private Agreement()
    {
    }

    public Guid Id { get; private set; }

    public Guid ServiceId { get; private set; }

    /// <summary>The customer; null for an operational level agreement.</summary>
    public Guid? CustomerId { get; private set; }

    /// <summary>The dependent service of an operational level agreement; null for a customer's agreement.</summary>
    public Guid? ConsumerServiceId { get; private set; }

    public Consumer Consumer => Consumer.Of(CustomerId, ConsumerServiceId);

    public AgreementStatus Status { get; private set; }

    public int CurrentVersion { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public string? TerminationReason { get; private set; }

    public ActorRef? TerminatedBy { get; private set; }

    public DateTime? TerminatedAt { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<AgreementVersion> Versions => _versions;

    /// <summary>Opens the agreement for (service, customer) with its first version.</summary>
    public static Agreement Open(Guid serviceId, Guid customerId, AcceptedTerms terms) => Open(serviceId, Consumer.ForCustomer(customerId), terms);

    /// <summary>Opens the agreement for (service, consumer) with its first version.</summary>
    public static Agreement Open(Guid serviceId, Consumer consumer, AcceptedTerms terms)
    {
        var agreement = new Agreement
        {
            Id = Guid.CreateVersion7(terms.AcceptedAt),
            ServiceId = serviceId,
            CustomerId = consumer.CustomerId,
            ConsumerServiceId = consumer.ServiceId,
            CreatedAt = terms.AcceptedAt,
        };
        agreement.AddVersion(terms);
        return agreement;
    }

    /// <summary>What a new version builds on: the newest version's charge and effective date.</summary>
    public AgreementStanding Standing => _versions.LastOrDefault() is { } newest ? new(newest.MonthlyCharge, newest.EffectiveFrom) : AgreementStanding.None;

    /// <summary>
    /// Adds the next version from an acceptance. The monthly charge is the previous version's plus the accepted
    /// delta (IT prices a renegotiation against what is already agreed), and it takes effect after the accepted
    /// option's lead time, never before the previous version (<see cref="AgreementStanding"/>). A terminated
    /// agreement comes back into force with the new version; its history stays.
    /// </summary>
    public AgreementVersion AddVersion(AcceptedTerms terms)
    {
        var previous = _versions.LastOrDefault();
        var standing = Standing;
        if (previous is not null && previous.Currency != terms.Currency)
        {
            throw new DomainRuleException(
                "currency-mismatch",
                $"The agreement is charged in {previous.Currency}; an analysis priced in {terms.Currency} cannot extend it.");
        }

        var charge = standing.ChargeWith(terms.MonthlyCostDelta);
        if (charge < 0)
        {
            throw new DomainRuleException(
                "negative-charge",
                $"Accepting would make the monthly charge {charge} {terms.Currency}; an agreement never pays the customer. IT should publish a corrected analysis.");
        }

        var version = AgreementVersion.From(Id, _versions.Count + 1, terms, charge, standing.EffectiveFrom(terms.AcceptedAt, terms.LeadTimeDays));
        _versions.Add(version);
        CurrentVersion = version.Number;
        Status = AgreementStatus.Active;
        TerminationReason = null;
        TerminatedBy = null;
        TerminatedAt = null;
        UpdatedAt = terms.AcceptedAt;
        Version++;
        return version;
    }

    /// <summary>When each version is (or was, or will be) in force; see <see cref="InForce"/>.</summary>
    public IReadOnlyList<InForcePeriod> InForcePeriods() =>
        InForce.Periods(_versions.Select(v => (v.Number, v.EffectiveFrom)), Status == AgreementStatus.Terminated ? TerminatedAt : null);

    /// <summary>The version in force at the instant, or null when none is (not yet in force, or terminated).</summary>
    public AgreementVersion? VersionInForceAt(DateTime instant) =>
        InForce.VersionAt(InForcePeriods(), instant) is { } number ? _versions.Single(v => v.Number == number) : null;

    public void Terminate(string reason, ActorRef actor, DateTime now)
    {
        if (Status == AgreementStatus.Terminated)
        {
            throw new DomainRuleException(
                "agreement-terminated",
                $"The agreement was terminated on {TerminatedAt:yyyy-MM-dd}; a new acceptance brings it back.",
                new Dictionary<string, object?> { ["currentStatus"] = "terminated" });
        }

        Status = AgreementStatus.Terminated;
        TerminationReason = reason;
        TerminatedBy = actor;
        TerminatedAt = now;
        UpdatedAt = now;
        Version++;
    }
}

/// <summary>One immutable version of an agreement: what is promised, what it costs, and where it came from.</summary>
public sealed class AgreementVersion
{
    private List<MaintenanceWindow> _maintenanceWindows = [];

    private List<Target> _targets = [];
    private List<string> _tradeOffs = [];
    private List<Consequence> _consequences = [];

    private AgreementVersion()
    {
        Currency = ProposalTitle = string.Empty;
        AcceptedBy = null!;
    }

    public Guid AgreementId { get; private set; }

    public int Number { get; private set; }

    public IReadOnlyList<Target> Targets => _targets;

    public decimal MonthlyCharge { get; private set; }

    public string Currency { get; private set; }

    /// <summary>What the accepted option costs once, on top of the monthly charge.</summary>
    public decimal OneOffCost { get; private set; }

    /// <summary>What the customer gives up, as IT stated it in the accepted analysis.</summary>
    public IReadOnlyList<string> TradeOffs => _tradeOffs;

    /// <summary>What meeting the targets does to other services, as IT stated it in the accepted analysis.</summary>
    public IReadOnlyList<Consequence> Consequences => _consequences;

    /// <summary>The counter-offer's note, when the customer accepted the counter-offer.</summary>
    public string? Note { get; private set; }

    public DateTime EffectiveFrom { get; private set; }

    public Guid ProposalId { get; private set; }

    public string ProposalTitle { get; private set; }

    public int Round { get; private set; }

    public Guid AnalysisId { get; private set; }

    public AcceptOption Option { get; private set; }

    public ActorRef AcceptedBy { get; private set; }

    /// <summary>The person who signed for the customer; null only on versions accepted before signatures were recorded.</summary>
    public Signatory? SignedBy { get; private set; }

    public DateTime AcceptedAt { get; private set; }

    /// <summary>When IT may do planned work without it counting as downtime, as agreed with this version.</summary>
    public IReadOnlyList<MaintenanceWindow> MaintenanceWindows => _maintenanceWindows;

    /// <summary>
    /// What the version's support hours meant when it was accepted, in the customer's time zone then: availability is
    /// measured and the time-to-restore clock runs within these hours. Null on versions accepted before calendars existed,
    /// which are measured around the clock.
    /// </summary>
    public ServiceHoursCalendar? ServiceHours { get; private set; }

    /// <summary>What a miss costs IT, as agreed with this version; null when the accepted option offered no credits.</summary>
    public ServiceCredits? ServiceCredits { get; private set; }

    internal static AgreementVersion From(Guid agreementId, int number, AcceptedTerms terms, decimal monthlyCharge, DateTime effectiveFrom) => new()
    {
        AgreementId = agreementId,
        Number = number,
        _targets = [.. terms.Targets],
        MonthlyCharge = monthlyCharge,
        Currency = terms.Currency,
        OneOffCost = terms.OneOffCost,
        _tradeOffs = [.. terms.TradeOffs],
        _consequences = [.. terms.Consequences],
        Note = terms.Note,
        EffectiveFrom = effectiveFrom,
        ProposalId = terms.ProposalId,
        ProposalTitle = terms.ProposalTitle,
        Round = terms.Round,
        AnalysisId = terms.AnalysisId,
        Option = terms.Option,
        AcceptedBy = terms.AcceptedBy,
        SignedBy = terms.SignedBy,
        AcceptedAt = terms.AcceptedAt,
        _maintenanceWindows = [.. terms.MaintenanceWindows],
        ServiceHours = terms.ServiceHours,
        ServiceCredits = terms.ServiceCredits,
    };
}
