namespace Catalog.Api.Infrastructure.Webhooks;

public enum WebhookDeliveryStatus
{
    Pending,
    Succeeded,
    Failed,
}

/// <summary>
/// One event to send to one subscription: the durable queue entry and its log. Its id is the
/// <c>webhook-id</c> the receiver sees, the same on every retry and redelivery.
/// </summary>
/// <remarks>
/// A subscription's deliveries go out in sequence order: only its pending, scheduled delivery with the lowest
/// sequence (its head) may be sent. Instances claim a head by setting <see cref="LeasedUntil"/> with a
/// conditional update, so one attempt is made by one instance only.
/// </remarks>
public sealed class WebhookDelivery
{
    public const int MaxErrorLength = 500;

    private WebhookDelivery()
    {
        EventType = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid SubscriptionId { get; private set; }

    /// <summary>The change event's sequence in the feed.</summary>
    public long Sequence { get; private set; }

    public string EventType { get; private set; }

    public WebhookDeliveryStatus Status { get; private set; }

    /// <summary>Failed attempts since it was queued or last redelivered; picks the next retry delay.</summary>
    public int Failures { get; private set; }

    /// <summary>When the next attempt is due; null when it is not scheduled (done, or its subscription is disabled).</summary>
    public DateTime? NextAttemptAt { get; private set; }

    /// <summary>Until when an instance's claim on the current attempt holds; null when nobody holds it.</summary>
    public DateTime? LeasedUntil { get; private set; }

    /// <summary>The instance holding the claim.</summary>
    public Guid? LeaseOwner { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>When it last succeeded or was given up.</summary>
    public DateTime? CompletedAt { get; private set; }

    public static WebhookDelivery Queue(Guid subscriptionId, long sequence, string eventType, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(now),
        SubscriptionId = subscriptionId,
        Sequence = sequence,
        EventType = eventType,
        Status = WebhookDeliveryStatus.Pending,
        NextAttemptAt = now,
        CreatedAt = now,
    };
}

/// <summary>One try at sending a delivery; append-only.</summary>
public sealed class WebhookAttempt
{
    private WebhookAttempt()
    {
    }

    public Guid Id { get; private set; }

    public Guid DeliveryId { get; private set; }

    public DateTime At { get; private set; }

    /// <summary>The receiver's status code, when it answered at all.</summary>
    public int? StatusCode { get; private set; }

    /// <summary>What went wrong when there is no status code to say it (refused, unreachable, timed out), or a redirect.</summary>
    public string? Error { get; private set; }

    public long LatencyMs { get; private set; }

    public bool Succeeded => StatusCode is >= 200 and < 300;

    public static WebhookAttempt Record(Guid deliveryId, DateTime at, int? statusCode, string? error, long latencyMs) => new()
    {
        Id = Guid.CreateVersion7(at),
        DeliveryId = deliveryId,
        At = at,
        StatusCode = statusCode,
        Error = error is null || error.Length <= WebhookDelivery.MaxErrorLength ? error : error[..(WebhookDelivery.MaxErrorLength - 1)] + "…",
        LatencyMs = latencyMs,
    };
}
