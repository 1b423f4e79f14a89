using Catalog.Api.Infrastructure.Hosting;

namespace Catalog.Api.Infrastructure.Webhooks;

/// <summary>Wakes this instance's dispatcher early (new deliveries queued, an attempt finished, a redelivery asked for).</summary>
public sealed class WebhookSignal : WakeSignal;
