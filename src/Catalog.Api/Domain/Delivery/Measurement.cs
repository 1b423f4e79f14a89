using Catalog.Api.Domain.Negotiation;

namespace Catalog.Api.Domain.Delivery;

/// <summary>
/// A result an integrator computed for one month that outages cannot give: a p95 response time, a tested recovery
/// time. One per (service, metric, scope, month, source): the same source reporting again replaces its own value.
/// </summary>
public sealed class Measurement
{
    private Measurement()
    {
        Metric = Period = Source = string.Empty;
        RecordedBy = new ActorRef(Guid.Empty, string.Empty, string.Empty);
    }

    public Guid Id { get; private set; }

    public Guid ServiceId { get; private set; }

    public string Metric { get; private set; }

    /// <summary>The scope the value is for (a percentile, a priority); empty when it has none, so the unique key holds.</summary>
    public string Scope { get; private set; } = string.Empty;

    /// <summary>The calendar month measured, YYYY-MM.</summary>
    public string Period { get; private set; }

    public decimal Value { get; private set; }

    public string Source { get; private set; }

    public ActorRef RecordedBy { get; private set; }

    public DateTime RecordedAt { get; private set; }

    public int Version { get; private set; }

    public static Measurement Record(Guid serviceId, string metric, string? scope, string period, decimal value, string source, ActorRef actor, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(now),
        ServiceId = serviceId,
        Metric = metric,
        Scope = scope ?? string.Empty,
        Period = period,
        Value = value,
        Source = source,
        RecordedBy = actor,
        RecordedAt = now,
        Version = 1,
    };

    /// <summary>The source reports the month again; true when the value changed.</summary>
    public bool Report(decimal value, ActorRef actor, DateTime now)
    {
        if (value == Value)
        {
            return false;
        }

        Value = value;
        RecordedBy = actor;
        RecordedAt = now;
        Version++;
        return true;
    }
}
