using System.Runtime.InteropServices;

namespace Catalog.Api.Infrastructure.Hosting;

/// <summary>
/// The C library's allocator, which the runtime, its JIT compiler and SQLite allocate from. On glibc a block freed
/// in the middle of an arena stays resident: the memory compiling code at first use and SQLite's page caches take
/// under load is mostly free again afterwards, yet still counted in the process's RSS until the arena is trimmed.
/// </summary>
internal static class NativeHeap
{
    private static readonly Lazy<bool> Trimmable = new(() => Trim() is not null);

    /// <summary>Whether this process's C library can give free arena memory back (glibc on Linux; not musl).</summary>
    public static bool CanTrim => Trimmable.Value;

    /// <summary>
    /// Gives the free whole pages of every arena back to the operating system (glibc's <c>malloc_trim(0)</c>).
    /// </summary>
    /// <returns>Whether any memory was given back; null where the C library has no such call.</returns>
    public static bool? Trim()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            return MallocTrim(0) == 1;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallocTrim(nuint pad);
}
