namespace Catalog.Api.Infrastructure.Caching;

/// <summary>The <c>ResponseCache</c> configuration section.</summary>
public sealed class ResponseCacheOptions
{
    public const string Section = "ResponseCache";

    /// <summary>Off, every read goes to the database.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How often an instance follows the change feed to evict what other instances changed: the longest a
    /// read on one instance can show a resource as it was before a write committed through another.
    /// </summary>
    public TimeSpan FeedPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a response stays cached when nothing changes it (a bound on changes made outside the API).</summary>
    public TimeSpan Expiration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The most memory cached responses may take; the least recently used go first beyond it.</summary>
    public int SizeLimitMegabytes { get; set; } = 32;

    /// <summary>What is wrong with the section, if anything.</summary>
    public static IEnumerable<string> Problems(ResponseCacheOptions options)
    {
        if (options.FeedPollInterval <= TimeSpan.Zero || options.Expiration <= TimeSpan.Zero)
        {
            yield return "ResponseCache:FeedPollInterval and ResponseCache:Expiration must be positive.";
        }

        if (options.SizeLimitMegabytes < 1)
        {
            yield return "ResponseCache:SizeLimitMegabytes must be at least 1.";
        }
    }
}
