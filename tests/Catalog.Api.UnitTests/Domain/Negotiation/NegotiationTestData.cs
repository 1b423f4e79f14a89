using Catalog.Api.Domain.Metrics;
using Catalog.Api.Domain.Negotiation;
using Catalog.Api.Domain.Services;
using static Catalog.Api.UnitTests.TestData;

namespace Catalog.Api.UnitTests.Domain.Negotiation;

/// <summary>Actors, targets, analyses and proposals for the negotiation and agreement tests; fixed ids and instants only.</summary>
internal static class NegotiationTestData
{
    public static readonly Guid CustomerId = new("0190f0b4-0000-7000-8000-0000000000c1");

    public static readonly ActorRef Customer = new(new Guid("0190f0b4-0000-7000-8000-0000000000b1"), "Fiona Finance", "customer");

    public static readonly ActorRef Customer2 = new(new Guid("0190f0b4-0000-7000-8000-0000000000b3"), "Frank Finance", "customer");

    public static readonly ActorRef ItLead = new(new Guid("0190f0b4-0000-7000-8000-0000000000b2"), "Ian It-Lead", "it-lead");

    /// <summary>The person who signs for the customer.</summary>
    public static readonly Signatory Signer = new("Fiona Fischer", "Head of Finance");

    public static readonly DateTime T4 = T0.AddHours(4);
    public static readonly DateTime T5 = T0.AddHours(5);
    public static readonly DateTime T6 = T0.AddHours(6);

    /// <summary>The built-in vocabulary keyed by metric key, as the application hands it to the domain.</summary>
    public static IReadOnlyDictionary<string, Metric> Vocabulary { get; } = BuiltInMetrics.All.ToDictionary(m => m.Key);

    public static Metric MetricOf(string key) => Vocabulary[key];

    public static Target Availability(decimal percent, string? scope = null) => new("availability", TargetValue.Of(percent), scope);

    public static Target TimeToRestore(decimal minutes, string? scope = null) => new("time-to-restore", TargetValue.Of(minutes), scope);

    public static Target ResponseTime(decimal milliseconds, string? scope = null) => new("response-time", TargetValue.Of(milliseconds), scope);

    public static Target SupportHours(string level, string? scope = null) => new("support-hours", TargetValue.Of(level), scope);

    public static Target RecoveryPoint(decimal minutes) => new("recovery-point", TargetValue.Of(minutes));

    public static Target RecoveryTime(decimal minutes) => new("recovery-time", TargetValue.Of(minutes));

    /// <summary>Round 1 of the standard proposal: 99.9% availability, P1 restored within 4 hours.</summary>
    public static IReadOnlyList<Target> Round1Targets { get; } = [Availability(99.9m), TimeToRestore(240m, "P1")];

    /// <summary>A revision: stricter availability, faster restore, support around the clock.</summary>
    public static IReadOnlyList<Target> Round2Targets { get; } = [Availability(99.95m), TimeToRestore(120m, "P1"), SupportHours("24x7")];

    /// <summary>IT's counter-offer: a little less availability, same restore time.</summary>
    public static IReadOnlyList<Target> CounterOfferTargets { get; } = [Availability(99.5m), TimeToRestore(240m, "P1")];

    public static Service LiveService() => NewService(lifecycle: Lifecycle.Live);

    /// <summary>The live service every standard proposal is about; no test changes it.</summary>
    public static Service Mail { get; } = LiveService();

    public static AnalysisContent Analysis(
        decimal monthlyCostDelta = 1_500m,
        string currency = "EUR",
        int leadTimeDays = 14,
        CounterOffer? counterOffer = null) =>
        new(
            OneOffCost: 8_000m,
            MonthlyCostDelta: monthlyCostDelta,
            Currency: currency,
            LabourDays: 12.5m,
            LeadTimeDays: leadTimeDays,
            Feasibility: Feasibility.NeedsInvestment,
            Consequences: [new Consequence(null, "Backups move to a second site.", ConsequenceSeverity.Medium)],
            TradeOffs: ["Maintenance windows move to Sunday nights."],
            CounterOffer: counterOffer);

    public static CounterOffer Counter(decimal monthlyCostDelta = 600m) =>
        new(CounterOfferTargets, 2_000m, monthlyCostDelta, 45, "Cheaper without a second data centre.");

    /// <summary>A proposal opened by <see cref="Customer"/> at T0 for <see cref="Mail"/> (or the service given); submitted too unless told.</summary>
    public static Proposal OpenProposal(bool submit = true, IReadOnlyList<Target>? targets = null, Service? service = null) =>
        Proposal.Open(service ?? Mail, CustomerId, "Mail for the closing week", "Month-end closing cannot wait for mail.", targets ?? Round1Targets, submit, Customer, T0);

    /// <summary>Opened and submitted at T0, analysed by <see cref="ItLead"/> at T1.</summary>
    public static (Proposal Proposal, ImpactAnalysis Analysis) AnalysedProposal(AnalysisContent? content = null, Service? service = null)
    {
        var proposal = OpenProposal(service: service);
        var analysis = proposal.PublishAnalysis(content ?? Analysis(), ItLead, T1);
        return (proposal, analysis);
    }

    public static AcceptedTerms Terms(
        IReadOnlyList<Target>? targets = null,
        decimal monthlyCostDelta = 1_500m,
        string currency = "EUR",
        int leadTimeDays = 14,
        DateTime? acceptedAt = null,
        AcceptOption option = AcceptOption.Proposed,
        int round = 1,
        string title = "Mail for the closing week",
        ActorRef? acceptedBy = null) =>
        new(
            new Guid("0190f0b4-0000-7000-8000-0000000000d1"),
            title,
            round,
            new Guid("0190f0b4-0000-7000-8000-0000000000e1"),
            option,
            targets ?? Round1Targets,
            monthlyCostDelta,
            3_000m,
            currency,
            leadTimeDays,
            ["Maintenance windows move to Sunday nights."],
            [new Consequence(null, "Backups move to a second site.", ConsequenceSeverity.Medium)],
            option == AcceptOption.CounterOffer ? "Cheaper without a second data centre." : null,
            Signer,
            acceptedBy ?? Customer,
            acceptedAt ?? T0,
            []);
}
