using System.Runtime.InteropServices;
using Catalog.Api.Infrastructure.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Catalog.Api.UnitTests.Infrastructure;

/// <summary>Giving the C library's free arena memory back to the operating system (decision 0011, item 21).</summary>
public sealed class NativeHeapTests
{
    private const int BlockBytes = 2048;
    private const int Blocks = 32 * 1024; // 64 MiB
    private const int KeepEvery = 64;

    [Fact]
    public void Trim_GivesBackFreedMemoryThatFreeAloneKeeps()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Null(NativeHeap.Trim());
            return;
        }

        // 64 MiB in small blocks, all touched; then every block freed but one in 64, so that the freed runs sit
        // between live blocks, where free() keeps them resident, and none at the arena's top, which it would trim.
        var fill = Enumerable.Repeat((byte)0xA5, BlockBytes).ToArray();
        var blocks = new nint[Blocks];
        for (var i = 0; i < Blocks; i++)
        {
            blocks[i] = Marshal.AllocHGlobal(BlockBytes); // malloc
            Marshal.Copy(fill, 0, blocks[i], BlockBytes);
        }

        try
        {
            for (var i = 0; i < Blocks; i++)
            {
                if (i % KeepEvery != KeepEvery - 1)
                {
                    Marshal.FreeHGlobal(blocks[i]);
                    blocks[i] = 0;
                }
            }

            var kept = ResidentAnonymousKiB();
            Assert.True(NativeHeap.Trim());
            var released = kept - ResidentAnonymousKiB();

            Assert.True(released >= 32 * 1024, $"trimming gave back {released} KiB of about 63 MiB freed");
        }
        finally
        {
            foreach (var block in blocks.Where(b => b != 0))
            {
                Marshal.FreeHGlobal(block);
            }
        }
    }

    [Fact]
    public void CanTrim_OnLinuxWithGlibc()
    {
        Assert.Equal(OperatingSystem.IsLinux(), NativeHeap.CanTrim);
    }

    [Fact]
    public void Trimmer_RunsByDefault_EverySecond()
    {
        using var services = Services();

        Assert.Equal(TimeSpan.FromSeconds(1), services.GetRequiredService<IOptions<NativeHeapOptions>>().Value.TrimInterval);
        Assert.Equal(NativeHeap.CanTrim, services.GetServices<IHostedService>().OfType<NativeHeapTrimmer>().Any());
    }

    [Fact]
    public void Trimmer_ZeroInterval_IsOff()
    {
        using var services = Services(("NativeHeap:TrimInterval", "00:00:00"));

        Assert.Empty(services.GetServices<IHostedService>().OfType<NativeHeapTrimmer>());
    }

    [Fact]
    public void Trimmer_NegativeInterval_RefusesToStartWithTheSettingToFix()
    {
        using var services = Services(("NativeHeap:TrimInterval", "-00:00:01"));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<NativeHeapOptions>>().Value);

        Assert.Contains("NativeHeap:TrimInterval must be zero (off) or positive.", error.Failures);
    }

    private static ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddCatalogNativeHeapTrimming(configuration)
            .BuildServiceProvider();
    }

    private static long ResidentAnonymousKiB() =>
        File.ReadLines("/proc/self/status")
            .Where(line => line.StartsWith("RssAnon:", StringComparison.Ordinal))
            .Select(line => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture))
            .Single();
}
