using Catalog.Api.Domain.Negotiation;

namespace Catalog.Api.Infrastructure.Webhooks;

public enum WebhookStatus
{
    Active,
    Disabled,
}

/// <summary>
/// An integrator's subscription of a URL to event types. Never deleted: deleting disables it, and a subscription
/// whose deliveries keep failing is disabled too, with the reason.
/// </summary>
public sealed class WebhookSubscription
{
    public const int MaxUrlLength = 2048;
    public const int MaxDescriptionLength = 500;
    public const int MaxReasonLength = 1000;

    private WebhookSubscription()
    {
        Url = Secret = string.Empty;
        EventTypes = [];
        CreatedBy = null!;
    }

    public Guid Id { get; private set; }

    /// <summary>The API key that created it; an integrator sees only the subscriptions of its own key.</summary>
    public Guid OwnerKeyId { get; private set; }

    public ActorRef CreatedBy { get; private set; }

    public string Url { get; private set; }

    public List<string> EventTypes { get; private set; }

    public string? Description { get; private set; }

    /// <summary>
    /// The signing secret (<c>whsec_</c> + base64). Kept as issued because every delivery is signed with it;
    /// the API shows it only in the response that creates the subscription.
    /// </summary>
    public string Secret { get; private set; }

    public WebhookStatus Status { get; private set; }

    public string? DisabledReason { get; private set; }

    public DateTime? DisabledAt { get; private set; }

    /// <summary>
    /// The fan-out cursor: the last feed sequence this subscription has been looked at for. Every matching
    /// event up to it has its delivery queued, so a restart resumes after it and queues nothing twice.
    /// </summary>
    public long QueuedThrough { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    /// <summary>Changes with what the API shows (status, reason); the ETag. The cursor moves without it.</summary>
    public int Version { get; private set; }

    /// <param name="feedPosition">The feed's last sequence now: only events after it are delivered.</param>
    public static WebhookSubscription Create(
        Guid ownerKeyId, ActorRef createdBy, string url, IEnumerable<string> eventTypes, string? description, string secret, long feedPosition, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(now),
        OwnerKeyId = ownerKeyId,
        CreatedBy = createdBy,
        Url = url,
        EventTypes = eventTypes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim(),
        Secret = secret,
        Status = WebhookStatus.Active,
        QueuedThrough = feedPosition,
        CreatedAt = now,
        UpdatedAt = now,
        Version = 1,
    };

    public static string Truncate(string reason) => reason.Length <= MaxReasonLength ? reason : reason[..(MaxReasonLength - 1)] + "…";
}
