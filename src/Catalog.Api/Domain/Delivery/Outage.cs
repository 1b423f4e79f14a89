using Catalog.Api.Domain.Common;
using Catalog.Api.Domain.Negotiation;

namespace Catalog.Api.Domain.Delivery;

/// <summary>Where an outage was first reported: a monitoring alert or an ITSM ticket. The same source twice is the same outage.</summary>
public sealed record OutageSource(string System, string Reference);

/// <summary>
/// One correction of the record, with its reason: what the times and the kind were before and after. Kept for good
/// in the outage's history, so a shortened outage shows that it was shortened, by whom and why.
/// </summary>
public sealed record OutageCorrection(
    string Reason,
    ActorRef By,
    DateTime At,
    DateTime StartedAtBefore,
    DateTime? RestoredAtBefore,
    OutageKind KindBefore,
    DateTime StartedAtAfter,
    DateTime? RestoredAtAfter,
    OutageKind KindAfter);

/// <summary>
/// What happened to a service: open while it lasts, closed by a restoration. Never deleted and never silently
/// changed: a correction of its times or kind is a new entry in its history, with a reason and an actor.
/// </summary>
public sealed class Outage
{
    public const int MaxSummaryLength = 1000;

    private List<OutageCorrection> _history = [];

    private Outage()
    {
        Summary = SourceSystem = SourceReference = string.Empty;
        RecordedBy = new ActorRef(Guid.Empty, string.Empty, string.Empty);
    }

    public Guid Id { get; private set; }

    public Guid ServiceId { get; private set; }

    public OutageKind Kind { get; private set; }

    public string? Priority { get; private set; }

    public DateTime StartedAt { get; private set; }

    public DateTime? RestoredAt { get; private set; }

    public string Summary { get; private set; }

    public string? Cause { get; private set; }

    public string SourceSystem { get; private set; }

    public string SourceReference { get; private set; }

    public OutageSource Source => new(SourceSystem, SourceReference);

    public ActorRef RecordedBy { get; private set; }

    public DateTime RecordedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public IReadOnlyList<OutageCorrection> History => _history;

    public int Version { get; private set; }

    public static Outage Record(
        Guid serviceId,
        OutageKind kind,
        string? priority,
        DateTime startedAt,
        DateTime? restoredAt,
        string summary,
        string? cause,
        OutageSource source,
        ActorRef actor,
        DateTime now)
    {
        CheckTimes(startedAt, restoredAt, now);
        return new Outage
        {
            Id = Guid.CreateVersion7(now),
            ServiceId = serviceId,
            Kind = kind,
            Priority = priority,
            StartedAt = startedAt,
            RestoredAt = restoredAt,
            Summary = summary,
            Cause = cause,
            SourceSystem = source.System,
            SourceReference = source.Reference,
            RecordedBy = actor,
            RecordedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
    }

    /// <summary>Closes the outage: the service works again since <paramref name="restoredAt"/>.</summary>
    public void Restore(DateTime restoredAt, DateTime now)
    {
        if (RestoredAt is { } already)
        {
            throw new DomainRuleException(
                "outage-already-restored",
                $"The outage was already restored at {already:yyyy-MM-ddTHH:mm:ssZ}; to change that time, post a correction with a reason.");
        }

        CheckTimes(StartedAt, restoredAt, now);
        RestoredAt = restoredAt;
        Touch(now);
    }

    /// <summary>Corrects the times or the kind, keeping what they were and why they changed.</summary>
    public OutageCorrection Correct(DateTime? startedAt, DateTime? restoredAt, OutageKind? kind, string reason, ActorRef actor, DateTime now)
    {
        var newStart = startedAt ?? StartedAt;
        var newEnd = restoredAt ?? RestoredAt;
        var newKind = kind ?? Kind;
        if (newStart == StartedAt && newEnd == RestoredAt && newKind == Kind)
        {
            throw new DomainRuleException("correction-changes-nothing", "The correction changes neither the times nor the kind of the outage.");
        }

        CheckTimes(newStart, newEnd, now);
        var correction = new OutageCorrection(reason, actor, now, StartedAt, RestoredAt, Kind, newStart, newEnd, newKind);
        _history = [.. _history, correction];
        StartedAt = newStart;
        RestoredAt = newEnd;
        Kind = newKind;
        Touch(now);
        return correction;
    }

    private static void CheckTimes(DateTime startedAt, DateTime? restoredAt, DateTime now)
    {
        if (startedAt > now)
        {
            throw new DomainRuleException("outage-in-future", "An outage cannot start in the future.");
        }

        if (restoredAt is { } end && end <= startedAt)
        {
            throw new DomainRuleException("outage-restored-before-start", $"An outage is restored after it starts ({startedAt:yyyy-MM-ddTHH:mm:ssZ}).");
        }

        if (restoredAt > now)
        {
            throw new DomainRuleException("outage-in-future", "An outage cannot be restored in the future.");
        }
    }

    private void Touch(DateTime now)
    {
        UpdatedAt = now;
        Version++;
    }
}
