using Catalog.Api.Domain.Negotiation;

namespace Catalog.Api.Infrastructure.ChangeFeed;

/// <summary>
/// One entry of the append-only change feed: what happened to which resource, who did it, when, and the
/// resource as it stood afterwards (JSON, in the same shape the API returns it).
/// </summary>
public sealed class ChangeEvent
{
    private ChangeEvent()
    {
        Type = SubjectType = Data = string.Empty;
        Actor = null!;
    }

    public long Sequence { get; private set; }

    public string Type { get; private set; }

    public string SubjectType { get; private set; }

    public Guid SubjectId { get; private set; }

    public ActorRef Actor { get; private set; }

    public DateTime OccurredAt { get; private set; }

    public string Data { get; private set; }

    internal static ChangeEvent Create(long sequence, string type, string subjectType, Guid subjectId, ActorRef actor, DateTime occurredAt, string data) => new()
    {
        Sequence = sequence,
        Type = type,
        SubjectType = subjectType,
        SubjectId = subjectId,
        Actor = actor,
        OccurredAt = occurredAt,
        Data = data,
    };
}

/// <summary>The single row whose value is the last sequence handed out.</summary>
public sealed class ChangeCounter
{
    public const int SingletonId = 1;

    public int Id { get; private set; }

    public long Value { get; private set; }
}
