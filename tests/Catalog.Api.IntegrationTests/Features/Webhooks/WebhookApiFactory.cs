using Catalog.Api.IntegrationTests.Infrastructure;
using Catalog.Api.IntegrationTests.Infrastructure.Databases;

namespace Catalog.Api.IntegrationTests.Features.Webhooks;

/// <summary>
/// The API as <see cref="CatalogApiFactory"/> runs it, set up for webhook tests: loopback targets allowed (the
/// receiver runs on 127.0.0.1), fast polling and a retry schedule in milliseconds. A factory made with
/// <see cref="OnDatabase"/> starts on a database the caller owns: an API restart, or a second instance.
/// </summary>
public class WebhookApiFactory : CatalogApiFactory
{
    /// <summary>About 10 s of retries in all: long enough to restart a receiver, short enough to wait for.</summary>
    public const string DefaultRetrySchedule = "100ms,200ms,400ms,800ms,1s,2s,2s,4s";

    public WebhookApiFactory()
        : this(null, null)
    {
    }

    protected WebhookApiFactory(IReadOnlyDictionary<string, string?> settings)
        : this(null, settings)
    {
    }

    protected WebhookApiFactory(TestDatabase? database, IReadOnlyDictionary<string, string?>? settings)
        : base(database, WithWebhookDefaults(settings))
    {
    }

    /// <summary>An API on <paramref name="database"/>; the caller disposes the database.</summary>
    public static WebhookApiFactory OnDatabase(TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null) =>
        new(database, settings);

    private static Dictionary<string, string?> WithWebhookDefaults(IReadOnlyDictionary<string, string?>? settings)
    {
        var all = new Dictionary<string, string?>
        {
            ["Webhooks:AllowLoopback"] = "true",
            ["Webhooks:PollInterval"] = "00:00:00.050",
            ["Webhooks:RetrySchedule"] = DefaultRetrySchedule,
            ["Webhooks:Timeout"] = "00:00:05",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return all;
    }
}
