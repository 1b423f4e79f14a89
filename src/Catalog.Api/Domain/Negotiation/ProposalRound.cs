namespace Catalog.Api.Domain.Negotiation;

/// <summary>One round of a negotiation: the targets the customer asked for at that point. Rounds are never rewritten.</summary>
public sealed class ProposalRound
{
    private List<Target> _targets = [];

    private ProposalRound()
    {
        CreatedBy = null!;
    }

    public Guid ProposalId { get; private set; }

    public int Number { get; private set; }

    public IReadOnlyList<Target> Targets => _targets;

    public string? Note { get; private set; }

    public ActorRef CreatedBy { get; private set; }

    public DateTime CreatedAt { get; private set; }

    internal static ProposalRound Open(Guid proposalId, int number, IReadOnlyList<Target> targets, string? note, ActorRef actor, DateTime now) => new()
    {
        ProposalId = proposalId,
        Number = number,
        _targets = [.. targets],
        Note = note,
        CreatedBy = actor,
        CreatedAt = now,
    };
}

public enum ProposalEventType
{
    Created,
    Submitted,
    Revised,
    Analysed,
    Accepted,
    Withdrawn,
}

/// <summary>An entry of the proposal's append-only timeline.</summary>
public sealed class ProposalEvent
{
    private ProposalEvent()
    {
        Actor = null!;
    }

    public Guid ProposalId { get; private set; }

    public int Sequence { get; private set; }

    public ProposalEventType Type { get; private set; }

    public int Round { get; private set; }

    public Guid? AnalysisId { get; private set; }

    public string? Note { get; private set; }

    public ActorRef Actor { get; private set; }

    public DateTime OccurredAt { get; private set; }

    internal static ProposalEvent Record(Guid proposalId, int sequence, ProposalEventType type, int round, Guid? analysisId, string? note, ActorRef actor, DateTime now) => new()
    {
        ProposalId = proposalId,
        Sequence = sequence,
        Type = type,
        Round = round,
        AnalysisId = analysisId,
        Note = note,
        Actor = actor,
        OccurredAt = now,
    };
}
