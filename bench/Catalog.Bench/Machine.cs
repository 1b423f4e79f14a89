using System.Globalization;

namespace Catalog.Bench;

/// <summary>What the report says about the machine the figures come from.</summary>
internal static class Machine
{
    public static double MemoryGiB()
    {
        var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024 / 1024;
    }

    public static string Cpu() =>
        File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";

    /// <summary>The commit the measured API was built from (what <c>bench/run.sh</c> published).</summary>
    public static async Task<string> CommitAsync()
    {
        try
        {
            var head = (await Processes.RunAsync("git", ["rev-parse", "--short", "HEAD"])).Trim();
            var dirty = (await Processes.RunAsync("git", ["status", "--porcelain", "--", "src"])).Length > 0;
            return dirty ? head + " with changes" : head;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }

    /// <summary>The 1-minute load average: processes running or waiting for a core, the suite's own included.</summary>
    public static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);

    public static async Task<string> WrkVersionAsync()
    {
        try
        {
            await Processes.RunAsync("wrk", ["--version"]);
            return "wrk";
        }
        catch (InvalidOperationException e)
        {
            // wrk prints "wrk <version> [epoll] Copyright …" and its usage, then exits 1.
            return System.Text.RegularExpressions.Regex.Match(e.Message, @"wrk ((?!--)[^\s\[]+)") is { Success: true } match ? $"wrk {match.Groups[1].Value}" : "wrk";
        }
    }
}

/// <summary>
/// Samples the machine's load every five seconds while a block runs. On a machine shared with other work the figures
/// mean little when the load is far above the cores, and the report says how far it was.
/// </summary>
internal sealed class LoadSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<double> _samples = [];
    private readonly Task _loop;

    public LoadSampler()
    {
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                lock (_samples)
                {
                    _samples.Add(Machine.LoadAverage());
                }

                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(5), _stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
    }

    /// <summary>The median and the highest of the samples so far.</summary>
    public (double Median, double Max) Figures()
    {
        lock (_samples)
        {
            var sorted = _samples.Order().ToList();
            return (sorted[sorted.Count / 2], sorted[^1]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
