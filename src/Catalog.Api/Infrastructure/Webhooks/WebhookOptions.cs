using System.Globalization;

namespace Catalog.Api.Infrastructure.Webhooks;

/// <summary>The <c>Webhooks</c> configuration section.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>About a day in all: 30 s, 2 min, 10 min, 30 min, 2 h, 5 h, 10 h, 6 h after the first attempt's failure.</summary>
    public const string DefaultRetrySchedule = "30s,2m,10m,30m,2h,5h,10h,6h";

    /// <summary>Lets targets on 127.0.0.0/8 and ::1 through (tests, local tools); nothing else that is refused becomes allowed.</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>How long one attempt may take, connection to response headers.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The delays before each retry, comma-separated, each a number with <c>ms</c>, <c>s</c>, <c>m</c> or <c>h</c>
    /// (or a TimeSpan such as <c>00:00:30</c>). After the last one's attempt fails the delivery is given up.
    /// </summary>
    public string RetrySchedule { get; set; } = DefaultRetrySchedule;

    /// <summary>How far each retry delay is moved at random, as a fraction of it (0.2 = ±20 %).</summary>
    public double Jitter { get; set; } = 0.2;

    /// <summary>How often an instance looks for new events and due deliveries when nothing woke it sooner.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many subscriptions one instance sends to at once.</summary>
    public int MaxConcurrentDeliveries { get; set; } = 16;

    /// <summary>How many events one fan-out step queues for one subscription.</summary>
    public int FanOutBatchSize { get; set; } = 200;

    /// <summary>
    /// How long a claimed attempt belongs to the instance that claimed it. Longer than any attempt can take,
    /// so another instance takes it over only when the first one died.
    /// </summary>
    public TimeSpan LeaseDuration => Timeout + TimeSpan.FromSeconds(30);

    public IReadOnlyList<TimeSpan> RetryDelays() => ParseSchedule(RetrySchedule);

    public static IReadOnlyList<TimeSpan> ParseSchedule(string schedule) =>
        schedule.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ParseDelay).ToList();

    /// <summary>What is wrong with the section, if anything.</summary>
    public static IEnumerable<string> Problems(WebhookOptions options)
    {
        if (options.Timeout <= TimeSpan.Zero)
        {
            yield return "Webhooks:Timeout must be positive.";
        }

        if (options.PollInterval <= TimeSpan.Zero)
        {
            yield return "Webhooks:PollInterval must be positive.";
        }

        if (options.MaxConcurrentDeliveries < 1 || options.FanOutBatchSize < 1)
        {
            yield return "Webhooks:MaxConcurrentDeliveries and Webhooks:FanOutBatchSize must be at least 1.";
        }

        if (options.Jitter is < 0 or >= 1)
        {
            yield return "Webhooks:Jitter must be at least 0 and below 1.";
        }

        string? scheduleProblem = null;
        try
        {
            if (options.RetryDelays().Any(d => d < TimeSpan.Zero))
            {
                scheduleProblem = "Webhooks:RetrySchedule must not hold negative delays.";
            }
        }
        catch (FormatException e)
        {
            scheduleProblem = $"Webhooks:RetrySchedule: {e.Message}";
        }

        if (scheduleProblem is not null)
        {
            yield return scheduleProblem;
        }
    }

    private static TimeSpan ParseDelay(string text)
    {
        (string Suffix, Func<double, TimeSpan> Make)[] units =
        [
            ("ms", TimeSpan.FromMilliseconds),
            ("s", TimeSpan.FromSeconds),
            ("m", TimeSpan.FromMinutes),
            ("h", TimeSpan.FromHours),
        ];
        foreach (var (suffix, make) in units)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return make(value);
            }
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span)
            ? span
            : throw new FormatException($"'{text}' is not a delay; write it as 500ms, 30s, 10m, 2h or 00:00:30.");
    }
}
