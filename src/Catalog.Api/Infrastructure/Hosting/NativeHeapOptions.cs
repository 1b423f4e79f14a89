namespace Catalog.Api.Infrastructure.Hosting;

/// <summary>The <c>NativeHeap</c> configuration section.</summary>
public sealed class NativeHeapOptions
{
    public const string Section = "NativeHeap";

    /// <summary>
    /// How often free memory in the C library's arenas goes back to the operating system (decision 0011, item 21);
    /// zero leaves it to the allocator.
    /// </summary>
    public TimeSpan TrimInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>What is wrong with the section, if anything.</summary>
    public static IEnumerable<string> Problems(NativeHeapOptions options)
    {
        if (options.TrimInterval < TimeSpan.Zero)
        {
            yield return "NativeHeap:TrimInterval must be zero (off) or positive.";
        }
    }
}
