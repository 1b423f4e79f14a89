using AutoMapper;
using Catalog.Api.Domain.Negotiation;
using Catalog.Api.Infrastructure.Webhooks;
using Catalog.Api.Infrastructure.Http;

namespace Catalog.Api.Features.Webhooks;

/// <summary>A webhook subscription as listed: never its secret, which is shown only once, when it is created.</summary>
public record WebhookResponse : IVersionTagged
{
    public Guid Id { get; init; }

    public required string Url { get; init; }

    /// <summary>The change event types delivered, as the change feed names them.</summary>
    public required IReadOnlyList<string> EventTypes { get; init; }

    public string? Description { get; init; }

    public WebhookStatus Status { get; init; }

    /// <summary>Why it is disabled: deleted (and by whom), or the deliveries that kept failing.</summary>
    public string? DisabledReason { get; init; }

    public DateTime? DisabledAt { get; init; }

    /// <summary>The API key that created it; an integrator sees only its own key's subscriptions.</summary>
    public required ActorRef CreatedBy { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; init; }

    /// <summary>Increases with every change; the ETag is this number in quotes.</summary>
    public int Version { get; init; }

    /// <remarks>A projection selects only these members: the secret is never even loaded.</remarks>
    internal sealed class Mapping : Profile
    {
        public Mapping()
        {
            CreateMap<WebhookSubscription, WebhookResponse>();
            CreateMap<WebhookSubscription, CreatedWebhookResponse>();
        }
    }
}

/// <summary>A newly created subscription, with its signing secret. Store the secret now: it cannot be shown again.</summary>
public sealed record CreatedWebhookResponse : WebhookResponse
{
    /// <summary><c>whsec_</c> + base64 of the key; verify <c>webhook-signature</c> with it as the Standard Webhooks spec says.</summary>
    public required string Secret { get; init; }
}

/// <summary>One event sent (or to be sent) to one subscription, with every attempt.</summary>
public sealed record WebhookDeliveryResponse
{
    /// <summary>The <c>webhook-id</c> header the receiver sees, the same on every retry and redelivery.</summary>
    public Guid Id { get; init; }

    public Guid WebhookId { get; init; }

    /// <summary>The change event's sequence in the feed.</summary>
    public long Sequence { get; init; }

    public required string EventType { get; init; }

    public WebhookDeliveryStatus Status { get; init; }

    /// <summary>Oldest first.</summary>
    public required IReadOnlyList<WebhookAttemptResponse> Attempts { get; init; }

    /// <summary>When the next attempt is due; null when none is scheduled.</summary>
    public DateTime? NextAttemptAt { get; init; }

    public DateTime CreatedAt { get; init; }

    /// <summary>When it last succeeded or was given up.</summary>
    public DateTime? CompletedAt { get; init; }
}

/// <summary>One try at sending a delivery.</summary>
/// <param name="StatusCode">The receiver's answer, when it answered at all.</param>
/// <param name="Error">What went wrong when there is no status code to say it, or why a status code did not count.</param>
/// <param name="LatencyMs">From sending to the response headers, or to the failure.</param>
public sealed record WebhookAttemptResponse(DateTime At, int? StatusCode, string? Error, long LatencyMs);
